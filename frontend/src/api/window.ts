// What the Wails side adds to the page's window, typed once so src/api
// reads it without casts. Every member is optional: unit tests and a page
// opened without Selo's Go side have none of them.

declare global {
  interface Window {
    /** The bound Go methods, by package then struct then method name. */
    go?: Record<string, Record<string, Record<string, unknown> | undefined> | undefined>
    /** The Wails runtime (events, clipboard, ...). */
    runtime?: unknown
    /** Wails' IPC entry points; Callback settles a pending call with its JSON answer. */
    wails?: { Callback?: (message: string) => void }
  }
}

/** True where the Wails runtime is in the page (the app's window or its dev server). */
export function hasRuntime(): boolean {
  return typeof window !== 'undefined' && !!window.runtime
}

/** True where Go's method pkg.struct.method is bound in this page. */
export function hasBinding(pkg: string, struct: string, method: string): boolean {
  return typeof window !== 'undefined' && typeof window.go?.[pkg]?.[struct]?.[method] === 'function'
}
