// One line of text per problem of a send, in the current locale.
import type { AppError } from '../../api/errors'
import { errorText } from '../../lib/errorText'

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
  const text = errorText(p)
  return name && p.code.startsWith('signer.') ? `${name}: ${text}` : text
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
