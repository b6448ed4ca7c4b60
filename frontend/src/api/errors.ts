// The shape every failed Go binding rejects with (app.ErrorPayload, produced
// by the ErrorFormatter). Anything else — a dropped IPC connection, a bug —
// is folded into code "internal" so the screen always has a code to translate.
import type { GoErrorPayload } from './models'

export interface AppError extends GoErrorPayload {
  // Narrower than the generated Record<string, any>: a screen must check a
  // value's type before it uses it.
  data?: Record<string, unknown>
  problems?: AppError[]
}

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
}

export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e
  // The Go ErrorFormatter sends the payload as a JSON string, and Wails
  // v2.17's runtime rejects with new Error(thatString): the payload is the
  // Error's message. A bare string arrives on older paths.
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : undefined
  // Wails' own answer to a call whose arguments did not parse, in the
  // production window (the dev server drops it; see answerRejectedCalls).
  if (text?.startsWith('error parsing arguments')) return { code: 'call.bad_arguments' }
  if (text !== undefined) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (isAppError(parsed)) return parsed
    } catch {
      /* not JSON: fall through */
    }
  }
  return { code: 'internal' }
}

/** Runs a binding call and rejects only with an AppError. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    throw toAppError(e)
  }
}
