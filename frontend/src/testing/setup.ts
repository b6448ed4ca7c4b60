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
