import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './i18n'
import { makeRouter } from './router'
import { answerRejectedCalls } from './api'

// Before the first screen calls Go: a call Wails fails outside Go must still
// get an answer, or its screen would spin for ever.
answerRejectedCalls()

createApp(App).use(createPinia()).use(i18n).use(makeRouter()).mount('#app')
