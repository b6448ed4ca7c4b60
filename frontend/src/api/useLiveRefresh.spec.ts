import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'

const bus = vi.hoisted(() => ({ handlers: new Map<string, (d: unknown) => void>() }))
vi.mock('./events', async (orig) => ({
  ...(await orig<typeof import('./events')>()),
  eventsApi: {
    on: (event: string, fn: (d: unknown) => void) => {
      bus.handlers.set(event, fn)
      return () => bus.handlers.delete(event)
    },
    off: () => {},
  },
}))

import { ChangeArea, liveRefreshDelay, useLiveRefresh } from './useLiveRefresh'

function mountWith(reload: () => void) {
  return mount(
    defineComponent(() => {
      useLiveRefresh([ChangeArea.Leads], reload)
      return () => h('div')
    }),
  )
}
const emit = (areas: string[]) => bus.handlers.get('data:changed')!({ areas })

beforeEach(() => {
  bus.handlers.clear()
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('useLiveRefresh', () => {
  it('reloads once after a burst of changes of its area, and not for other areas', () => {
    const reload = vi.fn()
    mountWith(reload)
    emit(['envelopes'])
    vi.advanceTimersByTime(liveRefreshDelay * 2)
    expect(reload).not.toHaveBeenCalled()
    emit(['leads'])
    vi.advanceTimersByTime(liveRefreshDelay / 2)
    emit(['reservations', 'leads'])
    vi.advanceTimersByTime(liveRefreshDelay / 2)
    emit(['leads'])
    expect(reload).not.toHaveBeenCalled()
    vi.advanceTimersByTime(liveRefreshDelay)
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('stops with its screen: a change pending at unmount reloads nothing', () => {
    const reload = vi.fn()
    const w = mountWith(reload)
    emit(['leads'])
    w.unmount()
    vi.advanceTimersByTime(liveRefreshDelay * 2)
    expect(reload).not.toHaveBeenCalled()
    expect(bus.handlers.has('data:changed')).toBe(false)
  })
})
