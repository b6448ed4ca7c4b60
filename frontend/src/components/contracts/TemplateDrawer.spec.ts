import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const get = vi.fn()
const file = vi.fn()
const rename = vi.fn()
const renameVersion = vi.fn()
const remove = vi.fn()
vi.mock('../../api/templates', () => ({
  templatesApi: {
    get: (id: number) => get(id),
    file: (id: number) => file(id),
    rename: (id: number, n: string, v?: number) => {
      renameVersion(v)
      return rename(id, n)
    },
    remove: (id: number) => remove(id),
  },
}))

// pdf.js does not run in jsdom: the preview gets a fake two-page document.
const openPdf = vi.hoisted(() => vi.fn())
vi.mock('../pdf/pdfjs', () => ({ openPdf: (data: Uint8Array) => openPdf(data) }))

import TemplateDrawer from './TemplateDrawer.vue'
import { fakeDocument, opened, pdfBlob } from '../pdf/fake'
import { i18n } from '../../i18n'

const template = {
  id: 9,
  name: 'Contrato de Compra e Venda',
  fileName: 'contract.pdf',
  pages: 2,
  size: 7248,
  sha256: 'a'.repeat(64),
  fields: [
    { name: 'titular_nome', type: 'text', page: 1, mark: '', dataKey: 'titular_nome' },
    { name: 'Assinatura do Comprador', type: 'text', page: 1, mark: 'signature', dataKey: '' },
    { name: 'rubrica_1', type: 'text', page: 1, mark: 'initials', dataKey: '' },
    { name: 'observacoes', type: 'text', page: 2, mark: '', dataKey: '' },
  ],
  markCount: 2,
  markAnnotations: 0,
  matchedCount: 1,
  signed: false,
  usedBy: [],
  createdAt: '2026-11-27T12:00:00Z',
  updatedAt: '2026-11-27T12:00:00Z',
  version: 6,
  updatedByName: '',
}
const dataKeys = [
  { key: 'titular_nome', label: 'Nome do titular', group: 'titular', aliases: [] },
  { key: 'titular_cpf', label: 'CPF do titular', group: 'titular', aliases: [] },
  { key: 'unidade', label: 'Unidade', group: 'unidade', aliases: [] },
]

function mountDrawer() {
  const onDeleted = vi.fn()
  const Host = defineComponent(() => () =>
    h(NMessageProvider, () => h(NDialogProvider, () => h(TemplateDrawer, { templateId: 9, dataKeys, onDeleted }))),
  )
  mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  return { onDeleted }
}

const q = (testId: string) => document.querySelector(`[data-testid="${testId}"]`) as HTMLElement

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const m of [get, file, rename, renameVersion, remove]) m.mockReset()
  get.mockResolvedValue(structuredClone(template))
  file.mockResolvedValue(pdfBlob('%PDF-1.7 modelo'))
  openPdf.mockReset()
  openPdf.mockImplementation(async () => opened(Promise.resolve(fakeDocument([[595, 842], [595, 842]]).doc)))
  URL.createObjectURL = vi.fn(() => 'blob:preview')
  URL.revokeObjectURL = vi.fn()
  document.body.innerHTML = ''
})

describe('TemplateDrawer', () => {
  it('shows pages, marks switched off on sending, matched fields and the data keys', async () => {
    mountDrawer()
    await vi.waitFor(() => expect(q('template-fields')).toBeTruthy())
    await flushPromises()
    expect(q('template-pages').textContent).toBe('2 página(s)')
    expect(q('marks-notice').textContent).toContain('a Clicksign acrescenta ao documento a própria página de assinaturas')
    const table = q('template-fields').textContent ?? ''
    expect(table).toContain('Marca de assinatura — será desligada no envio')
    expect(table).toContain('Marca de rubrica — será desligada no envio')
    expect(table).toContain('Preenchido com: Nome do titular')
    expect(table).toContain('Não preenchido')
    expect(q('data-key-titular_nome').textContent).toContain('Usado neste modelo')
    expect(q('data-key-titular_cpf').textContent).not.toContain('Usado neste modelo')
    // The template's own bytes, drawn by the pdf.js preview with a thumbnail per page.
    await vi.waitFor(() => expect(q('template-preview')?.dataset.state).toBe('ready'))
    expect(new TextDecoder().decode(openPdf.mock.calls[0][0])).toBe('%PDF-1.7 modelo')
    expect(document.querySelectorAll('[data-testid="template-preview"] [data-testid="pdf-thumbnail"]')).toHaveLength(2)
    expect(q('template-preview').querySelector('[data-testid="pdf-page-of"]')?.textContent?.trim()).toBe('Página 1 de 2')
    expect(q('template-preview').querySelector('[data-testid="pdf-download"]')?.getAttribute('download')).toBe('contract.pdf')
  })

  it('shows a refused rename on the name field', async () => {
    rename.mockRejectedValue({ code: 'validation.failed', problems: [{ code: 'field.duplicate', field: 'name', data: { value: 'Aditivo' } }] })
    mountDrawer()
    await vi.waitFor(() => expect(q('template-rename')).toBeTruthy())
    const input = q('template-rename').querySelector('input')!
    input.value = 'Aditivo'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    q('template-rename-save').click()
    await flushPromises()
    expect(rename).toHaveBeenCalledWith(9, 'Aditivo')
    expect(q('template-detail').textContent).toContain('Já existe um registro com “Aditivo”')
  })

  it('renames at the version it read; another PC\'s rename in between names who and when and keeps the typed name', async () => {
    rename.mockRejectedValue({ code: 'record.conflict', data: { by: 'Ana Gestora', at: '2026-12-07T17:32:00Z' } })
    mountDrawer()
    await vi.waitFor(() => expect(q('template-rename')).toBeTruthy())
    const input = q('template-rename').querySelector('input')!
    input.value = 'Promessa 2027'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    q('template-rename-save').click()
    await flushPromises()
    expect(renameVersion).toHaveBeenCalledWith(6)
    await vi.waitFor(() => expect(document.body.textContent).toContain('Ana Gestora alterou este registro às 14:32 de 07/12.'))
    expect(q('template-rename').querySelector('input')!.value).toBe('Promessa 2027')
  })

  it('says where a template in use is used when deleting is refused', async () => {
    remove.mockRejectedValue({ code: 'template.in_use', data: { name: 'Contrato de Compra e Venda', usedBy: 'Vila Verde' } })
    const { onDeleted } = mountDrawer()
    await vi.waitFor(() => expect(q('template-fields')).toBeTruthy())
    q('template-delete').click()
    await flushPromises()
    const confirm = [...document.querySelectorAll('.n-dialog button')].find((b) => b.textContent?.includes('Excluir modelo')) as HTMLElement
    confirm.click()
    await vi.waitFor(() => expect(q('template-delete-error')).toBeTruthy())
    expect(q('template-delete-error').textContent).toContain('está associado a Vila Verde')
    expect(onDeleted).not.toHaveBeenCalled()
  })
})
