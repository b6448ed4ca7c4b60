import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'

const openPdf = vi.hoisted(() => vi.fn())
vi.mock('./pdfjs', () => ({ openPdf: (data: Uint8Array) => openPdf(data) }))

import PdfViewer from './PdfViewer.vue'
import { i18n } from '../../i18n'
import { fakeDocument, opened, pdfBlob } from './fake'

// The webview's IntersectionObserver, driven by the test: which pages are in
// (or a screen near) view is what the test says.
let notify: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void = () => {}
class FakeObserver {
  constructor(cb: typeof notify) {
    notify = cb
  }
  observe() {}
  disconnect() {}
}

const page = (n: number) => document.querySelector(`[data-page="${n}"] canvas`) as HTMLCanvasElement
const see = async (n: number, on: boolean) => {
  notify([{ target: document.querySelector(`[data-page="${n}"]`)!, isIntersecting: on }])
  await flushPromises()
  await flushPromises()
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  openPdf.mockReset()
  URL.createObjectURL = vi.fn(() => 'blob:pdf')
  URL.revokeObjectURL = vi.fn()
  vi.stubGlobal('IntersectionObserver', FakeObserver)
  document.body.innerHTML = ''
})
afterEach(() => vi.unstubAllGlobals())

describe('PdfViewer', () => {
  it('gives a page bitmap back once it is far from view and draws it again on its return', async () => {
    const { doc, rendered } = fakeDocument([[595, 842], [595, 842], [595, 842]])
    openPdf.mockResolvedValue(opened(Promise.resolve(doc)))
    const w = mount(PdfViewer, { props: { blob: pdfBlob('%PDF-1.7'), fileName: 'c.pdf' }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await flushPromises()
    const drawsOf = (n: number) => rendered.filter((r) => r.page === n && r.canvas === page(n)).length

    await see(1, true)
    expect(drawsOf(1)).toBe(1)
    expect(page(1).width).toBeGreaterThan(0)

    // Scrolled far down: page 1 keeps its place on screen, not its pixels.
    await see(1, false)
    expect(page(1).width).toBe(0)
    expect(page(1).style.height).not.toBe('0px')

    // Back in view: drawn again.
    await see(1, true)
    expect(drawsOf(1)).toBe(2)
    expect(page(1).width).toBeGreaterThan(0)
    w.unmount()
  })
})
