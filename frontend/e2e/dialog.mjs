// Answers Selo's native "Salvar como" (a GTK dialog in the app's own Xvfb
// display) with xdotool, as a user would: the page's button opens it, Enter
// accepts the folder and name Selo suggests, or a typed path replaces them.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/** The app's X display and cookie, read from its process (xvfb-run picks both). */
export function appDisplay(dataDir) {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let env
    try {
      env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')
    } catch {
      continue
    }
    if (!env.includes(`SELO_DATA_DIR=${dataDir}`)) continue
    const get = (k) => env.find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1)
    if (get('DISPLAY')) return { DISPLAY: get('DISPLAY'), XAUTHORITY: get('XAUTHORITY') ?? '' }
  }
  throw new Error('the app process was not found')
}

/**
 * Waits for the dialog titled `title` on display x, focuses it, types
 * `path` over the suggested name when given, and presses Enter.
 */
export async function answerDialog(x, title, { path } = {}) {
  const env = { ...process.env, ...x }
  // xdotool reads the name as a regular expression.
  const re = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  let win = ''
  for (let i = 0; i < 150 && !win; i++) {
    try {
      win = execFileSync('xdotool', ['search', '--name', re], { env }).toString().trim().split('\n')[0]
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  if (!win) throw new Error(`no native dialog titled "${title}" opened`)
  // GTK fills the folder and the name a moment after mapping the window.
  await new Promise((r) => setTimeout(r, 500))
  execFileSync('xdotool', ['windowfocus', '--sync', win], { env })
  if (path) {
    execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+a'], { env })
    execFileSync('xdotool', ['type', '--delay', '15', path], { env })
    await new Promise((r) => setTimeout(r, 300))
  }
  execFileSync('xdotool', ['key', 'Return'], { env })
}

/**
 * Clicks `button`, accepts Selo's suggestion in the dialog titled `title`
 * and returns the path the page says it saved to ("… salvo em <path>").
 */
export async function saveWithSuggestion(app, button, title) {
  const x = appDisplay(app.dataDir)
  await button.click()
  await answerDialog(x, title)
  const msg = app.page.locator('.n-message', { hasText: / salv[oa] em / })
  await msg.first().waitFor({ timeout: 15_000 })
  return (await msg.first().textContent()).replace(/^.* salv[oa] em /, '').trim()
}
