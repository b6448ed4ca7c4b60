import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({ templates: vi.fn(), list: vi.fn(), associate: vi.fn(), preview: vi.fn() }))
vi.mock('../../api/legal', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../api/legal')>()
  return { ...real, legalApi: { ...real.legalApi, ...Object.fromEntries(Object.entries(api).map(([k, f]) => [k, (...a: unknown[]) => f(...a)])) } }
})

import LegalTab from './LegalTab.vue'
import type { Development } from '../../api'
import { i18n } from '../../i18n'
import { errorText } from '../../lib/errorText'

const dev: Development = {
  id: 1, name: 'Residencial Acácias', city: '', state: 'SP', integrated: false, provider: 'clicksign', integrationId: 0,
  integrationName: '', archived: false, unitCounts: {}, version: 1, updatedByName: '',
  stages: [{ id: 10, name: 'Etapa 1', blocks: [{ id: 100, name: 'Bloco A', units: [] }] }],
}

function mountTab() {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, () => h(NDialogProvider, () => h(LegalTab, { development: dev }))),
  })
  return mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  Object.values(api).forEach((f) => f.mockReset())
  api.templates.mockResolvedValue([{ id: 3, name: 'Promessa de compra e venda' }])
  api.preview.mockResolvedValue([])
  document.body.innerHTML = ''
})

describe('Jurídico tab', () => {
  it('lists associated contracts with their scope and signer count', async () => {
    api.list.mockResolvedValue([
      {
        id: 7, developmentId: 1, templateId: 3, templateName: 'Promessa de compra e venda', scope: 'blocks',
        scopeItems: [{ id: 100, label: 'Bloco A (Etapa 1)' }], position: 0, rules: [], previews: [],
      },
    ])
    const w = mountTab()
    await flushPromises()
    const card = w.get('[data-testid="association-Promessa de compra e venda"]')
    expect(card.get('[data-testid="association-summary"]').text()).toBe('Blocos: Bloco A (Etapa 1)')
    expect(card.get('[data-testid="association-count"]').text()).toBe('Nenhum assinante configurado')
    await card.get('[data-testid="association-configure"]').trigger('click')
    expect(card.find('[data-testid="signers-editor"]').exists()).toBe(true)
  })

  it('shows the refusal of an association on its field', async () => {
    api.list.mockResolvedValue([])
    api.associate.mockRejectedValue({ code: 'validation.failed', problems: [{ code: 'legal.template_required', field: 'templateId' }] })
    const w = mountTab()
    await flushPromises()
    expect(w.find('[data-testid="legal-empty"]').exists()).toBe(true)
    await w.get('[data-testid="associate-form"]').trigger('submit')
    await flushPromises()
    expect(api.associate).toHaveBeenCalledWith(1, 0, 'development', [])
    expect(w.get('[data-testid="associate-form"]').text()).toContain('Escolha o modelo de contrato.')
  })

  it('has a sentence for every code the signer rules and the Jurídico service return, in both languages', () => {
    const codes = [
      'signer_rules.empty', 'signer_rule.order_invalid', 'signer_rule.choice_invalid', 'signer.name_two_words', 'signer.name_digits',
      'signer.email_invalid', 'signer.phone_required', 'signer.phone_invalid', 'signer.cpf_invalid', 'signer.cpf_required_for_pix',
      'legal.scope_invalid', 'legal.scope_empty', 'legal.scope_item_not_found', 'legal.template_duplicate', 'legal.template_required',
      'legal.scope_in_use', 'legal.unit_not_in_development',
    ]
    const generic = errorText({ code: 'internal' })
    for (const locale of ['pt-BR', 'en-US'] as const) {
      i18n.global.locale.value = locale
      for (const code of codes) expect(errorText({ code, data: { min: 1, template: 'X', where: 'Bloco A', templates: '“X”' } }), code).not.toBe(generic)
    }
    i18n.global.locale.value = 'pt-BR'
    expect(errorText({ code: 'signer.email_invalid' })).toContain('nome@empresa.com.br')
    expect(errorText({ code: 'legal.scope_in_use', data: { where: 'Bloco A (Etapa 1)', templates: '“Promessa”' } })).toBe(
      'Não é possível excluir: Bloco A (Etapa 1) está no escopo do contrato “Promessa” (aba Jurídico). Altere o escopo do contrato antes.',
    )
  })
})
