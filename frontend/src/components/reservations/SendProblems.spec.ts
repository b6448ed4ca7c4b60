import { describe, it, expect, beforeEach } from 'vitest'
import { problemText } from './SendProblems'
import { i18n } from '../../i18n'

const sentence = 'Assinatura Eletrônica com autenticação via SMS/WhatsApp requer um número de telefone válido.'

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
})

describe('problemText', () => {
  it('shows the backend sentence exactly, with the person', () => {
    expect(problemText({ code: 'envelope.signer_phone_required', data: { name: 'João da Silva', message: sentence } })).toBe(
      `João da Silva: ${sentence}`,
    )
  })

  it('names the person of a signer problem and translates the rest', () => {
    expect(problemText({ code: 'signer.name_two_words', data: { name: 'João' } })).toBe('João: Informe nome e sobrenome.')
    expect(problemText({ code: 'envelope.only_attached' })).toContain('PDFs anexados não têm assinantes configurados')
    expect(problemText({ code: 'envelope.not_integrated', data: { development: 'Ipê' } })).toContain('“Ipê” não está integrado')
    expect(problemText({ code: 'integration.unreachable' })).toContain('Sem conexão com a Clicksign')
  })

  it('has pt-BR text for every envelope code the backend sends', () => {
    const codes = [
      'no_contracts', 'only_attached', 'not_integrated', 'no_rules', 'already_sent', 'in_another_send',
      'broker_missing', 'no_documents', 'signers_mismatch', 'no_signers',
      'file_too_large', 'too_large', 'merged_too_large', 'already_active', 'request_needed',
    ]
    for (const c of codes) expect(i18n.global.te(`errors.envelope.${c}`, 'pt-BR'), c).toBe(true)
    for (const c of ['none_applicable', 'name_slash', 'file_missing', 'locked']) {
      expect(i18n.global.te(`errors.contract.${c}`, 'pt-BR'), c).toBe(true)
    }
  })

  it('names the person and the missing field instead of a bare "Preencha este campo."', () => {
    expect(problemText({ code: 'field.required', field: 'signers[1].email', data: { name: 'Ana Paula da Conceição' } })).toBe(
      'Ana Paula da Conceição: falta o e-mail, que o canal de assinatura escolhido usa. Complete os dados na reserva.',
    )
  })
})
