import { describe, it, expect, beforeEach } from 'vitest'
import { errorText } from '../lib/errorText'
import { i18n } from '.'

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
})

// The codes of the DocuSign send and envelope actions; the Go side checks
// that each code has a text in dssend.ts.
describe('DocuSign send and actions', () => {
  it.each([
    [{ code: 'docusign.outcome_unknown' }, 'o Selo procura o envelope antes de criar outro'],
    [{ code: 'docusign.rate_limited', data: { minutes: 12 } }, 'Tente de novo em 12 min'],
    [{ code: 'docusign.phone_auth_unavailable', data: { name: 'Ana Lima' } }, 'autenticação por telefone (código por SMS) ativa, pedida para Ana Lima'],
    [{ code: 'docusign.id_verification_unavailable', data: { name: 'Ana Lima' } }, 'verificação de identidade (documento e selfie) ativa, pedida para Ana Lima'],
    [{ code: 'docusign.approval_unavailable', data: { name: 'Rui Costa' } }, 'A aprovação configurada para Rui Costa'],
    [{ code: 'docusign.merged_too_large', data: { sizeMB: 26.1, maxMB: 25 } }, 'a DocuSign aceita até 25 MB'],
    [{ code: 'docusign.signer_not_turn', data: { name: 'João' } }, 'João ainda não está na vez'],
    [{ code: 'docusign.remote_missing' }, 'não existe mais na DocuSign'],
  ])('says %j in pt-BR', (err, want) => {
    expect(errorText(err)).toContain(want)
  })

  it('keeps the sign-in and mapping texts, and has English texts too', () => {
    expect(errorText({ code: 'docusign.login_canceled' })).toContain('Entrada na DocuSign cancelada')
    expect(errorText({ code: 'docusign.name_too_long', data: { name: 'Ana', max: 100 } })).toContain('O nome de Ana')
    i18n.global.locale.value = 'en-US'
    expect(errorText({ code: 'docusign.outcome_unknown' })).toContain('nothing is duplicated')
  })
})
