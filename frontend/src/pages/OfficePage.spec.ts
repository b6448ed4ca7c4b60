import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

// Configurações → Escritório with the generated binding mocked: failures
// arrive as Wails delivers them, Error(JSON of app.ErrorPayload), so
// src/api/office.ts and the error parsing run as in the app.
const m = vi.hoisted(() => ({
  Get: vi.fn(),
  Save: vi.fn(),
  Test: vi.fn(),
  UseLocal: vi.fn(),
  Restart: vi.fn(),
  CopyToServer: vi.fn(),
  CancelCopy: vi.fn(),
}))
vi.mock('../../wailsjs/go/app/Office', () => m)
// The copy's progress arrives as the office:copy event through the runtime.
const rt = vi.hoisted(() => ({ handlers: new Map<string, (d: unknown) => void>() }))
vi.mock('../../wailsjs/runtime/runtime', async (orig) => ({
  ...(await orig<object>()),
  EventsOn: (name: string, fn: (d: unknown) => void) => {
    rt.handlers.set(name, fn)
    return () => rt.handlers.delete(name)
  },
  EventsOff: (name: string) => rt.handlers.delete(name),
}))

import OfficePage from './OfficePage.vue'
import { i18n } from '../i18n'
import { makeRouter } from '../router'

const local = { mode: 'local', host: '', port: 5432, database: 'selo', user: '', tls: 'disable', caFile: '' }
const office = { ...local, mode: 'office', host: 'servidor.escritorio', user: 'selo' }
const fail = (payload: object) => Promise.reject(new Error(JSON.stringify(payload)))

async function mountPage() {
  setActivePinia(createPinia())
  const router = makeRouter(true)
  await router.push('/settings/office')
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(OfficePage))))
  const wrapper = mount(Host, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const body = () => document.body.textContent ?? ''
const el = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null
function type(id: string, value: string) {
  const input = el(id)!.querySelector('input') as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}
async function click(id: string) {
  const e = el(id)!
  ;((e.querySelector('input') as HTMLElement | null) ?? e).click()
  await flushPromises()
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const f of Object.values(m)) f.mockReset()
  m.Get.mockResolvedValue({ settings: local, hasPassword: false })
  document.body.innerHTML = ''
  rt.handlers.clear()
  ;(window as unknown as { runtime?: object }).runtime = {}
})

const button = (id: string) => el(id) as HTMLButtonElement | null
async function clickText(text: string) {
  const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === text)
  if (!b) throw new Error(`no button "${text}" in: ${body()}`)
  b.click()
  await flushPromises()
}

