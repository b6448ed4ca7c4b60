import { describe, expect, it } from 'vitest'
import { brDate, check, complete, isoDate, masked, nationalPhone, problemKey, typingDecimal } from './masks'
import { i18n } from '../i18n'

describe('masked', () => {
  it('writes a CPF as 000.000.000-00 whether pasted bare or formatted, and drops extra digits', () => {
    expect(masked('cpf', '52998224725')).toBe('529.982.247-25')
    expect(masked('cpf', '529.982.247-25')).toBe('529.982.247-25')
    expect(masked('cpf', '529982')).toBe('529.982')
    expect(masked('cpf', '5299822472599')).toBe('529.982.247-25')
  })

  it('switches from CPF to CNPJ by length, alphanumeric CNPJ upper-cased', () => {
    expect(masked('cpfCnpj', '52998224725')).toBe('529.982.247-25')
    expect(masked('cpfCnpj', '11222333000181')).toBe('11.222.333/0001-81')
    expect(masked('cpfCnpj', '12abc34501de35')).toBe('12.ABC.345/01DE-35')
  })

  it('writes mobiles and landlines with DDD, reading +55 in front', () => {
    expect(masked('phone', '11987654321')).toBe('(11) 98765-4321')
    expect(masked('phone', '1134567890')).toBe('(11) 3456-7890')
    expect(masked('phone', '+55 11 98765-4321')).toBe('(11) 98765-4321')
    expect(masked('phone', '+5511987654321')).toBe('(11) 98765-4321')
    // DDD 55 (RS) is not a country code.
    expect(masked('phone', '55987654321')).toBe('(55) 98765-4321')
    // A foreign number is not cut into a Brazilian one.
    expect(masked('phoneIntl', '+351912345678')).toBe('+351912345678')
  })

  it('writes CEP, money in pt-BR and dates', () => {
    expect(masked('cep', '12345678')).toBe('12345-678')
    expect(masked('money', '123456')).toBe('123.456')
    expect(masked('money', '1234,56')).toBe('1.234,56')
    expect(masked('money', 'R$ 450.000,00')).toBe('450.000,00')
    // Pasted from a spreadsheet in English: the dot is the decimal point.
    expect(masked('money', '450000.5')).toBe('450.000,5')
    // While typing: only a trailing "." is a decimal point.
    expect(typingDecimal('1.500.')).toBe('1.500,')
    expect(typingDecimal('1.23')).toBe('1.23')
    expect(typingDecimal('1.500,5.')).toBe('1.500,5.')
    expect(masked('area', '65,4')).toBe('65,4')
    expect(masked('date', '07091985')).toBe('07/09/1985')
    expect(masked('date', '1985-09-07')).toBe('07/09/1985')
    expect(masked('cpf', '')).toBe('')
  })
})

