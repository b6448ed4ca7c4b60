import { describe, it, expect, beforeEach } from 'vitest'
import { errorText } from '../lib/errorText'
import { i18n } from '.'

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
})

// The codes backend/docusign/oauth and crm.CodeLoginRequired send; the Go
// side checks that each has a text in dslogin.ts.
describe('DocuSign sign-in errors', () => {
  it.each([
    [{ code: 'docusign.login_timeout', data: { minutes: 10 } }, 'O navegador não voltou ao Selo em 10 min'],
    [{ code: 'docusign.login_denied' }, 'recusado na página da DocuSign'],
    [{ code: 'docusign.login_state_mismatch' }, 'nada foi gravado'],
    [{ code: 'docusign.login_failed', data: { error: 'invalid_grant' } }, '(erro “invalid_grant”)'],
    [{ code: 'docusign.login_ports_busy', data: { ports: '47615, 47616, 47617' } }, 'as portas 47615, 47616, 47617'],
    [{ code: 'docusign.service_error', data: { status: 503, error: 'other' } }, '(HTTP 503, other)'],
    [{ code: 'integration.login_required' }, 'Clique em “Entrar de novo”'],
  ])('says %j in pt-BR', (err, want) => {
    expect(errorText(err)).toContain(want)
  })

  it('has English texts too', () => {
    i18n.global.locale.value = 'en-US'
    expect(errorText({ code: 'docusign.login_canceled' })).toBe('DocuSign sign-in cancelled. Nothing was saved.')
    expect(errorText({ code: 'integration.login_required' })).toContain('Sign in again')
  })
})
