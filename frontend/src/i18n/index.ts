import { defineAsyncComponent, shallowRef, type Component } from 'vue'
import { createI18n } from 'vue-i18n'
import type { NDateLocale } from 'naive-ui'
import type ptBR from './pt-BR'
import { shellEnUS, shellPtBR } from './shell'
import { firstPaint } from '../lib/firstPaint'

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
  // The first paint's texts only: the catalogue of every screen (135 KB of
  // JavaScript) would otherwise be parsed before the window shows anything.
  messages: { 'pt-BR': shellPtBR as unknown as MessageSchema, 'en-US': shellEnUS as unknown as MessageSchema },
})

// The catalogue being fetched, or fetched. A failed fetch is forgotten, so
// the next screen or part that needs it asks again: one bad moment (a chunk
// that did not arrive) must not leave every screen broken for the session.
let catalogue: Promise<void> | null = null

/**
 * Resolves once every text of every screen is in i18n (fetched after the
 * first frame). Rejects when the chunk could not be loaded; the next call
 * tries again.
 */
export function loadCatalogue(): Promise<void> {
  catalogue ??= firstPaint
    .then(() => import('./catalogue'))
    .then(({ ptBR, enUS }) => {
      i18n.global.setLocaleMessage('pt-BR', ptBR)
      i18n.global.setLocaleMessage('en-US', enUS)
    })
    .catch((e: unknown) => {
      catalogue = null
      throw e
    })
  return catalogue
}

/** Naive UI's date-picker locales (App.vue's n-config-provider), once loaded. */
export const dateLocales = shallowRef<{ datePtBR: NDateLocale; dateEnUS: NDateLocale } | null>(null)
let dates: Promise<void> | null = null

/**
 * Fetches the date-picker locales, a chunk of their own: only screens that
 * load after the first paint have a date picker. A failed fetch is asked
 * again by the next call, as the catalogue is.
 */
export function loadDateLocales(): Promise<void> {
  dates ??= import('./dates')
    .then((m) => {
      dateLocales.value = m
    })
    .catch((e: unknown) => {
      dates = null
      throw e
    })
  return dates
}

/**
 * Wraps a lazy screen or part so it loads after the first frame and resolves
 * only once the catalogue and the date-picker locales are in (all fetched at
 * the same time): nothing but the first paint ever shows before its texts,
 * so no raw key flashes and no calendar opens in English. Locales that fail
 * to load do not keep the screen out: its calendars fall back to Naive's
 * English, as they did before the screen waited for them.
 */
export function withTexts<T>(load: () => Promise<T>): () => Promise<T> {
  return () =>
    firstPaint.then(() => Promise.all([load(), loadCatalogue(), loadDateLocales().catch(() => undefined)])).then(([m]) => m)
}

/**
 * A lazy part of a screen (a notice, the Painel's board), loaded with its
 * texts (withTexts). A failed fetch is tried again a few times, a little
 * later each time: a part left out would otherwise stay out until the
 * window is opened again.
 */
export function lazyPart<T extends Component>(load: () => Promise<{ default: T }>) {
  return defineAsyncComponent({
    loader: withTexts(load),
    onError: (_e, retry, fail, attempts) => (attempts <= 3 ? setTimeout(retry, 500 * attempts) : fail()),
  })
}
