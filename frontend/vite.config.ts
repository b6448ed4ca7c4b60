/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  // vue-i18n's documented feature flags: Selo uses the Composition API only
  // (legacy: false) and neither <i18n-t> nor v-t, so their code is left out
  // of the JavaScript parsed before the first paint.
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    manifest: true,
    // The app runs in a known, current webview (WebView2 / WebKitGTK 4.1).
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    setupFiles: ['src/testing/setup.ts'],
    // CI shares two cores with Go builds; mounting Naive UI can take seconds.
    testTimeout: 30000,
  },
})
