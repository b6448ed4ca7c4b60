import { createI18n } from 'vue-i18n'
import ptBR from './pt-BR'
import enUS from './en-US'

export const locales = ['pt-BR', 'en-US'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'pt-BR'

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (locales as readonly string[]).includes(v)
}

export type MessageSchema = typeof ptBR

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: defaultLocale,
  // pt-BR is the product's language: a string missing in English falls back
  // to Portuguese, never to a raw key.
  fallbackLocale: defaultLocale,
  messages: { 'pt-BR': ptBR, 'en-US': enUS },
})
