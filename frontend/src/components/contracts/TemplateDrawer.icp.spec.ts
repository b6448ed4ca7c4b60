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

import TemplateDrawer from './TemplateDrawer.vue'
import { i18n } from '../../i18n'

const template = {
  id: 9, name: 'Promessa de compra e venda', fileName: 'contract.pdf', pages: 2, size: 7248, sha256: 'a'.repeat(64),
  fields: [], markCount: 0, markAnnotations: 0, matchedCount: 0, signed: false, registry: false, usedBy: [],
  createdAt: '2026-11-27T12:00:00Z', updatedAt: '2026-11-27T12:00:00Z', version: 6, updatedByName: '',
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const m of [get, file, setRegistry]) m.mockReset()
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
})
