// Selo's native dialogs (GTK, on the app's own Xvfb display; app.x() from
// the harness names it) answered with xdotool as a user would, and files
// dropped on a page's drop zone as a browser drops them.
import { execFileSync } from 'node:child_process'

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// findDialog waits for the window titled title and focuses it once GTK has
// filled it in.
async function findDialog(x, title) {
  const env = { ...process.env, ...x }
  // xdotool reads the name as a regular expression.
  const re = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  let win = ''
  for (let i = 0; i < 150 && !win; i++) {
    try {
      win = execFileSync('xdotool', ['search', '--name', re], { env }).toString().trim().split('\n')[0]
    } catch {
      await sleep(100)
    }
  }
  if (!win) throw new Error(`no native dialog titled "${title}" opened`)
  // GTK fills the folder and the name a moment after mapping the window.
  await sleep(500)
  execFileSync('xdotool', ['windowfocus', '--sync', win], { env })
  return env
}

/** Picks path in the open dialog titled title the way a keyboard user does: Ctrl+L, the path, Enter. */
export async function pickInOpenDialog(x, title, path) {
  const env = await findDialog(x, title)
  execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+l'], { env })
  await sleep(200)
  execFileSync('xdotool', ['type', '--delay', '2', path], { env })
  await sleep(200)
  execFileSync('xdotool', ['key', 'Return'], { env })
}

/**
 * Drops the file at path on zone as a browser does: drag events whose
 * DataTransfer holds the File. The page fetches the bytes from a route
 * Playwright answers with the file, so they never pass through the test's
 * own messages.
 */
export async function dropFile(page, zone, path, name) {
  const route = `/__e2e/${encodeURIComponent(name)}`
  await page.route(`**${route}`, (r) => r.fulfill({ path, contentType: 'application/pdf' }))
  const dt = await page.evaluateHandle(
    async ({ route, name }) => {
      const blob = await (await fetch(route)).blob()
      const dt = new DataTransfer()
      dt.items.add(new File([blob], name, { type: 'application/pdf' }))
      return dt
    },
    { route, name },
  )
  for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer: dt })
  await page.unroute(`**${route}`)
}


/**
 * Waits for the save dialog titled `title` on display x, types `path` over
 * the suggested name when given, and presses Enter.
 */
export async function answerDialog(x, title, { path } = {}) {
  const env = await findDialog(x, title)
  if (path) {
    execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+a'], { env })
    execFileSync('xdotool', ['type', '--delay', '15', path], { env })
    await sleep(300)
  }
  execFileSync('xdotool', ['key', 'Return'], { env })
}

/**
 * Clicks `button`, accepts Selo's suggestion in the dialog titled `title`
 * and returns the path the page says it saved to ("… salvo em <path>").
 */
export async function saveWithSuggestion(app, button, title) {
  const x = app.x()
  await button.click()
  await answerDialog(x, title)
  const msg = app.page.locator('.n-message', { hasText: / salv[oa] em / })
  await msg.first().waitFor({ timeout: 15_000 })
  return (await msg.first().textContent()).replace(/^.* salv[oa] em /, '').trim()
}
