import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest'
import { postFile, abortedCode, fetchTemplateFile, newUploadId } from './upload'
import { FakeXHR } from '../testing/fakeXHR'

// jsdom's Blob has no arrayBuffer(); every webview Selo runs in has.
const blob = (text: string) => {
  const bytes = new TextEncoder().encode(text)
  return Object.assign(new Blob([bytes]), { arrayBuffer: async () => bytes.buffer })
}

const target = { url: '/selo/upload', filesUrl: '/selo/template/', secret: 'a&b', maxBytes: 20 * 2 ** 20 }
const sent = async () => {
  for (let i = 0; i < 50 && FakeXHR.last?.body === undefined; i++) await new Promise((r) => setTimeout(r, 1))
  if (!FakeXHR.last) throw new Error('nothing was posted')
  return FakeXHR.last
}

beforeEach(() => {
  vi.stubGlobal('XMLHttpRequest', FakeXHR)
  FakeXHR.all = []
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('postFile', () => {
  it('posts the bytes (not the Blob) with the secret and the encoded name, and resolves with the staged file', async () => {
    const progress: number[] = []
    const p = postFile(target, blob('%PDF-1.7 x'), 'Contrato é 1.pdf', { onProgress: (f) => progress.push(f) })
    const xhr = await sent()
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/selo/upload')
    expect(xhr.headers['X-Selo-Upload-Secret']).toBe('a&b')
    expect(xhr.headers['X-Selo-File-Name']).toBe('Contrato%20%C3%A9%201.pdf')
    // WebKitGTK passes a file-backed Blob to the app's scheme as an empty body.
    expect(Object.prototype.toString.call(xhr.body)).toBe('[object ArrayBuffer]')
    expect(new TextDecoder().decode(new Uint8Array(xhr.body as ArrayBuffer))).toBe('%PDF-1.7 x')
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 })
    xhr.answer(200, { id: 'u1', fileName: 'Contrato é 1.pdf', size: 10 })
    expect(await p).toEqual({ id: 'u1', fileName: 'Contrato é 1.pdf', size: 10 })
    expect(progress).toEqual([0.5, 1])
  })

  it('rejects with the route’s error payload', async () => {
    const p = postFile(target, blob('x'), 'a.pdf')
    ;(await sent()).answer(413, { code: 'template.too_large', field: 'file', data: { sizeMB: 31, maxMB: 20 } })
    await expect(p).rejects.toEqual({ code: 'template.too_large', field: 'file', data: { sizeMB: 31, maxMB: 20 } })
  })

  it('names the file it posts with the page’s id, which Go stages it under', async () => {
    const a = newUploadId()
    const b = newUploadId()
    // 32 hex digits: what Go's inbox takes (templates.validID).
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(b).not.toBe(a)
    void postFile(target, blob('x'), 'a.pdf', { id: a })
    expect((await sent()).headers['X-Selo-Upload-Id']).toBe(a)
  })

  it('aborts the transfer when its signal fires', async () => {
    const ctl = new AbortController()
    const p = postFile(target, blob('x'), 'a.pdf', { signal: ctl.signal })
    const xhr = await sent()
    ctl.abort()
    expect(xhr.aborted).toBe(true)
    await expect(p).rejects.toEqual({ code: abortedCode })
  })
})

describe('fetchTemplateFile', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('reads the PDF from the asset server with the secret, not through the bridge', async () => {
    const fetchMock = vi.fn(async (_url: string) => new Response('%PDF-1.7 seven', { status: 200, headers: { 'Content-Type': 'application/pdf' } }))
    vi.stubGlobal('fetch', fetchMock)
    const blob = await fetchTemplateFile(target, 7)
    expect(fetchMock.mock.calls[0][0]).toBe('/selo/template/7.pdf?s=a%26b')
    expect(await blob.text()).toBe('%PDF-1.7 seven')
  })

  it('rejects with the route’s error', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ code: 'template.file_missing', data: { name: 'X' } }), { status: 404 }))
    await expect(fetchTemplateFile(target, 8)).rejects.toEqual({ code: 'template.file_missing', data: { name: 'X' } })
  })
})
