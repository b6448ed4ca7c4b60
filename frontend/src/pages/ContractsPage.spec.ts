import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const list = vi.fn()
const dataKeys = vi.fn()
vi.mock('../api/templates', () => ({
  templatesApi: {
    list: () => list(),
    dataKeys: () => dataKeys(),
    get: vi.fn(),
    file: vi.fn(),
  },
  hasNativeDialog: () => false,
}))

import ContractsPage from './ContractsPage.vue'
import { i18n } from '../i18n'

async function mountPage() {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(ContractsPage))))
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const row = (over: Record<string, unknown>) => ({
  id: 1, name: 'Contrato de Compra e Venda', fileName: 'contract.pdf', pages: 2, size: 7248, sha256: '', markAnnotations: 0,
  matchedCount: 4, signed: false, usedBy: [], createdAt: '2026-11-27T12:00:00Z', updatedAt: '2026-11-27T12:00:00Z',
  fields: Array.from({ length: 13 }, (_, i) => ({ name: `f${i}`, type: 'text', page: 1, mark: '', dataKey: '' })), markCount: 6,
  ...over,
})

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  list.mockReset()
  dataKeys.mockReset()
  dataKeys.mockResolvedValue([])
  document.body.innerHTML = ''
})

describe('ContractsPage', () => {
  it('explains what templates are for when there is none', async () => {
    list.mockResolvedValue([])
    const w = await mountPage()
    expect(w.get('[data-testid="empty-contracts"]').text()).toContain('a Clicksign acrescenta a própria página de assinaturas')
  })

  it('lists pages, fields, a clear marks badge, size and date', async () => {
    list.mockResolvedValue([row({}), row({ id: 2, name: 'Aditivo', markCount: 0, fields: [], matchedCount: 0, size: 2.5 * 1024 * 1024 })])
    const w = await mountPage()
    const first = w.get('[data-testid="template-row-1"]').text()
    for (const s of ['Contrato de Compra e Venda', 'contract.pdf', '13', '6 marcas de assinatura/rubrica', '7,1 KB', '27/11/2026']) {
      expect(first).toContain(s)
    }
    const second = w.get('[data-testid="template-row-2"]').text()
    expect(second).toContain('Sem marcas')
    expect(second).toContain('2,5 MB')
  })
})
