import { describe, it, expect } from 'vitest'
import { formatArea, formatBRL, moneyInput } from './format'

describe('pt-BR formats', () => {
  it('formats centavos as reais', () => {
    expect(formatBRL(45000000).replace(/\s/g, ' ')).toBe('R$ 450.000,00')
    expect(formatBRL(5).replace(/\s/g, ' ')).toBe('R$ 0,05')
  })
  it('formats areas in m²', () => {
    expect(formatArea(6540)).toBe('65,40 m²')
  })
  it('turns centavos back into what the form accepts', () => {
    expect(moneyInput(45000000)).toBe('450.000,00')
    expect(moneyInput(0)).toBe('')
  })
})
