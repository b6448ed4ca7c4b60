import { afterAll, beforeAll } from 'vitest'
import { loadCatalogue } from '../i18n'
import { markFirstPaint } from '../lib/firstPaint'

// jsdom lays nothing out, so no element ever changes size. Without a native
// ResizeObserver, Naive UI (vueuc) falls back to @juggle/resize-observer, whose
// MutationObserver and timers outlive a spec file and throw once vitest has torn
// jsdom down ("global.removeEventListener is not a function"). When that throw
// lands in a timer, vitest counts it as an unhandled error and fails a run whose
// tests all passed. An observer that never fires is exactly what jsdom can offer.
class NoLayoutResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = NoLayoutResizeObserver
}

// Naive UI's message close timers (window.setTimeout in MessageEnvironment)
// are not cleared when the message unmounts. One still pending when a spec
// file ends fires after vitest has torn jsdom down ("window is not defined"),
// which vitest counts as an unhandled error on a slow machine. What a file
// leaves pending is cleared when it ends; its tests see timers unchanged.
const pendingTimers = new Set<number>()
const realSetTimeout = window.setTimeout.bind(window)
const realClearTimeout = window.clearTimeout.bind(window)
window.setTimeout = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
  const id = realSetTimeout(() => {
    pendingTimers.delete(id)
    if (typeof handler === 'function') handler(...args)
  }, timeout)
  pendingTimers.add(id)
  return id
}) as typeof window.setTimeout
window.clearTimeout = ((id?: number) => {
  if (id !== undefined) pendingTimers.delete(id)
  realClearTimeout(id)
}) as typeof window.clearTimeout
afterAll(() => {
  for (const id of pendingTimers) realClearTimeout(id)
  pendingTimers.clear()
})

// The virtual scroll of Naive's tables (vueuc VirtualList) asks matchMedia
// whether the screen is touch; jsdom has no matchMedia. Nothing matches.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = ((query: string) => ({
    matches: false, media: query, onchange: null,
    addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia
}

// The window starts with the first paint's texts and fetches the rest at once
// (i18n/index.ts); specs assert on every screen's texts, so they wait for it.
// Nothing is drawn in jsdom: the lazy parts may load at once.
markFirstPaint()
beforeAll(() => loadCatalogue())
