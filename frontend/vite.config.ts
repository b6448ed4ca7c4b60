/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
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
