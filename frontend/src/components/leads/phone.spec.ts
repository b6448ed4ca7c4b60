import { describe, it, expect } from 'vitest'
import { formatPhone } from './phone'

describe('lead desk phones', () => {
  it('writes Brazilian numbers the usual way and leaves others alone', () => {
    expect(formatPhone('+5519998761234')).toBe('+55 (19) 99876-1234')
    expect(formatPhone('+551932345678')).toBe('+55 (19) 3234-5678')
    expect(formatPhone('+14155550100')).toBe('+14155550100')
    expect(formatPhone('')).toBe('')
  })
})
