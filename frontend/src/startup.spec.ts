import { describe, it, expect, vi, beforeAll, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { NConfigProvider, NDatePicker, NInput, NInputNumber, NSelect } from 'naive-ui'

// Bad days as the user meets them: the start-up error screen, a warning at
// start, a full disk, a call the backend could not read, Naive UI's own
// placeholders. The app reaches Go only through src/api; mock that.
const m = vi.hoisted(() => ({
  info: vi.fn(),
  retry: vi.fn(),
  quit: vi.fn(),
  openDataFolder: vi.fn(),
  openLogsFolder: vi.fn(),
}))
vi.mock('./api/board', async (orig) => ({
  ...(await orig<typeof import('./api/board')>()),
  boardApi: {
    summary: async () => ({
      counts: { total: 0, em_andamento: 0, recusado: 0, vencido: 0, cancelado: 0, finalizado: 0 },
      any: false, waiting: [], expiringSoon: [], refusals: [], at: '',
    }),
    options: async () => ({ developments: [], brokers: [] }),
    csv: async () => '',
    exportCsv: async () => '',
  },
}))
vi.mock('./api/system', () => ({ systemApi: m, answerRejectedCalls: vi.fn() }))

import App from './App.vue'
import { i18n } from './i18n'
import { naiveLocale } from './i18n/naive'
import { makeRouter } from './router'
import { errorText } from './lib/errorText'
import { toAppError } from './api/errors'
import { loadLazyParts } from './testing/lazy'

const okInfo = {
  version: '0.1.0-test',
  dataDir: '/tmp/selo-data',
  logsDir: '/tmp/selo-data/logs',
  databasePath: '/tmp/selo-data/selo.db',
  schemaVersion: 18,
  platform: 'linux/amd64',
}
const readOnly = {
  ...okInfo,
  dataDir: '/media/pendrive/Selo',
  logsDir: '/tmp/selo-logs-123',
  databasePath: '/media/pendrive/Selo/selo.db',
  startupError: { code: 'datahome.unwritable', data: { path: '/media/pendrive/Selo', reason: 'read_only' } },
}

async function mountApp(path = '/dashboard') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = makeRouter(true)
  router.push(path)
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  // The start-up error screen is its own chunk, fetched only when needed.
  await vi.dynamicImportSettled()
  await flushPromises()
  return { wrapper, router }
}

const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''
const click = (id: string) => (document.querySelector(`[data-testid="${id}"]`) as HTMLElement).click()

beforeEach(() => {
  localStorage.clear()
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
  vi.clearAllMocks()
  m.info.mockResolvedValue(okInfo)
})

// The Painel's board and guide, and the screens it links to, load on demand.
beforeAll(loadLazyParts)

