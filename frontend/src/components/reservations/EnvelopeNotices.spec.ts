import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NNotificationProvider } from 'naive-ui'
import type { EnvelopeChanged } from '../../api/envelopes'

// The listener the component registers, so a test can play envelope:changed.
const bus = vi.hoisted(() => ({ fn: null as null | ((d: unknown) => void), off: vi.fn() }))
vi.mock('../../api/events', () => ({
  AppEvent: { EnvelopeChanged: 'envelope:changed' },
  eventsApi: {
    on: (_: string, fn: (d: unknown) => void) => {
      bus.fn = fn
      return bus.off
    },
  },
}))
const push = vi.hoisted(() => vi.fn())
vi.mock('vue-router', () => ({ useRouter: () => ({ push }) }))

import EnvelopeNotices from './EnvelopeNotices.vue'
import { i18n } from '../../i18n'

async function mountIt() {
  const Host = defineComponent(() => () => h(NNotificationProvider, () => h(EnvelopeNotices)))
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}

async function emit(c: EnvelopeChanged) {
  bus.fn!(c)
  await flushPromises()
}

function notices(): { title: string; body: string; state: string }[] {
  return Array.from(document.querySelectorAll('.n-notification')).map((n) => ({
    title: n.querySelector('.n-notification-main__header')?.textContent?.trim() ?? '',
    body: n.querySelector('[data-testid="envelope-notice"]')?.textContent?.trim() ?? '',
    state: n.querySelector('[data-testid="envelope-notice"]')?.getAttribute('data-state') ?? '',
  }))
}

const base = { envelopeId: 'env-1', reservationId: 7, name: 'Reserva 7 · Ipê · A 101', client: 'Maria da Silva' }

beforeEach(() => {
  document.body.innerHTML = ''
  i18n.global.locale.value = 'pt-BR'
  bus.fn = null
  push.mockReset()
})

describe('EnvelopeNotices', () => {
  it('announces an envelope signed by everyone once, and opens its reservation', async () => {
    const w = await mountIt()
    await emit({ ...base, state: 'finalizado' })
    await emit({ ...base, state: 'finalizado' })
    const shown = notices()
    expect(shown).toHaveLength(1)
    expect(shown[0].title).toBe('Contrato assinado por todos: Maria da Silva')
    expect(shown[0].body).toContain('“Reserva 7 · Ipê · A 101” foi assinado por todos')
    ;(document.querySelector('[data-testid="envelope-notice-open"]') as HTMLElement).click()
    await flushPromises()
    expect(push).toHaveBeenCalledWith({ name: 'reservation', params: { id: '7' } })
    w.unmount()
    expect(bus.off).toHaveBeenCalled()
  })

  it('announces each refusal with the signer and the reason, once', async () => {
    const w = await mountIt()
    const refusal = { signerId: 's2', signer: 'João da Silva', reason: 'Valor errado' }
    await emit({ ...base, state: 'recusado', refusals: [refusal] })
    await emit({ ...base, state: 'recusado', refusals: [refusal] })
    // A later change of the same envelope (someone else signs) is not news.
    await emit({ ...base, state: 'recusado' })
    const shown = notices()
    expect(shown.map((n) => n.title)).toEqual(['João da Silva recusou: Valor errado'])
    expect(shown[0].state).toBe('recusado')
    w.unmount()
  })

  it('still says an envelope was refused when the names are missing, and ignores other changes', async () => {
    const w = await mountIt()
    await emit({ envelopeId: 'env-2', reservationId: 9, state: 'em_andamento' })
    await emit({ envelopeId: 'env-2', reservationId: 9, state: 'cancelado' })
    expect(notices()).toHaveLength(0)
    await emit({ envelopeId: 'env-3', reservationId: 9, state: 'recusado' })
    await emit({ envelopeId: 'env-4', reservationId: 9, state: 'finalizado' })
    expect(notices().map((n) => n.title)).toEqual([
      'Um signatário recusou: sem motivo informado',
      'Contrato assinado por todos: Reserva 9',
    ])
    w.unmount()
  })

  it('keeps the page header actions free: bottom-left, closable, gone after a short while', async () => {
    vi.useFakeTimers()
    try {
      const w = await mountIt()
      await emit({ ...base, state: 'finalizado' })
      const n = document.querySelector('.n-notification') as HTMLElement
      expect(n).not.toBeNull()
      const container = n.closest('.n-notification-container') as HTMLElement
      // Naive UI's default corner (top-right) is where "Nova reserva" is.
      expect(container.className).toContain('n-notification-container--bottom-left')
      expect(container.className).not.toContain('--top-right')
      expect(n.querySelector('.n-base-close')).not.toBeNull()
      await vi.advanceTimersByTimeAsync(7000)
      expect(notices()).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(3000)
      await flushPromises()
      await vi.advanceTimersByTimeAsync(1000)
      expect(document.querySelectorAll('.n-notification:not(.n-notification-transition-leave-active)').length).toBe(0)
      w.unmount()
    } finally {
      vi.useRealTimers()
    }
  })
})
