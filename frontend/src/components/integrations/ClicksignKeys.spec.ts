import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const m = vi.hoisted(() => ({
  keys: { list: vi.fn(), save: vi.fn(), remove: vi.fn(), testConnection: vi.fn() },
  webhooks: { list: vi.fn(), enableSimulator: vi.fn(), enableWithUrl: vi.fn(), saveSecret: vi.fn(), disable: vi.fn() },
}))
vi.mock('../../api/integrations', async (orig) => ({ ...(await orig<typeof import('../../api/integrations')>()), integrationsApi: m.keys }))
vi.mock('../../api/webhooks', () => ({ webhooksApi: m.webhooks }))

import ClicksignKeys from './ClicksignKeys.vue'
import { i18n } from '../../i18n'
import type { Integration, TokenHere } from '../../api'

const key = (id: number, description: string, tokenHere: TokenHere): Integration => ({
  id,
  description,
  provider: 'clicksign',
  environment: 'production',
  tokenLast4: `00${id}0`.slice(-4),
  hasToken: true,
  deadlineDays: 0,
  usedBy: null,
  tokenHere,
})

async function mountKeys(keys: Integration[]) {
  m.keys.list.mockResolvedValue(keys)
  m.webhooks.list.mockResolvedValue([])
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(ClicksignKeys))))
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const rowOf = (wrapper: ReturnType<typeof mount>, id: number) => wrapper.get(`[data-testid="key-masked-${id}"]`).element.closest('tr')!

beforeEach(() => {
  setActivePinia(createPinia())
  i18n.global.locale.value = 'pt-BR'
  for (const group of Object.values(m)) for (const f of Object.values(group)) f.mockReset()
  document.body.innerHTML = ''
})

// Office mode: the keys are the office's, the tokens each PC's. The list says,
// per key, whether this computer has the office's token, as Go decided.
describe('ClicksignKeys, the token on this computer', () => {
  it('tags a key whose token is missing here or differs from the office’s, and offers to paste it', async () => {
    const wrapper = await mountKeys([key(1, 'Aqui', 'ok'), key(2, 'Faltando', 'missing'), key(3, 'Outra conta', 'mismatch')])

    expect(rowOf(wrapper, 1).textContent).not.toContain('Token')
    expect(wrapper.find('[data-testid="key-token-here-1"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="key-paste-1"]').exists()).toBe(false)

    expect(wrapper.get('[data-testid="key-token-here-2"]').text()).toBe('Token não está neste computador')
    expect(rowOf(wrapper, 2).textContent).toContain('Faltando')
    expect(wrapper.get('[data-testid="key-token-here-3"]').text()).toBe('Token diferente do escritório')
    expect(rowOf(wrapper, 3).textContent).toContain('Outra conta')

    // "Colar token" opens the key's edit form, where the token is pasted.
    await wrapper.get('[data-testid="key-paste-3"]').trigger('click')
    await flushPromises()
    const form = document.body.querySelector('[data-testid="key-form"]')
    expect(form?.textContent).toContain('Editar chave de integração')
    expect((form?.querySelector('[data-testid="key-description"] input') as HTMLInputElement).value).toBe('Outra conta')
    expect(form?.textContent).toContain('O token guardado neste computador não é o da chave do escritório: cole o token certo.')
    expect(form?.textContent).not.toContain('Deixe em branco para manter a chave atual')
    wrapper.unmount()
  })

  it('says why a connection test refused to run, naming the key', async () => {
    const wrapper = await mountKeys([key(2, 'Chave do escritório', 'missing')])
    m.keys.testConnection.mockRejectedValueOnce({ code: 'integration.token_missing', field: 'token', data: { description: 'Chave do escritório' } })
    await wrapper.get('[data-testid="key-test-2"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="key-test-result"]').text()).toContain(
      'Esta chave ainda não está neste computador: cole o token da chave “Chave do escritório”',
    )

    m.keys.testConnection.mockRejectedValueOnce({ code: 'integration.token_mismatch', field: 'token', data: { description: 'Chave do escritório' } })
    await wrapper.get('[data-testid="key-test-2"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="key-test-result"]').text()).toContain(
      'O token deste computador não é o da chave “Chave do escritório” do escritório: cole o token certo',
    )
    wrapper.unmount()
  })
})
