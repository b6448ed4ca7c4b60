import { describe, it, expect, vi, beforeEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'

// The catalogue of every screen is one chunk fetched after the first paint.
// When that fetch fails (a chunk that did not arrive), the window must not
// stay broken for the session: the next screen asks again, and the start-up
// error screen speaks with its own texts meanwhile.
const chunk = vi.hoisted(() => ({ failures: 0, asked: 0 }))
const m = vi.hoisted(() => ({
  info: vi.fn(),
  retry: vi.fn(),
  quit: vi.fn(),
  openDataFolder: vi.fn(),
  openLogsFolder: vi.fn(),
  checkUpdate: vi.fn(),
}))
vi.mock('./api/system', () => ({ systemApi: m, answerRejectedCalls: vi.fn() }))

const readOnly = {
  version: '0.1.0-test',
  dataDir: '/media/pendrive/Selo',
  logsDir: '/media/pendrive/Selo/logs',
  databasePath: '/media/pendrive/Selo/selo.db',
  schemaVersion: 0,
  platform: 'linux/amd64',
  startupError: { code: 'datahome.unwritable', data: { path: '/media/pendrive/Selo', reason: 'read_only' } },
}

// A window as it starts: fresh modules (so nothing is loaded yet), the first
// frame drawn.
async function freshStart() {
  vi.resetModules()
  chunk.asked = 0
  vi.doMock('./i18n/catalogue', async (orig) => {
    chunk.asked++
    if (chunk.failures > 0) {
      chunk.failures--
      throw new TypeError('Failed to fetch dynamically imported module: catalogue.js')
    }
    return orig()
  })
  const { markFirstPaint } = await import('./lib/firstPaint')
  markFirstPaint()
  return {
    ...(await import('./i18n')),
    App: (await import('./App.vue')).default,
    router: await import('./router'),
    useSystemStore: (await import('./stores/system')).useSystemStore,
  }
}

const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''

beforeEach(() => {
  document.body.innerHTML = ''
  vi.clearAllMocks()
  chunk.failures = 0
})

describe('the catalogue could not be loaded', () => {
  it('the start-up error screen still says what happened and what to do, in pt-BR', async () => {
    const { i18n, App, router, useSystemStore } = await freshStart()
    chunk.failures = 99
    m.info.mockResolvedValue(readOnly)
    const pinia = createPinia()
    setActivePinia(pinia)
    // Go's answer is in before the first frame: only the error screen shows
    // (no shell whose parts would keep asking for the catalogue after this test).
    useSystemStore().info = readOnly
    const r = router.makeRouter(true)
    r.push('/dashboard')
    await r.isReady()
    const w = mount(App, { global: { plugins: [pinia, i18n, r] }, attachTo: document.body })
    await vi.waitFor(() => expect(text('startup-error')).not.toBe(''), { timeout: 5000 })
    expect(chunk.asked).toBeGreaterThan(0)
    expect(text('startup-error')).toContain('O Selo não consegue gravar na pasta de dados')
    expect(text('startup-error-fix')).toContain('somente leitura')
    expect(text('startup-retry')).toBe('Tentar de novo')
    expect(text('startup-quit')).toBe('Sair')
    expect(document.body.textContent).not.toMatch(/startup\.|errors\./)
    w.unmount()
  })

  it('fails once, then the next screen asks again and shows its texts', async () => {
    const { i18n, router } = await freshStart()
    chunk.failures = 1
    m.info.mockResolvedValue({ ...readOnly, startupError: undefined, dataDir: '/home/ana/.config/Selo' })
    const pinia = createPinia()
    setActivePinia(pinia)
    const r = router.makeRouter(true)
    // The failed navigation is the point here, not a log line.
    r.onError(() => {})
    // Sobre, the first screen asked for: the chunk does not arrive.
    await expect(r.push('/about')).rejects.toThrow()
    expect(chunk.asked).toBe(1)
    expect(r.currentRoute.value.name).not.toBe('about')
    // Clicked again: fetched again, and the screen speaks.
    await r.push('/about')
    const Host = defineComponent(() => () => h(RouterView))
    const w = mount(Host, { global: { plugins: [pinia, i18n, r] }, attachTo: document.body })
    await vi.waitFor(() => expect(document.body.textContent).toContain('/home/ana/.config/Selo'), { timeout: 5000 })
    expect(chunk.asked).toBe(2)
    expect(r.currentRoute.value.name).toBe('about')
    const page = document.body.textContent ?? ''
    expect(page).toContain('Pasta de dados')
    expect(page).not.toMatch(/pages\.about\./)
    w.unmount()
  })
})

describe('the parts of the window', () => {
  it('the catalogue fails at start: the notices and the Painel are asked again, and the start-up warning shows', async () => {
    const { i18n, App, router } = await freshStart()
    chunk.failures = 1
    m.info.mockResolvedValue({
      ...readOnly,
      startupError: undefined,
      startupWarnings: [{ code: 'inbound.listen_failed', data: { addr: '127.0.0.1:38410' } }],
    })
    const pinia = createPinia()
    setActivePinia(pinia)
    const r = router.makeRouter(true)
    r.push('/dashboard')
    await r.isReady()
    const w = mount(App, { global: { plugins: [pinia, i18n, r] }, attachTo: document.body })
    await vi.waitFor(() => expect(text('startup-warning')).toContain('A porta 127.0.0.1:38410 já está em uso'), { timeout: 8000 })
    expect(chunk.asked).toBe(2)
    // The Painel's guide came back too, in pt-BR.
    await vi.waitFor(() => expect(document.querySelector('[data-testid="start-guide"]')).toBeTruthy(), { timeout: 8000 })
    w.unmount()
  })
})

describe('the date-picker locales', () => {
  it('a screen waits for them, so no calendar opens in English; a failed fetch is asked again', async () => {
    vi.resetModules()
    const chunkDates = { failures: 1, asked: 0, release: () => {} }
    const held = new Promise<void>((r) => (chunkDates.release = r))
    vi.doMock('./i18n/dates', async (orig) => {
      chunkDates.asked++
      if (chunkDates.failures > 0) {
        chunkDates.failures--
        throw new TypeError('Failed to fetch dynamically imported module: dates.js')
      }
      await held
      return orig()
    })
    const { markFirstPaint } = await import('./lib/firstPaint')
    markFirstPaint()
    const { withTexts, dateLocales, loadDateLocales } = await import('./i18n')
    await expect(loadDateLocales()).rejects.toThrow()
    let shown = ''
    const screen = withTexts(async () => 'Nova reserva')().then((s) => (shown = s))
    await new Promise((r) => setTimeout(r, 50))
    // Asked again, and not there yet: the screen waits.
    expect(chunkDates.asked).toBe(2)
    expect(shown).toBe('')
    chunkDates.release()
    await screen
    expect(shown).toBe('Nova reserva')
    expect(dateLocales.value?.datePtBR.name).toBe('pt-BR')
  })

  it('date-picker locales that cannot be fetched do not keep the screen out', async () => {
    vi.resetModules()
    vi.doMock('./i18n/dates', () => {
      throw new TypeError('Failed to fetch dynamically imported module: dates.js')
    })
    const { markFirstPaint } = await import('./lib/firstPaint')
    markFirstPaint()
    const { withTexts, dateLocales } = await import('./i18n')
    await expect(withTexts(async () => 'Nova reserva')()).resolves.toBe('Nova reserva')
    expect(dateLocales.value).toBeNull()
  })
})
