import type { AppError } from '../api'
import { defaultLocale, i18n } from '../i18n'

/** The translated sentence for an AppError, in the current locale. */
export function errorText(e: AppError): string {
  const { t, te } = i18n.global
  const key = `errors.${e.code}`
  // A code said at more than one moment (office.unreachable at "Testar
  // conexão" and mid-session) may name which in data.when.
  const variant = typeof e.data?.when === 'string' ? `${key}_${e.data.when}` : ''
  if (variant && te(variant, defaultLocale)) return t(variant, e.data ?? {})
  // Every code has pt-BR text (the fallback); an unknown code is a bug on our
  // side, shown as the generic message rather than a raw key.
  return te(key, defaultLocale) ? t(key, withWhen(e.data ?? {})) : t('errors.internal')
}

/**
 * A message that says when something happened (record.conflict's "at", RFC
 * 3339 UTC) reads it as {time} and {date} in São Paulo, and an unknown
 * person ("by" empty, e.g. a PC where nobody was chosen) as "Outra pessoa".
 */
function withWhen(data: Record<string, unknown>): Record<string, unknown> {
  if (typeof data.at !== 'string') return data
  const at = new Date(data.at)
  if (Number.isNaN(at.getTime())) return data
  const { t, locale } = i18n.global
  const zone = { timeZone: 'America/Sao_Paulo' } as const
  return {
    ...data,
    by: typeof data.by === 'string' && data.by ? data.by : t('versions.someone'),
    time: at.toLocaleTimeString(locale.value, { ...zone, hour: '2-digit', minute: '2-digit' }),
    date: at.toLocaleDateString(locale.value, { ...zone, day: '2-digit', month: '2-digit' }),
  }
}

/**
 * Spreads an AppError over the form fields it names: one translated message
 * per field, plus the messages that belong to no field.
 */
export function fieldErrors(e: AppError): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {}
  const general: string[] = []
  const all = e.problems?.length ? e.problems : [e]
  for (const p of all) {
    const text = errorText(p)
    if (p.field && !fields[p.field]) fields[p.field] = text
    else if (!p.field) general.push(text)
  }
  return { fields, general }
}
