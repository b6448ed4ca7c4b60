import { describe, it, expect, beforeEach } from 'vitest'
import { errorText } from './errorText'
import { i18n } from '../i18n'
import { toAppError } from '../api/errors'

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
})

describe('errorText', () => {
  it.each([
    [{ code: 'field.out_of_range', data: { min: 1, max: 90 } }, 'Informe um número de 1 a 90.'],
    [{ code: 'field.duplicate', data: { value: 'Chave Clicksign' } }, 'Já existe um registro com “Chave Clicksign”. Escolha outro.'],
    [{ code: 'no.such.code' }, 'Algo deu errado do nosso lado. Tente novamente; se continuar, envie a pasta de registros ao suporte.'],
  ])('translates %j', (err, want) => {
    expect(errorText(err)).toBe(want)
  })

  it('says office.unreachable mid-session differently from at "Testar conexão"', () => {
    const data = { host: 'servidor.escritorio', port: 5432 }
    expect(errorText({ code: 'office.unreachable', data: { ...data, when: 'session' } })).toBe(
      'Sem conexão com o servidor do escritório (servidor.escritorio). O que você digitou continua na tela: salve de novo quando a conexão voltar.',
    )
    expect(errorText({ code: 'office.unreachable', data })).toContain('Nada respondeu em servidor.escritorio, porta 5432')
    // A variant no text exists for falls back to the code's own text.
    expect(errorText({ code: 'field.required', data: { when: 'nope' } })).toBe('Preencha este campo.')
  })

  it('follows the locale', () => {
    i18n.global.locale.value = 'en-US'
    expect(errorText({ code: 'field.required' })).toBe('Fill in this field.')
  })
})

describe('toAppError', () => {
  it.each([
    [{ code: 'field.required', field: 'name' }, { code: 'field.required', field: 'name' }],
    ['{"code":"not_found"}', { code: 'not_found' }],
    // What Wails v2.17 rejects with: the formatter's JSON string as an Error's message.
    [new Error('{"code":"validation.failed","problems":[{"code":"field.required","field":"name"}]}'),
      { code: 'validation.failed', problems: [{ code: 'field.required', field: 'name' }] }],
    [new Error('[object Object]'), { code: 'internal' }],
    [new Error('runtime: connection lost'), { code: 'internal' }],
    ['plain text from a crash', { code: 'internal' }],
    [undefined, { code: 'internal' }],
  ])('normalises %j', (input, want) => {
    expect(toAppError(input)).toEqual(want)
  })
})
