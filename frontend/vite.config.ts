/// <reference types="vitest/config" />
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import { constants, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'

// The frontend as the Go binary embeds it (main.go, app/webassets): after the
// build, dist/ is copied to dist-gz/ with every text file gzipped (-9) as
// name.gz and any other file as it is; Go inflates a file as the webview
// reads it. The binary's loadable part stays resident on Linux, so its MBs
// are the window's memory (issue #18), and text shrinks about 4x. dist/ stays
// as Vite wrote it (build/scripts/firstpaint-js.mjs reads it); .vite/ (the
// manifest) is not served, so it is left out.
function embeddedGzip(): Plugin {
  const text = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.map', '.txt', '.xml', '.webmanifest'])
  let outDir = ''
  return {
    name: 'selo-embedded-gzip',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    writeBundle() {
      const target = `${outDir}-gz`
      rmSync(target, { recursive: true, force: true })
      const copy = (from: string, to: string) => {
        mkdirSync(to, { recursive: true })
        for (const e of readdirSync(from, { withFileTypes: true })) {
          if (e.name === '.vite') continue
          const src = join(from, e.name)
          if (e.isDirectory()) copy(src, join(to, e.name))
          else if (text.has(extname(e.name))) writeFileSync(join(to, `${e.name}.gz`), gzipSync(readFileSync(src), { level: constants.Z_BEST_COMPRESSION }))
          else writeFileSync(join(to, e.name), readFileSync(src))
        }
      }
      copy(outDir, target)
    },
  }
}

export default defineConfig({
  plugins: [vue(), embeddedGzip()],
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