describe('start-up error screen', () => {
  it('names a read-only data folder, says what to do and offers the way out', async () => {
    m.info.mockResolvedValue(readOnly)
    const { wrapper } = await mountApp()
    expect(wrapper.find('[data-testid="sidebar"]').exists()).toBe(false)
    const box = text('startup-error')
    expect(box).toContain('O Selo não consegue gravar na pasta de dados')
    expect(text('startup-error-path')).toBe('/media/pendrive/Selo')
    expect(text('startup-error-fix')).toContain('somente leitura')
    // Logs went to a temporary folder: the screen says where.
    expect(box).toContain('/tmp/selo-logs-123')
    for (const b of ['startup-open-folder', 'startup-open-logs', 'startup-retry', 'startup-quit']) {
      expect(document.querySelector(`[data-testid="${b}"]`), b).toBeTruthy()
    }
    click('startup-open-folder')
    click('startup-quit')
    expect(m.openDataFolder).toHaveBeenCalledOnce()
    expect(m.quit).toHaveBeenCalledOnce()
  })

  it('"Tentar de novo" shows the problem as it is now, then the restart', async () => {
    m.info.mockResolvedValue(readOnly)
    await mountApp()
    m.retry.mockResolvedValueOnce({
      ...readOnly,
      startupError: { code: 'datahome.unwritable', data: { path: '/media/pendrive/Selo/logs', reason: 'permission' } },
    })
    click('startup-retry')
    await flushPromises()
    expect(text('startup-error-path')).toBe('/media/pendrive/Selo/logs')
    expect(text('startup-error-fix')).toContain('permissão de gravação')

    m.retry.mockResolvedValueOnce({ ...okInfo })
    click('startup-retry')
    await flushPromises()
    expect(m.retry).toHaveBeenCalledTimes(2)
    // The window closes and Selo starts over; until then the screen says so.
    expect(text('startup-restarting')).toContain('O Selo está abrindo de novo')
  })

  it('explains a full disk at start-up', async () => {
    m.info.mockResolvedValue({ ...readOnly, startupError: { code: 'datahome.unwritable', data: { path: '/home/ana/.config/Selo', reason: 'full' } } })
    await mountApp()
    expect(text('startup-error')).toContain('O disco deste computador está cheio')
    expect(text('startup-error-fix')).toContain('Libere espaço')
  })

  it('offers no retry for a database from a newer Selo, but says what to do', async () => {
    m.info.mockResolvedValue({ ...okInfo, startupError: { code: 'database.newer_than_app', data: { dbVersion: 30, appVersion: 18 } } })
    await mountApp()
    expect(text('startup-error-text')).toContain('versão mais nova do Selo')
    expect(text('startup-error-fix')).toContain('Instale a versão mais nova')
    expect(document.querySelector('[data-testid="startup-retry"]')).toBeNull()
  })
})

describe('start-up warnings', () => {
  it('says at start which port is busy and what to do, with a way to Integrações', async () => {
    m.info.mockResolvedValue({ ...okInfo, startupWarnings: [{ code: 'inbound.listen_failed', data: { addr: '127.0.0.1:38410' } }] })
    const { wrapper, router } = await mountApp()
    expect(wrapper.find('[data-testid="sidebar"]').exists()).toBe(true)
    const warning = text('startup-warning')
    expect(warning).toContain('A porta 127.0.0.1:38410 já está em uso por outro programa')
    expect(warning).toContain('Configurações → Integrações → JivoChat')
    expect(document.body.textContent).toContain('Leads e webhooks não estão chegando')
    click('startup-warning-open')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('integrations')
  })

  it('does not blame another program when the address failed for another reason', async () => {
    m.info.mockResolvedValue({
      ...okInfo,
      startupWarnings: [{ code: 'inbound.listen_failed', data: { addr: '10.9.9.9:38410', reason: 'other' } }],
    })
    await mountApp()
    const warning = text('startup-warning')
    expect(warning).toContain('não abriu no endereço 10.9.9.9:38410')
    expect(warning).not.toContain('em uso por outro programa')
  })
})

describe('errors of a bad day', () => {
  it('a full disk has its own text, not the generic one', () => {
    const t = errorText({ code: 'disk.full' })
    expect(t).toContain('disco deste computador está cheio')
    expect(t).not.toBe(errorText({ code: 'internal' }))
  })

  it("Wails' own answer to arguments of the wrong type becomes a pt-BR text", () => {
    const e = toAppError(new Error("error parsing arguments: json: cannot unmarshal string into Go value of type int64"))
    expect(e.code).toBe('call.bad_arguments')
    expect(errorText(e)).toContain('A tela enviou dados num formato que o Selo não esperava')
  })
})

describe("Naive UI's placeholders", () => {
  it('no field says "Por favor digite" or "Por favor selecione"', async () => {
    const Form = defineComponent({
      render: () =>
        h(NConfigProvider, { locale: naiveLocale('pt-BR') }, () => [
          h(NInput, { value: '' }),
          h(NInputNumber, { value: null }),
          h(NSelect, { value: null, options: [{ label: 'A', value: 'a' }] }),
          h(NDatePicker, { value: null, type: 'date' }),
        ]),
    })
    const w = mount(Form, { attachTo: document.body })
    await flushPromises()
    const html = w.html()
    expect(html).not.toContain('Por favor')
    expect(html).toContain('Selecione')
    w.unmount()
  })
})
