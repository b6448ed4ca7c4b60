import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { NMessageProvider, NNotificationProvider } from 'naive-ui'

// Sobre with the generated bindings mocked: what it says about where the
// data lives, on this PC's selo.db and in office mode.
const sys = vi.hoisted(() => ({ Info: vi.fn(), OpenLogsFolder: vi.fn(), OpenDataFolder: vi.fn(), Retry: vi.fn() }))
vi.mock('../../wailsjs/go/app/System', () => sys)
vi.mock('../api/updates', () => ({
  updatesApi: { feedUrl: vi.fn(async () => ''), setFeedUrl: vi.fn(), check: vi.fn(), openDownload: vi.fn() },
}))

import AboutPage from './AboutPage.vue'
import { i18n } from '../i18n'

const base = {
  version: '1.2.3',
  dataDir: '/home/ana/.config/Selo',
  logsDir: '/home/ana/.config/Selo/logs',
  databasePath: '/home/ana/.config/Selo/selo.db',
  schemaVersion: 17,
  platform: 'linux/amd64',
}

async function mountPage() {
  setActivePinia(createPinia())
  const Host = defineComponent(() => () => h(NNotificationProvider, () => h(NMessageProvider, () => h(AboutPage))))
  const w = mount(Host, { global: { plugins: [i18n] } })
  await flushPromises()
  return w
}

describe('AboutPage', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'pt-BR'
    sys.Info.mockReset()
  })

  it('on this PC only, names the selo.db file', async () => {
    sys.Info.mockResolvedValue(base)
    const w = await mountPage()
    expect(w.find('[data-testid="about-database"]').text()).toBe('/home/ana/.config/Selo/selo.db')
    expect(w.find('[data-testid="about-privacy"]').text()).toContain('ficam só neste computador')
    w.unmount()
  })

  it('in office mode, names the office server and database, not this PC’s selo.db', async () => {
    sys.Info.mockResolvedValue({ ...base, officeHost: 'db.escritorio.com.br', officePort: 5433, officeDatabase: 'selo_imob' })
    const w = await mountPage()
    const text = w.text()
    expect(text).toContain('Servidor do escritório')
    expect(w.find('[data-testid="about-database"]').text()).toBe('db.escritorio.com.br, porta 5433 · banco selo_imob')
    expect(text).not.toContain('selo.db')
    expect(w.find('[data-testid="about-privacy"]').text()).toContain('servidor PostgreSQL do escritório')
    expect(w.find('[data-testid="about-privacy"]').text()).not.toContain('ficam só neste computador')
    w.unmount()
  })
})
