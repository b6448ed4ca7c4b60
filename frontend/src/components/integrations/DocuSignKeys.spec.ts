import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const m = vi.hoisted(() => ({
  keys: { list: vi.fn(), save: vi.fn(), remove: vi.fn(), testConnection: vi.fn() },
  ds: { login: vi.fn(), cancelLogin: vi.fn(), chooseAccount: vi.fn() },
  webhooks: { list: vi.fn(), enableSimulator: vi.fn(), enableWithUrl: vi.fn(), saveSecret: vi.fn(), disable: vi.fn() },
  sim: { envelopes: vi.fn(), docusignEnvelopes: vi.fn(), docusignSign: vi.fn(), sign: vi.fn() },
  connect: { status: vi.fn(), enable: vi.fn(), disable: vi.fn() },
}))
vi.mock('../../api/integrations', async (orig) => ({ ...(await orig<typeof import('../../api/integrations')>()), integrationsApi: m.keys }))
vi.mock('../../api/docusign', async (orig) => ({ ...(await orig<typeof import('../../api/docusign')>()), docusignApi: m.ds }))
vi.mock('../../api/webhooks', () => ({ webhooksApi: m.webhooks }))
vi.mock('../../api/simulator', () => ({ simulatorApi: m.sim }))
vi.mock('../../api/dsconnect', () => ({ dsconnectApi: m.connect }))

import DocuSignKeys from './DocuSignKeys.vue'
import ClicksignKeys from './ClicksignKeys.vue'
import { i18n } from '../../i18n'
import { toAppError } from '../../api/errors'
import type { DocuSignLoginResult, Environment, Integration, TokenHere } from '../../api'

const dsKey = (id: number, description: string, environment: Environment, tokenHere: TokenHere, account = ''): Integration => ({
  id,
  description,
  provider: 'docusign',
  environment,
  tokenLast4: '',
  hasToken: false,
  deadlineDays: 0,
  usedBy: null,
  tokenHere,
  docuSignAccountId: account ? `acc-${id}` : '',
  docuSignAccountName: account,
  docuSignBaseUri: account ? 'https://demo.docusign.net' : '',
})

// What a Go binding rejects with, as the api layer hands it on.
const goError = (payload: object) => toAppError(new Error(JSON.stringify(payload)))

