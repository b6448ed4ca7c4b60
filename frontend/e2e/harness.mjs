// Starts the real dev binary (real Go bindings, real SQLite, a real keyring
// under its own D-Bus session, a real window under Xvfb) and drives it with
// Debian's Chromium through playwright-core. Nothing here downloads a browser.
import { spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

const root = resolve(import.meta.dirname, '..', '..')
// The app is started from the repository root, so a relative path given by
// the caller (frontend/ is the usual place to run from) is resolved here.
export const binary = process.env.SELO_DEV_BINARY ? resolve(process.env.SELO_DEV_BINARY) : join(root, 'build', 'bin', 'selo-dev')
export const artifacts = join(root, 'frontend', 'e2e-artifacts')
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** A port free on 127.0.0.1 at the moment of asking. */
export async function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => ok(port))
    })
  })
}

async function waitFor(url, ms) {
  const deadline = Date.now() + ms
  let last
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url)
      if (r.ok) return
      last = new Error(`status ${r.status}`)
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`app did not answer at ${url}: ${last}`)
}

/**
 * Wails v2.17.1's dev-server runtime (/wails/ipc.js, served only with
 * -devserver, never in the real window) mounts its reconnect overlay with
 * `new Overlay(...)` on a Svelte 5 component, which throws at
 * DOMContentLoaded. The bridge itself is set up before that and works; only
 * this one error from that one script is not Selo's.
 */
export function isWailsDevOverlayBug(e) {
  return /reading 'nodes'/.test(String(e?.message)) && /\/wails\/ipc\.js/.test(String(e?.stack))
}

/**
 * Rejections of a bound method, as the page sees them: Wails v2.17 rejects
 * with an Error whose message is the JSON of app.ErrorPayload. Use inside
 * page.evaluate as `.catch((e) => e instanceof Error ? e.message : e)`, then
 * pass the result here.
 */
export function bindingError(v) {
  if (typeof v !== 'string') return v
  try {
    return JSON.parse(v)
  } catch {
    return { code: 'internal', message: v }
  }
}

/**
 * Launches Selo with a fresh data folder and opens it in Chromium.
 * Returns { page, dataDir, url, logs(), stop() }.
 */
export async function launch({ dataDir } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'selo-e2e-'))
  dataDir ??= join(tmp, 'data')
  const keyringHome = join(tmp, 'keyring')
  mkdirSync(keyringHome)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`

  let output = ''
  // A fresh, unlocked gnome-keyring in the app's own D-Bus session, as on a
  // logged-in desktop; the app's window goes to a private Xvfb display.
  const app = spawn(
    'xvfb-run',
    [
      '-a',
      'dbus-run-session',
      '--',
      'sh',
      '-c',
      // The display line lets a test drive the app's native dialogs (xdotool).
      'echo "selo-e2e-x: $DISPLAY $XAUTHORITY"; echo -n selo-e2e | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$0" -devserver "$1"',
      binary,
      `127.0.0.1:${port}`,
    ],
    {
      env: { ...process.env, SELO_DATA_DIR: dataDir, XDG_DATA_HOME: keyringHome },
      // Dev builds find frontend/dist relative to the working directory.
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  app.stdout.on('data', (d) => (output += d))
  app.stderr.on('data', (d) => (output += d))
  const exited = new Promise((r) => app.on('exit', r))

  try {
    await waitFor(url, 30_000)
  } catch (e) {
    try { process.kill(-app.pid, 'SIGTERM') } catch { /* gone */ }
    throw new Error(`${e.message}\n--- app output ---\n${output}`)
  }

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const pageErrors = []
  page.on('pageerror', (e) => {
    if (!isWailsDevOverlayBug(e)) pageErrors.push(e)
  })
  await page.goto(url)

  return {
    page,
    dataDir,
    url,
    pageErrors,
    logs: () => output,
    /** The app's X display: env for xdotool on its native dialogs. */
    x() {
      const m = /selo-e2e-x: (\S+) (\S*)/.exec(output)
      return m ? { DISPLAY: m[1], XAUTHORITY: m[2] } : null
    },
    async screenshot(name) {
      mkdirSync(artifacts, { recursive: true })
      const p = join(artifacts, `${name}.png`)
      await page.screenshot({ path: p })
      return p
    },
    async stop() {
      // The last screen is kept for whoever reads a failed run.
      await this.screenshot('last').catch(() => {})
      await browser.close()
      try { process.kill(-app.pid, 'SIGTERM') } catch { /* gone */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      try { process.kill(-app.pid, 'SIGKILL') } catch { /* gone */ }
      rmSync(tmp, { recursive: true, force: true })
    },
  }
}
