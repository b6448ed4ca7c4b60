import { describe, it, expect, vi, afterEach } from 'vitest'
import { oneOf, type Refine, type Without } from './refine'
import type { GoContract } from './models'

afterEach(() => vi.restoreAllMocks())

describe('oneOf', () => {
  const states = ['generated', 'sent'] as const

  it('keeps a value the screens know', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(oneOf(states, 'sent', 'generated')).toBe('sent')
    expect(warn).not.toHaveBeenCalled()
  })

  it('shows a value Go and the screens disagree on as the fallback, and says so on the console', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(oneOf(states, 'enviado', 'generated')).toBe('generated')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"enviado"'))
  })
})

// Compile-time rules, checked by vue-tsc (it type-checks specs): Refine and
// Without accept only fields the Go type has, so a renamed Go field fails
// where the screens' type is built. If they stopped checking, the
// expect-error directives below would themselves fail vue-tsc. (Exported
// so that noUnusedLocals has nothing to say about them.)
// @ts-expect-error endedEnvelope is not a field of Go's contract
export type RenamedField = Refine<GoContract, { endedEnvelope: string }>
// @ts-expect-error filename is spelled fileName in Go's contract
export type DroppedField = Without<GoContract, 'filename'>

describe('Refine', () => {
  it('gives a named field its narrower type', () => {
    const state: Refine<GoContract, { state: 'sent' }>['state'] = 'sent'
    expect(state).toBe('sent')
  })
})
