import { describe, it, expect, beforeEach } from 'vitest'
import { errorText } from '../lib/errorText'
import { i18n } from '.'

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
})

// The refusals signing.ValidateForDocuSign adds to Clicksign's; the Go side
// checks that each code has a text in dsmap.ts.
describe('DocuSign send refusals', () => {
  it.each([
    [{ code: 'docusign.name_too_long', data: { name: 'Ana Lima', max: 100 } }, 'O nome de Ana Lima tem mais de 100 caracteres'],
    [{ code: 'docusign.email_too_long', data: { name: 'Ana Lima', max: 100 } }, 'O e-mail de Ana Lima'],
    [{ code: 'docusign.pix_needs_phone', data: { name: 'Ana Lima' } }, 'para Ana Lima ela envia um código por SMS'],
    [{ code: 'docusign.too_many_recipients', data: { count: 101, max: 100 } }, 'Este envio tem 101 signatários'],
  ])('says %j in pt-BR', (err, want) => {
    expect(errorText(err)).toContain(want)
  })

  it('keeps the sign-in texts beside them, and has English texts too', () => {
    expect(errorText({ code: 'docusign.login_canceled' })).toContain('Entrada na DocuSign cancelada')
    i18n.global.locale.value = 'en-US'
    expect(errorText({ code: 'docusign.pix_needs_phone', data: { name: 'Ana Lima' } })).toContain('DocuSign has no PIX authentication')
  })
})
