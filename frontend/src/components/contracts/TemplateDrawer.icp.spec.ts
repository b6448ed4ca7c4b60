import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

// "Vai a registro (exige certificado ICP-Brasil)" in the template drawer.
const get = vi.fn()
const file = vi.fn()
const setRegistry = vi.fn()
vi.mock('../../api/templates', () => ({
  templatesApi: {
    get: (id: number) => get(id),
    file: (id: number) => file(id),
    setRegistry: (id: number, on: boolean, v?: number) => setRegistry(id, on, v),
    rename: vi.fn(),
    remove: vi.fn(),
  },
}))

const registryGaps = vi.fn()
vi.mock('../../api/legal', () => ({ legalApi: { registryGaps: (id: number) => registryGaps(id) } }))
// The preview is not what these specs are about, and pdf.js does not run in
// jsdom: it stays loading.
vi.mock('../pdf/pdfjs', () => ({ openPdf: () => new Promise(() => {}) }))

import TemplateDrawer from './TemplateDrawer.vue'
import { i18n } from '../../i18n'

const template = {
  id: 9, name: 'Promessa de compra e venda', fileName: 'contract.pdf', pages: 2, size: 7248, sha256: 'a'.repeat(64),
  fields: [], markCount: 0, markAnnotations: 0, matchedCount: 0, signed: false, registry: false, usedBy: [],
  createdAt: '2026-11-27T12:00:00Z', updatedAt: '2026-11-27T12:00:00Z', version: 6, updatedByName: '',
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const m of [get, file, setRegistry, registryGaps]) m.mockReset()
  registryGaps.mockResolvedValue([])
  get.mockResolvedValue(structuredClone(template))
  file.mockResolvedValue(new Blob(['%PDF-'], { type: 'application/pdf' }))
  URL.createObjectURL = vi.fn(() => 'blob:preview')
  URL.revokeObjectURL = vi.fn()
  document.body.innerHTML = ''
})

describe('TemplateDrawer · Vai a registro', () => {
  it('marks the template at the version read, says so and tells the list', async () => {
    setRegistry.mockResolvedValue({ ...template, registry: true, version: 7 })
    const onChanged = vi.fn()
    const Host = defineComponent(() => () =>
      h(NMessageProvider, () => h(NDialogProvider, () => h(TemplateDrawer, { templateId: 9, dataKeys: [], onChanged }))),
    )
    mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    const box = document.querySelector('[data-testid="template-registry"]') as HTMLElement
    expect(box.textContent).toContain('Vai a registro (exige certificado ICP-Brasil)')
    box.click()
    await flushPromises()
    expect(setRegistry).toHaveBeenCalledWith(9, true, 6)
    expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ registry: true }))
    expect(document.body.textContent).toContain('Modelo marcado como “Vai a registro”.')
    expect(document.querySelector('[data-testid="template-registry"]')?.classList.contains('n-checkbox--checked')).toBe(true)
  })

  it('once marked, lists the developments whose Jurídico must still move the parties to a certificate', async () => {
    setRegistry.mockResolvedValue({ ...template, registry: true, version: 7 })
    registryGaps.mockResolvedValue([
      { developmentId: 1, developmentName: 'Residencial Acácias', associationId: 3, rows: [1, 3] },
      { developmentId: 2, developmentName: 'Vila Verde', associationId: 8, rows: [2] },
    ])
    const Host = defineComponent(() => () =>
      h(NMessageProvider, () => h(NDialogProvider, () => h(TemplateDrawer, { templateId: 9, dataKeys: [] }))),
    )
    mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    // Not going to registry yet: nothing asked, nothing shown.
    expect(registryGaps).not.toHaveBeenCalled()
    expect(document.querySelector('[data-testid="template-registry-gaps"]')).toBeNull()
    ;(document.querySelector('[data-testid="template-registry"]') as HTMLElement).click()
    await flushPromises()
    expect(registryGaps).toHaveBeenCalledWith(9)
    const notice = document.querySelector('[data-testid="template-registry-gaps"]')!
    expect(notice.textContent).toContain('Ajuste em Jurídico')
    const rows = [...document.querySelectorAll('[data-testid="template-registry-gap"]')].map((li) => li.textContent?.trim())
    expect(rows).toEqual(['Residencial Acácias: assinante(s) 1, 3', 'Vila Verde: assinante(s) 2'])
    expect(notice.textContent).toContain('Certificado ICP-Brasil')
  })

  it('shows the same list when a template already going to registry is opened', async () => {
    get.mockResolvedValue({ ...structuredClone(template), registry: true })
    registryGaps.mockResolvedValue([{ developmentId: 1, developmentName: 'Residencial Acácias', associationId: 3, rows: [2] }])
    const Host = defineComponent(() => () =>
      h(NMessageProvider, () => h(NDialogProvider, () => h(TemplateDrawer, { templateId: 9, dataKeys: [] }))),
    )
    mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(document.querySelector('[data-testid="template-registry-gap"]')?.textContent).toContain('Residencial Acácias: assinante(s) 2')
  })
})
