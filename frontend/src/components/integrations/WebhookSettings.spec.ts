import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const m = vi.hoisted(() => ({
  list: vi.fn(),
  enableSimulator: vi.fn(),
  enableWithUrl: vi.fn(),
  saveSecret: vi.fn(),
  disable: vi.fn(),
}))
vi.mock('../../api/webhooks', () => ({ webhooksApi: m }))

import WebhookSettings from './WebhookSettings.vue'
import { i18n } from '../../i18n'
import type { Integration } from '../../api'
import type { WebhookStatus } from '../../api/webhooks'

const key = (id: number, environment: Integration['environment'], description: string): Integration => ({
  id,
  description,
  provider: 'clicksign',
  environment,
  tokenLast4: 'abcd',
  hasToken: true,
  deadlineDays: 0,
  usedBy: null,
  tokenHere: 'ok',
})
const simKey = key(1, 'simulator', 'Simulador')
const prodKey = key(2, 'production', 'Produção')

const status = (id: number, environment: Integration['environment'], over: Partial<WebhookStatus> = {}): WebhookStatus => ({
  integrationId: id,
  environment,
  enabled: false,
  mode: '',
  endpoint: '',
  path: `/webhooks/clicksign/${id}`,
  localUrl: `http://127.0.0.1:38410/webhooks/clicksign/${id}`,
  listenerRunning: true,
  ...over,
})

async function mountWith(keys: Integration[]) {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(WebhookSettings, { keys }))))
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  // The section is optional, so it starts folded.
  expect(wrapper.find('[data-testid^="webhook-card-"]').exists()).toBe(false)
  await wrapper.get('[data-testid="webhooks-toggle"] .n-collapse-item__header-main').trigger('click')
  await flushPromises()
  return wrapper
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const f of Object.values(m)) f.mockReset()
  document.body.innerHTML = ''
})