describe('check', () => {
  it('a wrong CPF is invalid, an unfinished one incomplete, a right one fine', () => {
    expect(check('cpf', '529.982.247-25')).toBeNull()
    expect(check('cpf', '52998224725')).toBeNull()
    expect(check('cpf', '529.982.247-24')).toBe('invalid')
    expect(check('cpf', '111.111.111-11')).toBe('invalid')
    expect(check('cpf', '529.98')).toBe('incomplete')
    expect(check('cpf', '')).toBeNull()
  })

  it('CPF or CNPJ, numeric and alphanumeric', () => {
    expect(check('cpfCnpj', '529.982.247-25')).toBeNull()
    expect(check('cpfCnpj', '11.222.333/0001-81')).toBeNull()
    expect(check('cpfCnpj', '11.222.333/0001-82')).toBe('invalid')
    expect(check('cpfCnpj', '12.ABC.345/01DE-35')).toBeNull()
    expect(check('cpfCnpj', '11.222.333/0001')).toBe('incomplete')
  })

  it('phones follow the backend: ANATEL DDD, mobiles start with 9', () => {
    expect(check('phone', '(11) 98765-4321')).toBeNull()
    expect(check('phone', '(11) 3456-7890')).toBeNull()
    expect(check('phone', '+55 11 98765-4321')).toBeNull()
    expect(check('phone', '(20) 98765-4321')).toBe('invalid') // no DDD 20
    expect(check('phone', '(11) 88765-4321')).toBe('invalid') // 11 digits, not a 9
    expect(check('phone', '(11) 9876')).toBe('incomplete')
    expect(check('phone', '+351912345678')).toBe('invalid')
    expect(check('phoneIntl', '+351912345678')).toBeNull()
    expect(check('phoneIntl', '(11) 98765-4321')).toBeNull()
    // A chat visitor's old eight-digit mobile: Go adds the 9.
    expect(check('phoneIntl', '(11) 8765-4321')).toBeNull()
    expect(check('phone', '(11) 8765-4321')).toBe('invalid')
    expect(check('phoneIntl', '1234')).toBe('incomplete')
  })

  it('a mobile field takes what SMS and WhatsApp reach: DDD and nine digits, no landline', () => {
    expect(check('mobile', '(11) 98765-4321')).toBeNull()
    expect(check('mobile', '+55 11 98765-4321')).toBeNull()
    // Ten digits after a 9: a mobile still being typed, not a landline.
    expect(check('mobile', '(11) 9876-5432')).toBe('incomplete')
    expect(check('mobile', '(11) 3456-7890')).toBe('invalid')
    expect(check('mobile', '(20) 98765-4321')).toBe('invalid')
    expect(check('mobile', '(11) 88765-4321')).toBe('invalid')
    expect(check('mobile', '+351912345678')).toBe('invalid')
    // Brazil's code typed first: not a landline of DDD 55 while the rest comes.
    expect(check('mobile', '5511987654')).toBe('incomplete')
    expect(check('mobile', '+55 11 98765-4')).toBe('incomplete')
    expect(check('mobile', '+55 11 98765-4321')).toBeNull()
    expect(check('mobile', '(55) 98765-4321')).toBeNull() // DDD 55 (RS)
    expect(check('mobile', '(55) 3222-1234')).toBe('invalid') // a landline there
    expect(check('phone', '55119876543')).toBe('incomplete')
    expect(check('phone', '(55) 3222-1234')).toBeNull()
    // A whole landline is said while typing; a mobile waits for its last digit.
    expect(complete('mobile', '(11) 3456-7890')).toBe(true)
    expect(complete('mobile', '(11) 9876-5432')).toBe(false)
    expect(complete('mobile', '(11) 98765-4321')).toBe(true)
    const { t } = i18n.global
    const say = (v: string) => t(problemKey('mobile', v, check('mobile', v)!), { field: 'Celular' })
    expect(say('(11) 3456-7890')).toBe(
      'Celular inválido: informe um celular brasileiro com DDD, como (11) 98765-4321; SMS e WhatsApp não chegam a um telefone fixo.',
    )
    expect(say('(11) 9876')).not.toContain('3456-7890')
  })

  it('a foreign number too short or too long is told what a number outside Brazil needs, not a DDD', () => {
    const { t } = i18n.global
    const say = (v: string, locale: 'pt-BR' | 'en-US') => {
      i18n.global.locale.value = locale
      const p = check('phoneIntl', v)
      return p ? t(problemKey('phoneIntl', v, p), { field: 'Telefone' }) : ''
    }
    for (const v of ['+1555', '+351 9123', '+4420']) {
      expect(check('phoneIntl', v)).toBe('incomplete')
      const pt = say(v, 'pt-BR')
      expect(pt).toContain('Telefone incompleto')
      expect(pt).toContain('de fora do Brasil')
      expect(pt).toContain('código do país')
      expect(pt).not.toContain('DDD')
      const en = say(v, 'en-US')
      expect(en).toContain('outside Brazil')
      expect(en).not.toContain('area code')
    }
    expect(check('phoneIntl', '+3519123456789012')).toBe('invalid')
    expect(say('+3519123456789012', 'pt-BR')).toContain('até 15 dígitos')
    expect(say('+3519123456789012', 'pt-BR')).not.toContain('DDD')
    // A Brazilian number keeps the DDD texts.
    expect(say('(11) 9876', 'pt-BR')).toBe('Telefone incompleto: informe DDD e número, como (11) 98765-4321.')
    expect(say('+55 11 9876', 'pt-BR')).toContain('informe DDD e número')
    i18n.global.locale.value = 'pt-BR'
  })

  it('CEP, money and area', () => {
    expect(check('cep', '12345-678')).toBeNull()
    expect(check('cep', '1234')).toBe('incomplete')
    expect(check('money', '450.000,00')).toBeNull()
    expect(check('money', '450000')).toBeNull()
    expect(check('money', '1.234,5')).toBeNull()
    expect(check('money', '12,345')).toBe('invalid')
    expect(check('area', '65,40')).toBeNull()
  })

  it('dates must exist, be after 1900 and, for a birth date, not after today', () => {
    expect(check('date', '07/09/1985')).toBeNull()
    expect(check('date', '31/02/1990')).toBe('invalid')
    expect(check('date', '07/13/1985')).toBe('invalid')
    expect(check('date', '01/01/1800')).toBe('invalid')
    expect(check('date', '07/09/19')).toBe('incomplete')
    expect(check('date', '08/12/2026', { past: true, today: '2026-12-07' })).toBe('future')
    expect(check('date', '07/12/2026', { past: true, today: '2026-12-07' })).toBeNull()
  })
})

describe('complete and conversions', () => {
  it('says when a value is long enough to be judged while typing', () => {
    expect(complete('cpf', '529.982.247-2')).toBe(false)
    expect(complete('cpf', '529.982.247-25')).toBe(true)
    expect(complete('phone', '(11) 3456-7890')).toBe(false) // could still become a mobile
    expect(complete('phone', '(11) 98765-4321')).toBe(true)
    expect(complete('money', '1.234,56')).toBe(false)
  })

  it('converts dates between dd/mm/aaaa and AAAA-MM-DD', () => {
    expect(isoDate('07/09/1985')).toBe('1985-09-07')
    expect(isoDate('29/02/2023')).toBeNull()
    expect(brDate('1985-09-07')).toBe('07/09/1985')
    expect(brDate('')).toBe('')
    expect(nationalPhone('+55 (11) 98765-4321')).toBe('11987654321')
  })
})
