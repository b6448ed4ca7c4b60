import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'

const m = vi.hoisted(() => ({ handlers: new Map<string, (data: unknown) => void>() }))
vi.mock('../api/events', async (orig) => ({
  ...(await orig<typeof import('../api/events')>()),
  eventsApi: {
    on: (event: string, fn: (data: unknown) => void) => {
      m.handlers.set(event, fn)
      return () => m.handlers.delete(event)
    },
    off: () => {},
  },
}))

import OfficeConnectionBanner from './OfficeConnectionBanner.vue'
import { i18n } from '../i18n'

async function emit(online: boolean) {
  const fn = m.handlers.get('office:connection')
  expect(fn, 'the banner listens to office:connection').toBeTruthy()
  fn!({ online, since: '2026-12-07T02:00:00Z' })
  // The alert is its own chunk (fetched the first time the banner shows).
  await vi.dynamicImportSettled()
  await nextTick()
}

describe('OfficeConnectionBanner', () => {
  beforeEach(() => {
    m.handlers.clear()
    i18n.global.locale.value = 'pt-BR'
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('says the office server is out of reach while it is, then that it is back, then goes', async () => {
    const w = mount(OfficeConnectionBanner, { global: { plugins: [i18n] } })
    await nextTick()
    expect(w.find('[data-testid="office-connection-banner"]').exists()).toBe(false)

    await emit(false)
    const banner = () => w.find('[data-testid="office-connection-banner"]')
    expect(banner().text()).toContain('Sem conexão com o servidor do escritório — tentando de novo…')
    expect(banner().text()).toContain('O que você digitou continua na tela')
    // Repeated reports while down keep it, and it stays without a timeout.
    await emit(false)
    vi.advanceTimersByTime(60_000)
    await nextTick()
    expect(banner().attributes('data-state')).toBe('down')

    await emit(true)
    expect(banner().text()).toContain('Conexão restabelecida')
    expect(banner().text()).not.toContain('Sem conexão')
    vi.advanceTimersByTime(5000)
    await nextTick()
    expect(banner().exists()).toBe(false)
    w.unmount()
  })

  it('shows nothing for an online report when nothing was down', async () => {
    const w = mount(OfficeConnectionBanner, { global: { plugins: [i18n] } })
    await nextTick()
    await emit(true)
    expect(w.find('[data-testid="office-connection-banner"]').exists()).toBe(false)
    w.unmount()
  })
})
