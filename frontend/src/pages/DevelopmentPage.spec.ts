import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { NDialogProvider, NMessageProvider, NSelect } from 'naive-ui'

// The screen reaches Go only through src/api: keep each module's helpers,
// mock the calls the journey makes.
const dev = vi.hoisted(() => ({ get: vi.fn(), saveSettings: vi.fn(), docusignPreview: vi.fn() }))
const keys = vi.hoisted(() => ({ list: vi.fn() }))
const legal = vi.hoisted(() => ({ templates: vi.fn(), list: vi.fn(), preview: vi.fn() }))
const pick = vi.hoisted(() => (fns: Record<string, (...a: unknown[]) => unknown>) =>
  Object.fromEntries(Object.entries(fns).map(([k, f]) => [k, (...a: unknown[]) => f(...a)])))
vi.mock('../api/developments', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/developments')>()
  return { ...real, developmentsApi: { ...real.developmentsApi, ...pick(dev) } }
})
vi.mock('../api/integrations', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/integrations')>()
  return { ...real, integrationsApi: { ...real.integrationsApi, ...pick(keys) } }
})
vi.mock('../api/legal', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/legal')>()
  return { ...real, legalApi: { ...real.legalApi, ...pick(legal) } }
})

import DevelopmentPage from './DevelopmentPage.vue'
import { newSignerRule } from '../api/legal'
import { i18n } from '../i18n'

const base = {
  id: 1, name: 'Residencial Aurora', city: 'Campinas', state: 'SP', integrated: true, provider: 'clicksign', integrationId: 11,
  integrationName: 'Clicksign treino', archived: false, unitCounts: {}, version: 1, updatedByName: '', stages: [],
}
const key = (id: number, description: string, provider: string, environment: string) => ({
  id, description, provider, environment, tokenLast4: '', hasToken: true, deadlineDays: 0, createdAt: '', updatedAt: '',
  usedBy: [], tokenHere: 'ok',
})
const holderPix = { ...newSignerRule('holder'), auth: 'pix' }
const witness = { ...newSignerRule('witness', 2), name: 'Carla Testemunha', email: 'carla@exemplo.com.br', auth: 'pix' }

async function open(tab: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/developments', name: 'developments', component: { render: () => null } },
    { path: '/developments/:id', name: 'development', component: DevelopmentPage },
  ] })
  await router.push(`/developments/1?tab=${tab}`)
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(DevelopmentPage))))
  const w = mount(Host, { global: { plugins: [i18n, router, createPinia()] }, attachTo: document.body })
  await flushPromises()
  return w
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
  for (const f of [...Object.values(dev), ...Object.values(keys), ...Object.values(legal)]) f.mockReset()
  keys.list.mockResolvedValue([
    key(11, 'Clicksign treino', 'clicksign', 'sandbox'),
    key(12, 'DocuSign da imobiliária', 'docusign', 'sandbox'),
    key(13, 'DocuSign treino', 'docusign', 'simulator'),
  ])
  legal.templates.mockResolvedValue([{ id: 3, name: 'Promessa de compra e venda' }])
  legal.list.mockResolvedValue([
    {
      id: 7, developmentId: 1, templateId: 3, templateName: 'Promessa de compra e venda', scope: 'development', scopeItems: [],
      position: 0, version: 2, updatedByName: '', rules: [holderPix, witness],
      previews: [{ compromises: [{ code: 'clicksign.x', message: 'Frase da Clicksign.' }] }, { compromises: [] }],
    },
  ])
  legal.preview.mockResolvedValue([{ compromises: [{ code: 'clicksign.x', message: 'Frase da Clicksign.' }] }, { compromises: [] }])
  dev.docusignPreview.mockResolvedValue({
    rules: [
      { compromises: [{ code: 'docusign.auth_pix_by_sms', message: 'A DocuSign não tem autenticação por PIX (só a Clicksign tem): a pessoa recebe um código por SMS.' }] },
      { compromises: [{ code: 'docusign.role_metadata', message: 'A DocuSign não tem o papel “Testemunha”.' }] },
    ],
    problems: [{ code: 'docusign.pix_needs_phone', field: 'rules[1].phone', data: { name: 'Carla Testemunha' } }],
  })
})

