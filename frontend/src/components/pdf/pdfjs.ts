// pdf.js, loaded only when a preview opens: this module is reached through a
// dynamic import (PdfViewer is an async component), so neither pdf.js nor its
// worker is in the JavaScript of the first paint.
//
// The worker: a module Worker on the page's own origin (wails://wails in the
// Linux window, http://127.0.0.1 in the e2e). If a webview refuses it or it
// never answers, pdf.js runs its worker code on the main thread instead
// (slower on big files, but it draws); data-worker on the viewer says which.
import * as pdfjs from 'pdfjs-dist'
import type { PDFDocumentLoadingTask, PDFWorker } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

/** Where pdf.js parses: a Web Worker, or the page's own thread (the fallback). */
export type WorkerMode = 'module' | 'main-thread'

/** Set to "main-thread" in sessionStorage to skip the Web Worker (tests of the fallback). */
export const workerModeKey = 'selo.pdf.worker'

// A worker that neither answers nor fails (seen with custom schemes) must not
// leave the preview loading for ever.
const workerWaitMs = 10_000

interface Runtime {
  worker: PDFWorker
  mode: WorkerMode
  // The Web Worker Selo started (pdf.js does not terminate a worker it was given).
  port?: Worker
}

let runtime: Promise<Runtime> | null = null

async function mainThread(): Promise<Runtime> {
  // pdf.js runs the worker's code on this thread when it finds it here. It
  // is imported from the Web Worker's own file (workerUrl), not bundled as a
  // chunk of its own: pdf.js's worker is 1.2 MB, and every MB the app ships
  // is a MB of the binary's memory (issue #18). The file only starts a worker
  // when it runs inside one, so importing it here just loads its code.
  const code: unknown = await import(/* @vite-ignore */ workerUrl)
  Reflect.set(globalThis, 'pdfjsWorker', code)
  const worker = new pdfjs.PDFWorker()
  await worker.promise
  return { worker, mode: 'main-thread' }
}

// A module Worker that has said "ready" (pdf.js's first message), or null
// when the webview refused it, it failed, or it stayed silent. The Worker is
// started here rather than by pdf.js: after a failure pdf.js caches its own
// fallback's outcome for the page's lifetime.
function moduleWorker(): Promise<Worker | null> {
  return new Promise((resolve) => {
    let w: Worker
    try {
      w = new Worker(workerUrl, { type: 'module', name: 'selo-pdf' })
    } catch {
      resolve(null)
      return
    }
    const done = (ok: boolean) => {
      clearTimeout(timer)
      w.removeEventListener('message', onMessage)
      w.removeEventListener('error', onError)
      if (!ok) w.terminate()
      resolve(ok ? w : null)
    }
    const onMessage = (e: MessageEvent) => {
      if (e.data && typeof e.data === 'object' && Reflect.get(e.data, 'action') === 'ready') done(true)
    }
    const onError = () => done(false)
    const timer = setTimeout(() => done(false), workerWaitMs)
    w.addEventListener('message', onMessage)
    w.addEventListener('error', onError)
  })
}

async function start(): Promise<Runtime> {
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl
  if (sessionStorage.getItem(workerModeKey) !== 'main-thread' && typeof Worker !== 'undefined') {
    const port = await moduleWorker()
    // pdf.js's typings declare port as null only; its code takes any MessagePort-like object.
    if (port) return { worker: new pdfjs.PDFWorker({ port: port as unknown as null }), mode: 'module', port }
    console.warn('selo: pdf.js worker unavailable in this webview; parsing PDFs on the main thread')
  }
  return mainThread()
}

/** pdf.js's worker, started once and shared by every preview. */
function ready(): Promise<Runtime> {
  runtime ??= start().catch((e: unknown) => {
    runtime = null
    throw e
  })
  return runtime
}

// The worker keeps pdf.js's code and parsed files in memory: it is stopped
// once no preview has been open for a while, so the window at rest (issue
// #18's memory targets) does not carry it.
const idleStopMs = 30_000
let open = 0
let idleTimer: ReturnType<typeof setTimeout> | undefined

function stopWorker() {
  const r = runtime
  runtime = null
  void r?.then(
    ({ worker, port }) => {
      worker.destroy()
      port?.terminate()
    },
    () => {},
  )
}

/** An opened PDF, the worker mode that parses it, and release() to call once it is closed. */
export interface Opened {
  task: PDFDocumentLoadingTask
  mode: WorkerMode
  release: () => void
}

/** Starts parsing data (the whole file's bytes) with the shared worker. */
export async function openPdf(data: Uint8Array): Promise<Opened> {
  open++
  clearTimeout(idleTimer)
  let released = false
  const release = () => {
    if (released) return
    released = true
    open--
    if (open === 0) idleTimer = setTimeout(stopWorker, idleStopMs)
  }
  try {
    const { worker, mode } = await ready()
    const task = pdfjs.getDocument({ data, worker })
    return { task, mode, release }
  } catch (e) {
    release()
    throw e
  }
}
