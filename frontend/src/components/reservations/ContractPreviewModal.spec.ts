import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'

const file = vi.hoisted(() => vi.fn())
vi.mock('../../api/contracts', () => ({ contractsApi: { file: (id: number) => file(id) } }))
// pdf.js itself (a worker, canvases) does not run in jsdom; the e2e drives
// it in Chromium and the production window. Here: what the modal shows for
// each answer pdf.js gives.
const openPdf = vi.hoisted(() => vi.fn())
vi.mock('../pdf/pdfjs', () => ({ openPdf: (data: Uint8Array) => openPdf(data) }))

import ContractPreviewModal from './ContractPreviewModal.vue'
import { i18n } from '../../i18n'
import type { Contract } from '../../api/contracts'
import { fakeDocument, opened, pdfBlob } from '../pdf/fake'

const contract = { id: 7, name: 'Promessa de compra e venda' } as Contract

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok
    reject = fail
  })
  return { promise, resolve, reject }
}

// A pdf.js error as it reaches the page: an Error with pdf.js's name.
function pdfjsError(name: string, message: string) {
  const e = new Error(message)
  e.name = name
  return e
}

function mountModal() {
  const Host = defineComponent(() => () => h(ContractPreviewModal, { contract }))
  return mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
}

const q = (testId: string) => document.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null
const all = (testId: string) => document.querySelectorAll(`[data-testid="${testId}"]`)

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  file.mockReset()
  openPdf.mockReset()
  URL.createObjectURL = vi.fn(() => 'blob:contract')
  URL.revokeObjectURL = vi.fn()
  document.body.innerHTML = ''
})

describe('ContractPreviewModal', () => {
  it('says it is loading while the file is read and while pdf.js opens it', async () => {
    const reading = deferred<Blob>()
    file.mockReturnValue(reading.promise)
    const parsing = deferred<unknown>()
    openPdf.mockResolvedValue(opened(parsing.promise))
    mountModal()
    await flushPromises()
    expect(file).toHaveBeenCalledWith(7)
    expect(q('contract-preview-loading')?.textContent).toContain('Carregando o PDF…')

    reading.resolve(pdfBlob('%PDF-1.7 contrato'))
    await vi.waitFor(() => expect(q('pdf-loading')).toBeTruthy())
    expect(q('pdf-loading')?.textContent).toContain('Carregando o PDF…')
    expect(q('contract-preview-loading')).toBeNull()
    // The bytes handed to pdf.js are the file's.
    expect(new TextDecoder().decode(openPdf.mock.calls[0][0])).toBe('%PDF-1.7 contrato')
    expect(all('pdf-page')).toHaveLength(0)
  })

  it('draws the pages with one thumbnail each, says "Página 1 de N" and keeps the download link', async () => {
    file.mockResolvedValue(pdfBlob('%PDF-1.7'))
    const { doc, rendered } = fakeDocument([[595, 842], [595, 842], [842, 595]])
    const answer = opened(Promise.resolve(doc))
    openPdf.mockResolvedValue(answer)
    const wrapper = mountModal()
    await vi.waitFor(() => expect(q('contract-preview-object')?.dataset.state).toBe('ready'))
    expect(all('pdf-page')).toHaveLength(3)
    expect(all('pdf-thumbnail')).toHaveLength(3)
    expect(q('pdf-page-of')?.textContent?.trim()).toBe('Página 1 de 3')
    expect(q('pdf-download')?.getAttribute('href')).toBe('blob:contract')
    expect(q('pdf-download')?.getAttribute('download')).toBe('Promessa de compra e venda.pdf')
    // Every page onto its own canvas, then each thumbnail 96 px wide.
    await vi.waitFor(() => expect(rendered).toHaveLength(6))
    const pages = [...all('pdf-page')]
    expect(rendered.slice(0, 3).map((r) => [r.page, pages.indexOf(r.canvas)])).toEqual([[1, 0], [2, 1], [3, 2]])
    expect(rendered.slice(3).map((r) => Math.round(r.scale * 1000) / 1000)).toEqual([96 / 595, 96 / 595, 96 / 842].map((s) => Math.round(s * 1000) / 1000))
    // Closed: the document is let go, so the worker can stop while nothing is shown.
    expect(answer.release).not.toHaveBeenCalled()
    wrapper.unmount()
    expect(answer.task.destroy).toHaveBeenCalled()
    expect(answer.release).toHaveBeenCalledTimes(1)
  })

  it('shows a pt-BR message and the download link, not a blank, when the PDF is damaged', async () => {
    file.mockResolvedValue(pdfBlob('not a pdf'))
    const parsing = Promise.reject(pdfjsError('InvalidPDFException', 'Invalid PDF structure.'))
    parsing.catch(() => {})
    openPdf.mockResolvedValue(opened(parsing))
    mountModal()
    await vi.waitFor(() => expect(q('pdf-error')).toBeTruthy())
    expect(q('pdf-error')?.getAttribute('role')).toBe('alert')
    expect(q('pdf-error')?.textContent?.trim()).toBe(
      'Não foi possível mostrar este PDF: o arquivo está danificado ou não é um PDF. Baixe-o para conferir, ou envie o arquivo de novo.',
    )
    expect(q('pdf-download')?.getAttribute('href')).toBe('blob:contract')
    expect(all('pdf-page')).toHaveLength(0)
    expect(q('pdf-loading')).toBeNull()
  })

  it('says a password-protected PDF cannot be shown here', async () => {
    file.mockResolvedValue(pdfBlob('%PDF-1.7'))
    const parsing = Promise.reject(pdfjsError('PasswordException', 'No password given'))
    parsing.catch(() => {})
    openPdf.mockResolvedValue(opened(parsing))
    mountModal()
    await vi.waitFor(() => expect(q('pdf-error')).toBeTruthy())
    expect(q('pdf-error')?.textContent).toContain('Este PDF é protegido por senha e não pode ser mostrado aqui.')
  })

  it('explains when pdf.js itself cannot start (a webview that loads neither worker)', async () => {
    file.mockResolvedValue(pdfBlob('%PDF-1.7'))
    openPdf.mockRejectedValue(new Error('Setting up fake worker failed'))
    mountModal()
    await vi.waitFor(() => expect(q('pdf-error')).toBeTruthy())
    expect(q('pdf-error')?.textContent).toContain('Não foi possível desenhar este PDF aqui. Baixe-o para abrir fora do Selo.')
  })

  it('shows the reason when the file cannot be read, without opening pdf.js', async () => {
    file.mockRejectedValue({ code: 'internal' })
    mountModal()
    await vi.waitFor(() => expect(q('contract-preview-error')).toBeTruthy())
    expect(q('contract-preview-error')?.textContent).toBe(i18n.global.t('errors.internal'))
    expect(openPdf).not.toHaveBeenCalled()
  })
})
