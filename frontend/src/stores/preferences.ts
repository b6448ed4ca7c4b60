import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { i18n, defaultLocale, isLocale, type Locale } from '../i18n'

const storageKey = 'selo.locale'

export const usePreferencesStore = defineStore('preferences', () => {
  const saved = localStorage.getItem(storageKey)
  const locale = ref<Locale>(isLocale(saved) ? saved : defaultLocale)

  watch(
    locale,
    (l) => {
      i18n.global.locale.value = l
      document.documentElement.lang = l
      localStorage.setItem(storageKey, l)
    },
    { immediate: true },
  )

  return { locale }
})