async function mountKeys(keys: Integration[], component = DocuSignKeys) {
  m.keys.list.mockResolvedValue(keys)
  m.webhooks.list.mockResolvedValue([])
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(component))))
  const wrapper = mount(Host, { global: { plugins: [i18n], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = (testid: string) => document.body.querySelector(`[data-testid="${testid}"]`) as HTMLElement | null
// A dialog that closed may stay in the DOM for its leave transition.
const shown = (testid: string) => {
  const el = q(testid)
  return !!el && !/leave/.test(el.className) && !el.closest('[class*="leave"]')
}
async function click(testid: string) {
  const el = q(testid)
  if (!el) throw new Error(`no ${testid}`)
  el.click()
  await settle()
}
// Promises, then a frame or two for a dialog's (real) leave transition.
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}
async function type(testid: string, value: string) {
  const input = q(testid)!.querySelector('input') as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

/** A promise the test settles later, as a sign-in waiting for the browser. */
function pending<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

beforeEach(() => {
  setActivePinia(createPinia())
  i18n.global.locale.value = 'pt-BR'
  for (const group of Object.values(m)) for (const f of Object.values(group)) f.mockReset()
  m.sim.envelopes.mockResolvedValue([])
  m.sim.docusignEnvelopes.mockResolvedValue([])
  document.body.innerHTML = ''
})

describe('DocuSignKeys, the keys', () => {
  it('creates a Demo key with no token field and says to sign in next', async () => {
    const wrapper = await mountKeys([])
    expect(q('ds-empty')?.textContent).toContain('Nenhuma chave DocuSign')
    await click('ds-add')
    const form = q('ds-form')!
    expect(form.textContent).toContain('Demo')
    expect(form.textContent).toContain('Simulador local')
    expect(form.querySelector('input[type="password"]')).toBeNull()
    await type('ds-description', 'DocuSign matriz')
    await click('ds-env-production')
    await type('ds-deadline', '30')
    const saved = dsKey(7, 'DocuSign matriz', 'production', 'missing')
    m.keys.save.mockResolvedValueOnce(saved)
    m.keys.list.mockResolvedValue([saved])
    await click('ds-save')
    expect(m.keys.save).toHaveBeenCalledWith({
      id: 0, description: 'DocuSign matriz', provider: 'docusign', environment: 'production', token: '', deadlineDays: '30',
    })
    expect(document.body.textContent).toContain('Chave gravada. Agora clique em “Entrar com a DocuSign”.')
    const row = q('ds-here-7')!.closest('tr')!
    expect(row.textContent).toContain('DocuSign matriz')
    expect(row.textContent).toContain('DocuSign')
    expect(row.textContent).toContain('Produção')
    expect(row.textContent).toContain('Nenhuma conta escolhida')
    expect(q('ds-here-7')!.textContent).toBe('Não conectado')
    expect(q('ds-login-7')!.textContent).toBe('Entrar com a DocuSign')
    wrapper.unmount()
  })

  it('puts a bad expiry under its field, in pt-BR, and keeps the form open', async () => {
    const wrapper = await mountKeys([])
    await click('ds-add')
    await type('ds-description', 'DocuSign')
    await type('ds-deadline', '120')
    m.keys.save.mockRejectedValueOnce(
      goError({ code: 'validation.failed', problems: [{ code: 'field.out_of_range', field: 'deadlineDays', data: { min: 1, max: 90 } }] }),
    )
    await click('ds-save')
    const items = [...q('ds-form')!.querySelectorAll('.n-form-item')]
    const deadline = items.find((i) => i.textContent?.includes('Prazo padrão para assinar'))!
    expect(deadline.querySelector('.n-form-item-feedback')?.textContent).toContain('90')
    expect(deadline.querySelector('.n-form-item-feedback')?.textContent).not.toBe('De 1 a 90 dias. Em branco: 15 dias.')
    expect(q('ds-form')).not.toBeNull()
    wrapper.unmount()
  })

  it('shows a Simulador local key as ready, with no sign-in, and tests the simulator', async () => {
    const wrapper = await mountKeys([dsKey(3, 'Treino', 'simulator', 'ok')])
    expect(q('ds-login-3')).toBeNull()
    expect(q('ds-here-3')!.textContent).toBe('Não precisa entrar')
    m.keys.testConnection.mockResolvedValueOnce(undefined)
    await click('ds-test-3')
    expect(m.keys.testConnection).toHaveBeenCalledWith(3)
    expect(q('ds-result')!.textContent).toContain('O Simulador local da DocuSign está respondendo.')
    expect(m.ds.login).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('keeps DocuSign keys out of the Clicksign tab', async () => {
    const cs: Integration = { ...dsKey(1, 'Clicksign', 'production', 'ok'), provider: 'clicksign', tokenLast4: 'abcd', hasToken: true }
    const wrapper = await mountKeys([cs, dsKey(2, 'Só DocuSign', 'sandbox', 'missing')], ClicksignKeys)
    expect(q('keys-table')!.textContent).toContain('Clicksign')
    expect(q('keys-table')!.textContent).not.toContain('Só DocuSign')
    wrapper.unmount()
  })
})

describe('DocuSignKeys, signing in', () => {
  it('waits for the browser with Cancelar, then lets the office pick one of several accounts', async () => {
    const key = dsKey(5, 'DocuSign escritório', 'production', 'missing')
    const wrapper = await mountKeys([key])
    const login = pending<DocuSignLoginResult>()
    m.ds.login.mockReturnValueOnce(login.promise)
    await click('ds-login-5')
    expect(m.ds.login).toHaveBeenCalledWith(5)
    expect(q('ds-waiting')!.textContent).toContain('Abrimos a página da DocuSign no navegador')
    expect(q('ds-cancel-login')!.textContent).toContain('Cancelar')

    m.keys.list.mockResolvedValue([{ ...key, tokenHere: 'ok' }])
    login.resolve({
      key: { ...key, tokenHere: 'ok' },
      userName: 'Gestora Teste',
      chosen: false,
      accounts: [
        { id: 'acc-a', name: 'Matriz', baseUri: 'https://na3.docusign.net', isDefault: true },
        { id: 'acc-b', name: 'Filial Sul', baseUri: 'https://na4.docusign.net', isDefault: false },
      ],
    })
    await settle()
    expect(shown('ds-waiting')).toBe(false)
    const dialog = q('ds-choose')!
    expect(dialog.textContent).toContain('Gestora Teste tem acesso a mais de uma conta DocuSign')
    expect(dialog.textContent).toContain('Matriz')
    expect(dialog.textContent).toContain('Filial Sul')
    expect((q('ds-account-option-acc-a')!.querySelector('input') as HTMLInputElement).checked).toBe(true)

    await click('ds-account-option-acc-b')
    const chosen = { ...key, tokenHere: 'ok' as const, docuSignAccountId: 'acc-b', docuSignAccountName: 'Filial Sul' }
    m.ds.chooseAccount.mockResolvedValueOnce(chosen)
    m.keys.list.mockResolvedValue([chosen])
    await click('ds-choose-ok')
    expect(m.ds.chooseAccount).toHaveBeenCalledWith(5, 'acc-b')
    expect(document.body.textContent).toContain('Conectado à DocuSign: conta “Filial Sul”.')
    expect(shown('ds-choose')).toBe(false)
    expect(q('ds-account-5')!.textContent).toBe('Filial Sul')
    expect(q('ds-here-5')!.textContent).toBe('Conectado')
    expect(q('ds-login-5')!.textContent).toBe('Entrar de novo')
    wrapper.unmount()
  })

  it('cancels a sign-in whose browser never came back, saying nothing was saved', async () => {
    const wrapper = await mountKeys([dsKey(5, 'DocuSign escritório', 'sandbox', 'missing')])
    const login = pending<DocuSignLoginResult>()
    m.ds.login.mockReturnValueOnce(login.promise)
    m.ds.cancelLogin.mockImplementationOnce(async () => login.reject(goError({ code: 'docusign.login_canceled' })))
    await click('ds-login-5')
    await click('ds-cancel-login')
    expect(m.ds.cancelLogin).toHaveBeenCalledOnce()
    expect(shown('ds-waiting')).toBe(false)
    expect(q('ds-result')!.textContent).toContain('Entrada na DocuSign cancelada. Nada foi gravado.')
    expect(m.ds.chooseAccount).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('offers “Entrar de novo” when the test says the consent is gone, and signs in again', async () => {
    const key = dsKey(8, 'DocuSign Sol', 'production', 'ok', 'Imobiliária Sol')
    const wrapper = await mountKeys([key])
    m.keys.testConnection.mockRejectedValueOnce(goError({ code: 'integration.login_required', data: { description: 'DocuSign Sol' } }))
    await click('ds-test-8')
    expect(q('ds-result')!.textContent).toContain('A DocuSign não aceita mais o acesso desta chave neste computador')
    expect(q('ds-relogin')!.textContent).toBe('Entrar de novo')

    m.ds.login.mockResolvedValueOnce({ key, userName: 'Gestora', chosen: true, accounts: [] })
    await click('ds-relogin')
    expect(m.ds.login).toHaveBeenCalledWith(8)
    expect(shown('ds-choose')).toBe(false)
    expect(document.body.textContent).toContain('Conectado à DocuSign: conta “Imobiliária Sol”.')
    wrapper.unmount()
  })
})

describe('DocuSignKeys, the training desk', () => {
  it('shows the training desk beside a DocuSign Simulador local key, and signs there through the DocuSign simulator', async () => {
    m.sim.docusignEnvelopes.mockResolvedValue([
      {
        id: 'env-1', name: 'Reserva 1', status: 'sent', provider: 'docusign', created: '2026-12-07T10:00:00Z', deadlineAt: '2026-12-22T10:00:00Z',
        signers: [{ id: 'r1', name: 'Maria da Silva', group: 1, state: 'pending', refusable: true, signedAt: '', refusalReason: '' }],
      },
    ])
    m.sim.docusignSign.mockResolvedValue(undefined)
    const wrapper = await mountKeys([dsKey(3, 'Treino DocuSign', 'simulator', 'ok')])
    const desk = q('simulator-panel')
    expect(desk, 'the desk is on the DocuSign tab').not.toBeNull()
    expect(desk!.textContent).toContain('Maria da Silva')
    await click('sim-sign')
    expect(m.sim.docusignSign).toHaveBeenCalledWith('env-1', 'r1')
    expect(m.sim.sign).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('has no training desk when the only DocuSign key is a Demo one', async () => {
    const wrapper = await mountKeys([dsKey(4, 'DocuSign matriz', 'sandbox', 'missing')])
    expect(q('ds-table')).not.toBeNull()
    expect(q('simulator-panel')).toBeNull()
    expect(m.sim.docusignEnvelopes).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})

describe('DocuSignKeys, a sign-in of another account', () => {
  it('says the key keeps its account, naming it, and offers “Entrar de novo”', async () => {
    const key = dsKey(9, 'DocuSign Sol', 'production', 'missing', 'Imobiliária Sol')
    const wrapper = await mountKeys([key])
    m.ds.login.mockRejectedValueOnce(
      goError({ code: 'integration.account_mismatch', field: 'account', data: { description: 'DocuSign Sol', account: 'Imobiliária Sol' } }),
    )
    await click('ds-login-9')
    const text = q('ds-result')!.textContent!
    expect(text).toContain('A chave “DocuSign Sol” usa a conta DocuSign “Imobiliária Sol”')
    expect(text).toContain('Nada foi trocado')
    expect(q('ds-relogin')!.textContent).toBe('Entrar de novo')
    expect(m.ds.chooseAccount).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})

describe('DocuSignKeys, DocuSign Connect', () => {
  const off = (id: number, publicUrl = '') => ({
    integrationId: id, enabled: false, path: `/webhooks/docusign/${id}`, publicUrl,
    connectUrl: publicUrl ? `${publicUrl}/webhooks/docusign/${id}` : '', localUrl: `http://127.0.0.1:38410/webhooks/docusign/${id}`,
    listenerRunning: true,
  })

  it('shows the address to paste in DocuSign and keeps the pasted HMAC key through Go', async () => {
    const wrapper = await mountKeys([dsKey(5, 'DocuSign escritório', 'sandbox', 'ok', 'Imobiliária Teste')])
    m.connect.status.mockResolvedValueOnce(off(5))
    await click('ds-connect-5')
    expect(m.connect.status).toHaveBeenCalledWith(5)
    expect(q('ds-connect-state')!.textContent).toContain('Desativado')
    expect(q('ds-connect-url')).toBeNull()
    await type('ds-connect-public', 'https://selo.imobiliaria.com.br/')
    expect(q('ds-connect-url')!.textContent).toBe('https://selo.imobiliaria.com.br/webhooks/docusign/5')
    await type('ds-connect-secret', 'chave-hmac-123')
    expect((q('ds-connect-secret')!.querySelector('input') as HTMLInputElement).type).toBe('password')
    m.connect.enable.mockResolvedValueOnce({ ...off(5, 'https://selo.imobiliaria.com.br'), enabled: true })
    await click('ds-connect-save')
    expect(m.connect.enable).toHaveBeenCalledWith(5, 'https://selo.imobiliaria.com.br/', 'chave-hmac-123')
    expect(q('ds-connect-state')!.textContent).toContain('Ativo')
    expect((q('ds-connect-secret')!.querySelector('input') as HTMLInputElement).value).toBe('')
    expect(document.body.textContent).toContain('DocuSign Connect ativado para “DocuSign escritório”.')

    m.connect.disable.mockResolvedValueOnce(off(5, 'https://selo.imobiliaria.com.br'))
    await click('ds-connect-disable')
    expect(m.connect.disable).toHaveBeenCalledWith(5)
    expect(q('ds-connect-state')!.textContent).toContain('Desativado')
    wrapper.unmount()
  })

  it('puts a refused address and a missing key under their fields, in pt-BR', async () => {
    const wrapper = await mountKeys([dsKey(5, 'DocuSign escritório', 'sandbox', 'ok', 'Imobiliária Teste')])
    m.connect.status.mockResolvedValueOnce(off(5))
    await click('ds-connect-5')
    await type('ds-connect-public', 'http://selo.imobiliaria.com.br')
    m.connect.enable.mockRejectedValueOnce(goError({ code: 'docusign_connect.url_not_https', field: 'publicUrl' }))
    await click('ds-connect-save')
    const items = [...q('ds-connect')!.querySelectorAll('.n-form-item')]
    const url = items.find((i) => i.textContent?.includes('Endereço público do escritório'))!
    expect(url.querySelector('.n-form-item-feedback')?.textContent).toContain('A DocuSign só envia para endereços https://')
    m.connect.enable.mockRejectedValueOnce(goError({ code: 'field.required', field: 'secret' }))
    await click('ds-connect-save')
    const secret = [...q('ds-connect')!.querySelectorAll('.n-form-item')].find((i) => i.textContent?.includes('Chave HMAC do Connect'))!
    expect(secret.querySelector('.n-form-item-feedback')?.textContent).toBe('Preencha este campo.')
    expect(shown('ds-connect')).toBe(true)
    wrapper.unmount()
  })

  it('has no Connect button on a Simulador local key, whose updates arrive at once already', async () => {
    const wrapper = await mountKeys([dsKey(3, 'Treino', 'simulator', 'ok')])
    expect(q('ds-test-3')).not.toBeNull()
    expect(q('ds-connect-3')).toBeNull()
    wrapper.unmount()
  })
})
