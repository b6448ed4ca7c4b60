// Starts the real dev binary (real Go bindings, real SQLite, a real keyring
// under its own D-Bus session, a real window under Xvfb) and drives it with
// Debian's Chromium through playwright-core. Nothing here downloads a browser.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
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

/** The PostgreSQL server the e2e run was given (build/scripts/pg.sh), or undefined. */
export const postgresDSN = process.env.SELO_TEST_POSTGRES

/** Debian's psql of the newest installed server, else the one on PATH. */
export function psqlPath() {
  const root = '/usr/lib/postgresql'
  const found = existsSync(root)
    ? readdirSync(root)
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `${root}/${v}/bin/psql`)
        .find((p) => existsSync(p))
    : undefined
  return found ?? 'psql'
}

/**
 * Runs sql on database (default: the DSN's own) of the SELO_TEST_POSTGRES
 * server and returns psql's unaligned output (-At: one row a line, columns
 * joined by |), so a test can look at what landed in the database.
 */
export function psql(sql, { database, dsn = postgresDSN } = {}) {
  if (!dsn) throw new Error('psql: SELO_TEST_POSTGRES is not set (build/scripts/pg.sh start DIR prints one)')
  const u = new URL(dsn)
  if (database) u.pathname = `/${database}`
  return execFileSync(psqlPath(), [u.toString(), '-X', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

/**
 * Records every notice (Naive UI message) the page shows from now on, as
 * it is added, and returns a wait for one of them. A notice lasts 3 s: a
 * busy machine polling for it may look only once it has gone, and a wait
 * that fails lists what was shown instead. A navigation ends the record.
 */
export async function watchNotices(page) {
  await page.evaluate(() => {
    const seen = (window.__seloNotices = [])
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('.n-message')) {
        const text = el.textContent?.trim()
        if (text && !seen.includes(text)) seen.push(text)
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  })
  return {
    /** Resolves once a notice reading exactly text has been shown. */
    async shown(text, timeout = 60_000) {
      try {
        await page.waitForFunction((t) => window.__seloNotices.includes(t), text, { timeout })
      } catch (e) {
        const seen = await page.evaluate(() => window.__seloNotices).catch(() => '(page gone)')
        throw new Error(`notice ${JSON.stringify(text)} not shown; shown: ${JSON.stringify(seen)}`, { cause: e })
      }
    },
  }
}

/** Polls f (every 250 ms) until it returns something truthy, which it returns; fails after ms, naming what. */
export async function until(what, f, ms) {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await f()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/**
 * Reloads app's page until it shows testId: Selo restarting after a switch
 * between this PC and the office server closes the page's connection for a
 * moment. Fails after ms with the app's output.
 */
export async function reloadUntil(app, testId, ms = 25_000) {
  const deadline = Date.now() + ms
  for (;;) {
    await new Promise((r) => setTimeout(r, 500))
    try {
      await app.page.reload({ timeout: 3000 })
      await app.page.getByTestId(testId).waitFor({ timeout: 3000 })
      return
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`Selo did not come back showing ${testId}: ${e.message}\n${app.logs()}`)
    }
  }
}

/**
 * Switches app's PC to the office server through Configurações → Escritório,
 * as a user does: "Servidor do escritório", the fields from dsn (a postgres://
 * URL) with database, Salvar, Reiniciar agora; returns once Selo shows its
 * sidebar again, now on the server.
 */
export async function switchToOffice(app, dsn, database) {
  const { page } = app
  const url = new URL(dsn)
  await page.getByTestId('sidebar').getByText('Escritório').click()
  await page.getByTestId('office-mode-office').click()
  await page.getByTestId('office-host').locator('input').fill(url.hostname)
  await page.getByTestId('office-port').locator('input').fill(url.port)
  await page.getByTestId('office-database').locator('input').fill(database)
  await page.getByTestId('office-user').locator('input').fill(decodeURIComponent(url.username))
  await page.getByTestId('office-password').locator('input').fill(decodeURIComponent(url.password))
  await page.getByTestId('office-save').click()
  await page.getByTestId('office-saved').waitFor()
  await page.getByTestId('office-restart').click()
  await reloadUntil(app, 'sidebar')
}

/**
 * Creates a new, empty database on the SELO_TEST_POSTGRES server, owned by
 * the DSN's role, and returns { dsn, database, drop() }. One per test, so
 * tests never see each other's rows; Selo creates its schema in it at the
 * first start in office mode. Pass the result to launch({ office }).
 */
export function createDatabase(prefix = 'selo_e2e') {
  const database = `${prefix}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_')
  psql(`CREATE DATABASE ${database}`)
  const u = new URL(postgresDSN)
  u.pathname = `/${database}`
  return {
    dsn: u.toString(),
    database,
    drop() {
      // WITH (FORCE): an app instance a failed test left running must not
      // keep it. A role that may not signal autovacuum gets a plain DROP.
      try {
        psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      } catch {
        psql(`DROP DATABASE IF EXISTS ${database}`)
      }
    },
  }
}

/**
 * The SELO_TEST_POSTGRES server as a thing a test can switch off and on
 * (the office server going away mid-session). Needs SELO_TEST_POSTGRES_DIR,
 * the directory build/scripts/pg.sh started it in (test.sh's e2e step sets
 * both). As root the server runs as 'postgres', as pg.sh starts it.
 */
export function postgresServer() {
  const dir = process.env.SELO_TEST_POSTGRES_DIR
  if (!dir || !postgresDSN) throw new Error('postgresServer: SELO_TEST_POSTGRES and SELO_TEST_POSTGRES_DIR must be set (build/scripts/test.sh e2e does it)')
  const pgCtl = psqlPath().replace(/psql$/, 'pg_ctl')
  const port = new URL(postgresDSN).port
  const run = (args) => {
    const argv = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', pgCtl, ...args]] : [pgCtl, args]
    execFileSync(argv[0], argv[1], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  }
  return {
    /** Stops the server as an administrator would ('fast': every session is cut). */
    stop() {
      run(['-D', join(dir, 'data'), '-m', 'fast', '-w', '-t', '30', 'stop'])
    },
    /** Starts it again on the same port, waiting until it accepts connections. */
    start() {
      run(['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-o', `-p ${port}`, '-w', '-t', '30', 'start'])
    },
  }
}

/**
 * The data folder of an office PC, as Configurações → Escritório leaves it
 * (backend/office: office.json, 0600, mode "office"), pointing at dsn (a
 * postgres:// URL; database overrides its path). Returns the password,
 * which goes to the keyring, never to the file.
 */
export function writeOfficeSettings(dataDir, { dsn = postgresDSN, database } = {}) {
  const u = new URL(dsn)
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const settings = {
    mode: 'office',
    host: u.hostname,
    port: Number(u.port || 5432),
    database: database ?? decodeURIComponent(u.pathname.replace(/^\//, '')),
    user: decodeURIComponent(u.username),
    tls: u.searchParams.get('sslmode') === 'require' ? 'require' : 'disable',
    caFile: '',
  }
  writeFileSync(join(dataDir, 'office.json'), JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 })
  return decodeURIComponent(u.password)
}

/**
 * Launches Selo with a fresh data folder and opens it in Chromium.
 * Returns { page, dataDir, url, logs(), stop() }.
 *
 * office: { dsn, database } starts this instance already in office mode on
 * that server (see createDatabase): office.json is written and the password
 * put in this instance's own keyring under the entry go-keyring reads
 * (Secret Service attributes service=Selo, username=office/password) before
 * the app starts. Two launches with the same office are two PCs of one
 * office: each has its own data folder and keyring.
 */
export async function launch({ dataDir, office } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'selo-e2e-'))
  dataDir ??= join(tmp, 'data')
  const keyringHome = join(tmp, 'keyring')
  mkdirSync(keyringHome)
  let officePassword = ''
  if (office) officePassword = writeOfficeSettings(dataDir, office)
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
      'echo "selo-e2e-x: $DISPLAY $XAUTHORITY"; echo -n selo-e2e | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ' +
        // The office password arrives in the environment, never on a command
        // line, and leaves it before the app starts.
        // The daemon just started may not own the Secret Service name yet:
        // asking before then makes D-Bus start a second daemon, which finds
        // the first one's half-written keyring and waits on a prompt.
        'if [ -n "$SELO_E2E_OFFICE_PASSWORD" ]; then for _ in $(seq 50); do dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break; sleep 0.1; done; ' +
        'printf %s "$SELO_E2E_OFFICE_PASSWORD" | secret-tool store --label="Password for \'office/password\' on \'Selo\'" service Selo username office/password || exit 1; fi; ' +
        'unset SELO_E2E_OFFICE_PASSWORD; exec "$0" -devserver "$1"',
      binary,
      `127.0.0.1:${port}`,
    ],
    {
      env: { ...process.env, SELO_DATA_DIR: dataDir, XDG_DATA_HOME: keyringHome, SELO_E2E_OFFICE_PASSWORD: officePassword },
      // The dev binary serves the frontend embedded when it was built
      // (frontend/dist-gz); the repository root is its working directory.
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
    /**
     * Kills the app at once (SIGKILL to its whole process group), as a power
     * cut or a crash would: no shutdown code runs. stop() still cleans up.
     */
    async kill() {
      try { process.kill(-app.pid, 'SIGKILL') } catch { /* gone */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
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
