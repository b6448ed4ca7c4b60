import { describe, it, expect } from 'vitest'
import { dayKey, formatDate, formatDateTime, formatDateTimeCompact, formatTime } from './dates'

describe('dates', () => {
  it('shows UTC instants in São Paulo time, pt-BR style', () => {
    expect(formatDateTime('2026-11-27T15:30:00Z')).toBe('27/11/2026, 12:30')
    expect(formatDateTimeCompact('2026-11-27T15:30:00Z')).toBe('27/11/2026 12:30')
    expect(formatDate('2026-11-28T01:00:00Z')).toBe('27/11/2026')
    expect(formatTime('2026-11-27T15:30:00Z')).toBe('12:30')
    expect(dayKey('2026-11-28T01:00:00Z')).toBe('2026-11-27')
  })

  it('shows nothing for Go zero times and missing values', () => {
    expect(formatDateTime('0001-01-01T00:00:00Z')).toBe('')
    expect(formatDateTime(undefined)).toBe('')
    expect(formatTime('nonsense')).toBe('')
  })
})