describe('Empreendimento on a Clicksign or a DocuSign key', () => {
  it('lists every key with its service and environment, and choosing a DocuSign key makes the development a DocuSign one', async () => {
    let current = { ...base }
    dev.get.mockImplementation(async () => current)
    dev.saveSettings.mockImplementation(async (s: { integrationId: number }) => {
      current = { ...base, integrationId: s.integrationId, integrationName: 'DocuSign da imobiliária', provider: 'docusign' }
      return current
    })
    const w = await open('settings')
    expect(document.querySelector('[data-testid="settings-provider"]')?.textContent).toContain('Serviço: Clicksign')

    // The key select's options (its virtual list does not lay out in jsdom:
    // read what it is given and choose as a click on an option would).
    const select = w.findAllComponents(NSelect).find((c) => c.attributes('data-testid') === 'settings-key')!
    const options = select.props('options') as { value: number; label: string }[]
    expect(options.map((o) => o.label)).toEqual([
      'Clicksign treino — Clicksign · Sandbox',
      'DocuSign da imobiliária — DocuSign · Demo',
      'DocuSign treino — DocuSign · Simulador local',
    ])
    expect(document.querySelector('[data-testid="settings-key"]')?.textContent).toContain('Clicksign treino — Clicksign · Sandbox')
    select.vm.$emit('update:value', options[1].value)
    await flushPromises()
    expect(document.querySelector('[data-testid="settings-key"]')?.textContent).toContain('DocuSign da imobiliária — DocuSign · Demo')
    expect(document.querySelector('[data-testid="settings-provider"]')?.textContent).toContain('Serviço: DocuSign')

    ;(document.querySelector('[data-testid="settings-save"]') as HTMLElement).click()
    await flushPromises()
    expect(dev.saveSettings).toHaveBeenCalledWith({ id: 1, integrated: true, integrationId: 12 })

    // Jurídico, same screen: the rules now say how DocuSign will do them,
    // and what would refuse a send, before any send.
    ;[...document.querySelectorAll('.n-tabs-tab')].find((e) => e.textContent?.includes('Jurídico'))?.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await flushPromises()
    ;(document.querySelector('[data-testid="association-configure"]') as HTMLElement).click()
    await flushPromises()
    const editor = document.querySelector('[data-testid="signers-editor"]') as HTMLElement
    const panels = [...editor.querySelectorAll('[data-testid="rule-compromises"]')].map((e) => e.textContent ?? '')
    expect(panels[0]).toContain('Como a DocuSign fará')
    expect(panels[0]).toContain('A DocuSign não tem autenticação por PIX (só a Clicksign tem)')
    expect(panels[1]).toContain('A DocuSign não tem o papel “Testemunha”.')
    expect(editor.textContent).not.toContain('Frase da Clicksign.')
    expect(editor.textContent).not.toContain('Como a Clicksign fará')
    expect(editor.querySelector('[data-testid="rule-pix-note"]')).toBeNull()
    const problems = editor.querySelector('[data-testid="rules-docusign-problems"]')?.textContent ?? ''
    expect(problems).toContain('a DocuSign recusaria o envio')
    expect(problems).toContain('Assinante 2 · Celular:')
    expect(problems).toContain('para Carla Testemunha ela envia um código por SMS')
    expect(dev.docusignPreview).toHaveBeenCalled()
    w.unmount()
  })

  it('keeps Clicksign compromises and asks nothing of DocuSign for a Clicksign development', async () => {
    dev.get.mockResolvedValue({ ...base })
    const w = await open('legal')
    ;(document.querySelector('[data-testid="association-configure"]') as HTMLElement).click()
    await flushPromises()
    const editor = document.querySelector('[data-testid="signers-editor"]') as HTMLElement
    expect(editor.textContent).toContain('Como a Clicksign fará')
    expect(editor.textContent).toContain('Frase da Clicksign.')
    expect(editor.querySelector('[data-testid="rules-docusign-problems"]')).toBeNull()
    expect(dev.docusignPreview).not.toHaveBeenCalled()
    w.unmount()
  })
})