describe('WebhookSettings', () => {
  it('turns on a Simulador local key in one click', async () => {
    m.list.mockResolvedValue([status(1, 'simulator')])
    const endpoint = 'http://127.0.0.1:38410/webhooks/clicksign/1'
    m.enableSimulator.mockResolvedValue(status(1, 'simulator', { enabled: true, mode: 'registered', endpoint }))
    const wrapper = await mountWith([simKey])
    expect(wrapper.text()).toContain('Receber atualizações por webhook (opcional)')
    expect(wrapper.get('[data-testid="webhooks-summary"]').text()).toBe('Desativado')
    expect(wrapper.get('[data-testid="webhook-state-1"]').text()).toBe('Desativado')
    await wrapper.get('[data-testid="webhook-enable-sim-1"]').trigger('click')
    await flushPromises()
    expect(m.enableSimulator).toHaveBeenCalledWith(1)
    expect(wrapper.get('[data-testid="webhook-state-1"]').text()).toBe('Ativo')
    expect(wrapper.get('[data-testid="webhook-describe-1"]').text()).toBe(`Registrado no Simulador local para ${endpoint}.`)
    expect(wrapper.get('[data-testid="webhook-last-1"]').text()).toBe('Nenhum aviso recebido ainda.')
    expect(wrapper.get('[data-testid="webhooks-summary"]').text()).toBe('Ativo em 1 de 1')
  })

  it('names the address problem under the field, in pt-BR', async () => {
    m.list.mockResolvedValue([status(2, 'production')])
    const wrapper = await mountWith([prodKey])
    expect(wrapper.text()).toContain('http://127.0.0.1:38410/webhooks/clicksign/2')

    m.enableWithUrl.mockRejectedValueOnce({ code: 'webhook.url_local', field: 'publicUrl' })
    await wrapper.get('[data-testid="webhook-url-2"] input').setValue('http://192.168.0.10:38410')
    await wrapper.get('[data-testid="webhook-register-2"]').trigger('click')
    await flushPromises()
    expect(m.enableWithUrl).toHaveBeenCalledWith(2, 'http://192.168.0.10:38410')
    expect(wrapper.text()).toContain('a Clicksign, na internet, não o alcança')

    m.enableWithUrl.mockRejectedValueOnce({ code: 'webhook.url_invalid', field: 'publicUrl', data: { reason: 'scheme' } })
    await wrapper.get('[data-testid="webhook-url-2"] input').setValue('selo.imobiliaria.com.br')
    await wrapper.get('[data-testid="webhook-register-2"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('O endereço público deve começar com https://')
    expect(wrapper.text()).not.toContain('não o alcança')
    expect(wrapper.get('[data-testid="webhook-state-2"]').text()).toBe('Desativado')

    const endpoint = 'https://selo.imobiliaria.com.br/webhooks/clicksign/2'
    m.enableWithUrl.mockResolvedValueOnce(status(2, 'production', { enabled: true, mode: 'registered', endpoint }))
    await wrapper.get('[data-testid="webhook-url-2"] input').setValue('https://selo.imobiliaria.com.br')
    await wrapper.get('[data-testid="webhook-register-2"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="webhook-describe-2"]').text()).toBe(`Registrado pelo Selo na Clicksign para ${endpoint}.`)
  })

  it('keeps a pasted secret out of the screen once saved', async () => {
    m.list.mockResolvedValue([status(2, 'production')])
    const secret = '973d92ca80c2206a0e65b35d2371d595'
    m.saveSecret.mockResolvedValue(status(2, 'production', { enabled: true, mode: 'manual' }))
    const wrapper = await mountWith([prodKey])
    await wrapper.get('[data-testid="webhook-mode-manual-2"] input').setValue(true)
    await flushPromises()
    expect(wrapper.text()).toContain('terminado em /webhooks/clicksign/2')
    const input = wrapper.get('[data-testid="webhook-secret-2"] input')
    expect(input.attributes('type')).toBe('password')
    await input.setValue(secret)
    await wrapper.get('[data-testid="webhook-save-secret-2"]').trigger('click')
    await flushPromises()
    expect(m.saveSecret).toHaveBeenCalledWith(2, secret)
    expect(wrapper.get('[data-testid="webhook-describe-2"]').text()).toContain('criado no site da Clicksign')
    expect(document.body.innerHTML).not.toContain(secret)
  })

  it('shows the last delivery and a stopped listener', async () => {
    m.list.mockResolvedValue([
      status(1, 'simulator', {
        enabled: true,
        mode: 'registered',
        endpoint: 'http://127.0.0.1:38410/webhooks/clicksign/1',
        lastDeliveryAt: '2026-11-27T12:41:00Z',
        listenerRunning: false,
        problem: 'webhook.listener_stopped',
      }),
    ])
    const wrapper = await mountWith([simKey])
    expect(wrapper.get('[data-testid="webhook-last-1"]').text()).toBe('Último aviso recebido: 27/11/2026, 09:41.')
    expect(wrapper.get('[data-testid="webhook-problem-1"]').text()).toContain('O receptor local de webhooks está parado')
    expect(wrapper.get('[data-testid="webhooks-summary"]').text()).toBe('Receptor parado')
  })

  it('says when the receiver moved and registers the new address in one click', async () => {
    m.list.mockResolvedValue([
      status(1, 'simulator', {
        enabled: true,
        mode: 'registered',
        endpoint: 'http://127.0.0.1:38410/webhooks/clicksign/1',
        problem: 'webhook.endpoint_moved',
      }),
    ])
    m.enableSimulator.mockResolvedValue(status(1, 'simulator', { enabled: true, mode: 'registered', endpoint: 'http://127.0.0.1:38999/webhooks/clicksign/1' }))
    const wrapper = await mountWith([simKey])
    expect(wrapper.get('[data-testid="webhook-problem-1"]').text()).toContain('mudou de endereço')
    await wrapper.get('[data-testid="webhook-enable-sim-1"]').trigger('click')
    await flushPromises()
    expect(m.enableSimulator).toHaveBeenCalledWith(1)
    expect(wrapper.find('[data-testid="webhook-problem-1"]').exists()).toBe(false)
  })

  it('turns off after confirmation and says when Clicksign kept the registration', async () => {
    m.list.mockResolvedValue([status(2, 'production', { enabled: true, mode: 'registered', endpoint: 'https://t.example/webhooks/clicksign/2' })])
    m.disable.mockResolvedValue(status(2, 'production', { remoteLeft: true }))
    const wrapper = await mountWith([prodKey])
    await wrapper.get('[data-testid="webhook-disable-2"]').trigger('click')
    await flushPromises()
    expect(m.disable).not.toHaveBeenCalled()
    const confirm = document.querySelector('[data-testid="webhook-disable-confirm"]') as HTMLButtonElement
    expect(confirm).not.toBeNull()
    confirm.click()
    await flushPromises()
    expect(m.disable).toHaveBeenCalledWith(2)
    expect(wrapper.get('[data-testid="webhook-state-2"]').text()).toBe('Desativado')
    expect(document.body.textContent).toContain('a Clicksign não confirmou a remoção do registro')
  })
})
