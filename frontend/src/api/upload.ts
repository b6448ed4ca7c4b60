// Posting a file's bytes to the asset server's upload route, so a large PDF
// never crosses the Wails bridge as base64. The route and its per-run secret
// come from Templates.UploadTarget or Contracts.UploadTarget (the same route,
// each with its own files URL); the answer is the staged file's id.
import type { GoStaged, GoUploadTarget } from './models'
import { toAppError, type AppError } from './errors'

/** Where and how to post a file (Go's app.UploadTarget); filesUrl prefixes "<id>.pdf?s=<secret>". */
export type UploadTarget = GoUploadTarget

/** A file waiting on the Go side, named by an opaque id (Go's templates.Staged). */
export type StagedFile = GoStaged

export interface PostOptions {
  /**
   * The id the file is staged under (newUploadId). Known before the post
   * answers, so a Cancelar can discard a file whose bytes are still on their
   * way: Go drops it when it lands instead of keeping it unknown to the page.
   */
  id?: string
  /** Called with the fraction sent, 0..1, as the bytes go out. */
  onProgress?: (fraction: number) => void
  /** Aborting stops the transfer; the promise then rejects with code "upload.aborted". */
  signal?: AbortSignal
}

// Each field of Go's templates.Staged and its JSON type: satisfies makes a
// renamed or added Go field fail vue-tsc here.
const stagedFields = { id: 'string', fileName: 'string', size: 'number' } as const satisfies Record<keyof StagedFile, 'string' | 'number'>

/** The route's answer to a post it accepted: the staged file, as Go's JSON spells it. */
export function isStaged(v: unknown): v is StagedFile {
  if (typeof v !== 'object' || v === null) return false
  return Object.entries(stagedFields).every(([k, type]) => typeof Reflect.get(v, k) === type)
}

/** A fresh id for postFile: 32 hex digits, as Go's templates inbox takes. */
export function newUploadId(): string {
  // getRandomValues, not randomUUID: the window's custom scheme need not be
  // a secure context.
  const b = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}

/** The error a post rejects with once its signal aborted it. */
export const abortedCode = 'upload.aborted'

/**
 * Posts file to the upload route. Resolves with the staged file; rejects
 * with an AppError: the route's own (template.too_large, ...) or
 * "internal" when the connection failed.
 */
export function postFile(target: UploadTarget, file: Blob, fileName: string, opts: PostOptions = {}): Promise<StagedFile> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject({ code: abortedCode } satisfies AppError)
      return
    }
    const xhr = new XMLHttpRequest()
    const onAbort = () => xhr.abort()
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    const done = () => opts.signal?.removeEventListener('abort', onAbort)
    xhr.open('POST', target.url)
    xhr.setRequestHeader('X-Selo-Upload-Secret', target.secret)
    xhr.setRequestHeader('X-Selo-File-Name', encodeURIComponent(fileName))
    if (opts.id) xhr.setRequestHeader('X-Selo-Upload-Id', opts.id)
    xhr.setRequestHeader('Content-Type', 'application/pdf')
    xhr.responseType = 'text'
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(e.loaded / e.total)
    }
    xhr.onload = () => {
      done()
      let body: unknown
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = undefined
      }
      if (xhr.status === 200 && isStaged(body)) {
        opts.onProgress?.(1)
        resolve(body)
      } else {
        reject(toAppError(body ?? new Error(xhr.responseText)))
      }
    }
    xhr.onerror = () => {
      done()
      reject({ code: 'internal' } satisfies AppError)
    }
    xhr.onabort = () => {
      done()
      reject({ code: abortedCode } satisfies AppError)
    }
    // The bytes, not the Blob: WebKitGTK hands a custom-scheme handler (the
    // desktop window's asset server) an empty body for a file-backed Blob.
    file.arrayBuffer().then(
      (buf) => {
        if (opts.signal?.aborted) xhr.onabort?.(new ProgressEvent('abort'))
        else xhr.send(buf)
      },
      () => {
        done()
        reject({ code: 'internal' } satisfies AppError)
      },
    )
  })
}

/**
 * Reads a PDF from the asset server (not as base64 through the bridge):
 * a template's or a contract's, as target.filesUrl says. Rejects with the
 * route's AppError, or "internal".
 */
export async function fetchFile(target: UploadTarget, id: number): Promise<Blob> {
  let res: Response
  try {
    res = await fetch(`${target.filesUrl}${id}.pdf?s=${encodeURIComponent(target.secret)}`, { cache: 'no-store' })
  } catch {
    throw { code: 'internal' } satisfies AppError
  }
  if (!res.ok) {
    let body: unknown
    try {
      body = await res.json()
    } catch {
      body = undefined
    }
    throw toAppError(body ?? new Error(res.statusText))
  }
  return res.blob()
}

/** fetchFile for a template's PDF (Templates.UploadTarget's filesUrl). */
export const fetchTemplateFile = fetchFile
