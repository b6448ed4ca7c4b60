// Prints how much JavaScript the window loads before its first paint, from
// Vite's manifest: the entry chunk plus every chunk it imports statically
// (what index.html loads or modulepreloads). Chunks behind a dynamic import()
// (the other screens, the board, the dark theme) are fetched later and not
// counted. Usage: node build/scripts/firstpaint-js.mjs [frontend/dist]
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const dist = process.argv[2] ?? 'frontend/dist'
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))
const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry)
if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`)

const seen = new Set()
function walk(key) {
  if (seen.has(key)) return
  seen.add(key)
  for (const dep of manifest[key].imports ?? []) walk(dep)
}
walk(entries[0])

let bytes = 0
for (const key of seen) bytes += statSync(join(dist, manifest[key].file)).size
let all = 0
for (const key of Object.keys(manifest)) if (manifest[key].file.endsWith('.js')) all += statSync(join(dist, manifest[key].file)).size

// Cross-check with index.html: every script and modulepreload it names must be
// one of the chunks counted above, or the figure would undercount.
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const files = new Set([...seen].map((k) => manifest[k].file))
for (const m of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/?([^"]+\.js)"/g)) {
  if (!files.has(m[1])) throw new Error(`index.html loads ${m[1]}, which the manifest walk missed`)
}

console.log(`window_js_first_paint_kb: ${(bytes / 1000).toFixed(1)}`)
console.log(`window_js_first_paint_chunks: ${seen.size}`)
console.log(`window_js_total_kb: ${(all / 1000).toFixed(1)}`)
console.log(`window_js_first_paint_target_kb_max: 400`)
