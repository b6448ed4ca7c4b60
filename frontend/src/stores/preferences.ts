import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { i18n, defaultLocale, isLocale, type Locale } from '../i18n'

const storageKey = 'selo.locale'
const themeKey = 'selo.theme'

/** How the window is painted: following the desktop, or always light or dark. */
export type ThemeChoice = 'system' | 'light' | 'dark'
/** The choices in the order the picker shows them. */
export const themeChoices: ThemeChoice[] = ['system', 'light', 'dark']

function isThemeChoice(v: unknown): v is ThemeChoice {
  return themeChoices.includes(v as ThemeChoice)
}

// Language and theme belong to the PC (each desk may sit in a brighter or
// darker room), so they live in the webview's localStorage, not in the
// database an office shares.
export const usePreferencesStore = defineStore('preferences', () => {
  const saved = localStorage.getItem(storageKey)
  const locale = ref<Locale>(isLocale(saved) ? saved : defaultLocale)
  const savedTheme = localStorage.getItem(themeKey)
  const theme = ref<ThemeChoice>(isThemeChoice(savedTheme) ? savedTheme : 'system')

  watch(
    locale,
    (l) => {
      i18n.global.locale.value = l
      document.documentElement.lang = l
      localStorage.setItem(storageKey, l)
    },
    { immediate: true },
  )
  watch(theme, (v) => localStorage.setItem(themeKey, v))

  return { locale, theme }
})