describe('Configurações → Escritório', () => {
  it('says where this PC keeps its data now', async () => {
    await mountPage()
    expect(body()).toContain('Escritório')
    expect(body()).toContain('Em uso agora: este computador (selo.db)')
  })

  it('tests the connection with what was typed and answers in words', async () => {
    m.Test.mockResolvedValue({ serverVersion: '15.4', empty: true, schemaVersion: 0 })
    await mountPage()
    expect(el('office-host')).toBeNull()
    await click('office-mode-office')
    type('office-host', '10.0.0.9')
    type('office-user', 'selo')
    type('office-password', 'segredo')
    await click('office-test')
    expect(m.Test).toHaveBeenCalledWith(
      expect.objectContaining({ mode: 'office', host: '10.0.0.9', port: 5432, database: 'selo', user: 'selo', tls: 'disable' }),
      'segredo',
    )
    expect(el('office-test-answer')!.textContent).toContain('Conexão funcionando: PostgreSQL 15.4')
    expect(el('office-test-answer')!.textContent).toContain('O banco está vazio')
    expect(m.Save).not.toHaveBeenCalled()
  })

  it('says which server did not answer, and which password was refused', async () => {
    m.Get.mockResolvedValue({ settings: office, hasPassword: true })
    m.Test.mockImplementationOnce(() => fail({ code: 'office.unreachable', field: 'host', data: { host: 'servidor.escritorio', port: 5432 } }))
    await mountPage()
    await click('office-test')
    // The stored password is kept: the screen sends none.
    expect(m.Test).toHaveBeenCalledWith(expect.objectContaining({ host: 'servidor.escritorio' }), '')
    expect(el('office-test-answer')!.textContent).toContain('Nada respondeu em servidor.escritorio, porta 5432')
    m.Test.mockImplementationOnce(() => fail({ code: 'office.wrong_password', field: 'password', data: { user: 'selo' } }))
    await click('office-test')
    expect(el('office-test-answer')!.textContent).toContain('O servidor recusou o usuário “selo” ou a senha')
    m.Test.mockImplementationOnce(() => fail({ code: 'office.database_missing', field: 'database', data: { database: 'selo' } }))
    await click('office-test')
    expect(el('office-test-answer')!.textContent).toContain('não tem um banco de dados chamado “selo”')
  })

  it('puts each refused field under its input', async () => {
    m.Save.mockImplementation(() =>
      fail({ code: 'validation.failed', problems: [{ code: 'field.required', field: 'host' }, { code: 'office.bad_host', field: 'database' }] }),
    )
    await mountPage()
    await click('office-mode-office')
    await click('office-save')
    const hostItem = el('office-host')!.closest('.n-form-item')!
    expect(hostItem.textContent).toMatch(/obrigat|Preencha|Informe/i)
    expect(el('office-database')!.closest('.n-form-item')!.textContent).toContain('sem “http://”')
    expect(el('office-saved')).toBeNull()
  })

  it('saves for the next start and offers to restart now', async () => {
    m.Save.mockResolvedValue({ settings: { ...office, host: '10.0.0.9' }, hasPassword: true })
    m.Restart.mockResolvedValue(undefined)
    await mountPage()
    await click('office-mode-office')
    type('office-host', '10.0.0.9')
    type('office-user', 'selo')
    type('office-password', 'segredo')
    await click('office-save')
    expect(m.Save).toHaveBeenCalledWith(expect.objectContaining({ mode: 'office', host: '10.0.0.9' }), 'segredo')
    expect(el('office-saved')!.textContent).toContain('vale a partir da próxima vez que o Selo abrir')
    // The password is not kept on the screen once it is in the keyring.
    expect((el('office-password')!.querySelector('input') as HTMLInputElement).value).toBe('')
    await click('office-restart')
    expect(m.Restart).toHaveBeenCalled()
  })

  it('says what going back to this computer means', async () => {
    m.Get.mockResolvedValue({ settings: office, hasPassword: true })
    await mountPage()
    expect(body()).toContain('Em uso agora: servidor do escritório servidor.escritorio')
    expect(el('office-local-means')).toBeNull()
    await click('office-mode-local')
    expect(el('office-local-means')!.textContent).toContain('volta a usar o seu próprio selo.db')
    expect(el('office-local-means')!.textContent).toContain('Nada é copiado de volta do servidor')
  })

  it('has words in pt-BR and en-US for every answer of Testar conexão', () => {
    const codes = ['wrong_password', 'unreachable', 'tls_required', 'tls_failed', 'database_missing', 'no_password', 'ca_file', 'bad_host', 'server_too_old']
    for (const loc of ['pt-BR', 'en-US'] as const) {
      for (const c of codes) expect(i18n.global.te(`errors.office.${c}`, loc), `${loc} errors.office.${c}`).toBe(true)
      expect(i18n.global.te('errors.database.newer_than_app', loc)).toBe(true)
    }
  })

  describe('Levar os dados deste computador para o servidor', () => {
    it('copies to the tested empty server after a confirmation, with progress, and offers switching', async () => {
      m.Get.mockResolvedValue({ settings: office, hasPassword: true })
      m.Test.mockResolvedValue({ serverVersion: '15.4', empty: true, schemaVersion: 0, hasData: false })
      let finish: (r: unknown) => void = () => {}
      m.CopyToServer.mockImplementation(() => new Promise((res) => (finish = res)))
      m.CancelCopy.mockResolvedValue(true)
      m.Save.mockResolvedValue({ settings: office, hasPassword: true })
      await mountPage()
      expect(button('office-copy')!.disabled).toBe(true)
      await click('office-test')
      expect(button('office-copy')!.disabled).toBe(false)

      await click('office-copy')
      expect(body()).toContain('Nada muda neste computador')
      expect(body()).toContain('precisa estar vazio')
      expect(m.CopyToServer).not.toHaveBeenCalled()
      await clickText('Copiar agora')
      expect(m.CopyToServer).toHaveBeenCalledTimes(1)
      expect(el('office-copy-progress')).not.toBeNull()
      expect(button('office-copy')!.disabled).toBe(true)

      rt.handlers.get('office:copy')!({ table: 'developments', done: 5, total: 20 })
      await flushPromises()
      expect(el('office-copy-progress')!.textContent).toContain('Copiando developments… 5 de 20')
      expect(el('office-copy-progress')!.querySelector('[aria-valuenow="25"]')).not.toBeNull()
      await click('office-copy-cancel')
      expect(m.CancelCopy).toHaveBeenCalled()

      finish({ tables: [{ table: 'developments', rows: 3 }, { table: 'units', rows: 40 }, { table: 'leads', rows: 0 }], diskFiles: 2 })
      await flushPromises()
      expect(el('office-copy-progress')).toBeNull()
      const done = el('office-copy-done')!.textContent
      expect(done).toContain('43 registros, 2 documentos')
      expect(done).toContain('Empreendimentos: 3')
      expect(done).toContain('Unidades: 40')
      expect(m.Save).not.toHaveBeenCalled()
      await click('office-copy-switch')
      expect(m.Save).toHaveBeenCalledWith(expect.objectContaining({ mode: 'office', host: 'servidor.escritorio' }), '')
      expect(m.Restart).toHaveBeenCalled()
    })

    it('says a cancelled copy wrote nothing', async () => {
      m.Get.mockResolvedValue({ settings: office, hasPassword: true })
      m.Test.mockResolvedValue({ serverVersion: '15.4', empty: false, schemaVersion: 16, hasData: false })
      m.CopyToServer.mockImplementation(() => fail({ code: 'office.copy_cancelled' }))
      await mountPage()
      await click('office-test')
      await click('office-copy')
      await clickText('Copiar agora')
      expect(el('office-copy-note')!.textContent).toContain('Nada foi gravado no servidor')
      expect(el('office-copy-done')).toBeNull()
    })

    it('keeps the copy off for a server with data, or settings not saved yet', async () => {
      m.Get.mockResolvedValue({ settings: office, hasPassword: true })
      m.Test.mockResolvedValue({ serverVersion: '15.4', empty: false, schemaVersion: 16, hasData: true })
      await mountPage()
      await click('office-test')
      expect(button('office-copy')!.disabled).toBe(true)
      expect(el('office-copy-hint')!.textContent).toContain('já tem dados')

      // Another server typed and tested, not saved: the copy would go to
      // the saved one, so it waits for Salvar.
      m.Test.mockResolvedValue({ serverVersion: '15.4', empty: true, schemaVersion: 0, hasData: false })
      type('office-host', '10.0.0.9')
      await flushPromises()
      await click('office-test')
      expect(button('office-copy')!.disabled).toBe(true)
      expect(el('office-copy-hint')!.textContent).toContain('Salve esta configuração')
      await click('office-copy')
      expect(m.CopyToServer).not.toHaveBeenCalled()
    })

    it('has words in pt-BR and en-US for every answer of the copy', () => {
      for (const loc of ['pt-BR', 'en-US'] as const) {
        for (const c of ['not_empty', 'copy_mismatch', 'copy_cancelled']) {
          expect(i18n.global.te(`errors.office.${c}`, loc), `${loc} errors.office.${c}`).toBe(true)
        }
      }
    })
  })
})
