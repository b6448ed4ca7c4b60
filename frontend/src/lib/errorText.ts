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
  return te(key, defaultLocale) ? t(key, e.data ?? {}) : t('errors.internal')
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
