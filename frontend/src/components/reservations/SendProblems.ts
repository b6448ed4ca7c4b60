// One line of text per problem of a send, in the current locale.
import type { AppError } from '../../api/errors'
import { errorText } from '../../lib/errorText'
import { i18n } from '../../i18n'

/**
 * The translated problem. The SMS/WhatsApp phone problem shows the
 * backend's exact sentence with the person's name; other problems about a
 * person are prefixed with the name, so a list of several people's problems
 * says whose each one is.
 */
export function problemText(p: AppError): string {
  const name = typeof p.data?.name === 'string' ? p.data.name : ''
  if (p.code === 'envelope.signer_phone_required' && typeof p.data?.message === 'string') {
    return name ? `${name}: ${p.data.message}` : p.data.message
  }
  // A person's missing data is named with the field, because "Preencha
  // este campo." means nothing in a list without the form beside it.
  const field = p.field?.match(/^signers\[\d+\]\.(name|email|phone|cpf)$/)?.[1]
  if (name && field && p.code === 'field.required') {
    const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string
    return t('pages.reservations.signerMissing', { name, field: t(`pages.reservations.signerField.${field}`) })
  }
  const text = errorText(p)
  return name && (p.code.startsWith('signer.') || field) ? `${name}: ${text}` : text
}

/** What the progress modal shows of one send. */
export interface SendView {
  opId: number | null
  /** Steps complete, 0..6. */
  done: number
  phase: 'running' | 'sent' | 'failed'
  failure: AppError | null
  resumable: boolean
  canceling: boolean
}
