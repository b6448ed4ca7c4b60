// The channel rules of Configurar Assinantes, mirrored from Go
// (crm.ChannelSet.Apply / crm.ApplyChannelChange) so the screen reacts as the
// user clicks. channelRules.spec.ts runs the vectors Go writes to
// backend/crm/testdata/channel_rules.json, so the two cannot drift.

export type Channel = 'email' | 'sms' | 'whatsapp' | 'pix' | 'icp_brasil'
export type ChannelField = 'delivery' | 'reminder' | 'auth'

export interface ChannelSet {
  delivery: string
  reminder: string
  auth: string
}

export const channelFields: ChannelField[] = ['delivery', 'reminder', 'auth']

/** The channels a field accepts, in screen order (crm.ChannelsFor). */
export function channelsFor(field: string): Channel[] {
  switch (field) {
    case 'delivery':
    case 'reminder':
      return ['email', 'sms', 'whatsapp']
    case 'auth':
      return ['email', 'sms', 'pix', 'whatsapp', 'icp_brasil']
  }
  return []
}

export const usesPhone = (c: string): boolean => c === 'sms' || c === 'whatsapp'

/**
 * The rule after the user picks value in field, applying the coupling once:
 * a. WhatsApp/SMS in Envio sets Autenticação to the same and Notificação to
 *    E-mail unless it already equals the new Envio;
 * b. WhatsApp/SMS in Notificação sets Autenticação to the same;
 * c. any Autenticação picked by hand sets Notificação to E-mail;
 * i. an ICP-Brasil Autenticação stays when Envio or Notificação change.
 * A value the field does not accept leaves the rule as it was. Returns a copy.
 */
export function applyChannelChange<T extends ChannelSet>(rule: T, field: string, value: string): T {
  const out = { ...rule }
  if (!(channelsFor(field) as string[]).includes(value)) return out
  switch (field) {
    case 'delivery':
      out.delivery = value
      if (usesPhone(value) && out.auth !== 'icp_brasil') {
        out.auth = value
        if (out.reminder !== value) out.reminder = 'email'
      }
      break
    case 'reminder':
      out.reminder = value
      if (usesPhone(value) && out.auth !== 'icp_brasil') out.auth = value
      break
    case 'auth':
      out.auth = value
      out.reminder = 'email'
      break
  }
  return out
}
