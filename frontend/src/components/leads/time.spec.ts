import { describe, it, expect } from 'vitest'
import { dayKey, formatDate, formatDateTime, formatTime } from './time'

describe('lead desk dates', () => {
  it('shows UTC instants in São Paulo time, pt-BR style', () => {
    expect(formatDateTime('2026-11-27T15:30:00Z')).toBe('27/11/2026 12:30')
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

describe('lead desk phones', () => {
  it('writes Brazilian numbers the usual way and leaves others alone', async () => {
    const { formatPhone } = await import('./phone')
    expect(formatPhone('+5519998761234')).toBe('+55 (19) 99876-1234')
    expect(formatPhone('+551932345678')).toBe('+55 (19) 3234-5678')
    expect(formatPhone('+14155550100')).toBe('+14155550100')
    expect(formatPhone('')).toBe('')
  })
})
