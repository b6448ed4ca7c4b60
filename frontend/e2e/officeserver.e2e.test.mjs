// Integrações on an office PC whose office runs `selo server`: the JivoChat
// tab says "Recebido pelo servidor do escritório" with the server's URL, the
// last event it received, and whether its public /health answers, through
// the real binding (an HTTP health check from Go) and the real office row.
// The row is what `selo server` writes at start (migration 0022); its
// /health is a stand-in here that answers as the server's does, so the test
// can make it go silent.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { createDatabase, launch, postgresDSN, psql } from './harness.mjs'

function healthServer() {
  const srv = createServer((req, res) => {
    if (req.url !== '/health') {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok","version":"e2e","database":true}')
  })
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)))
}

test('an office PC shows where JivoChat events land and whether the office server answers', { skip: !postgresDSN && 'needs SELO_TEST_POSTGRES' }, async () => {
  const db = createDatabase('selo_srv')
  const app = await launch({ office: db })
  const { page } = app
  const health = await healthServer()
  try {
    await page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
    const base = `http://127.0.0.1:${health.address().port}`
    const now = new Date().toISOString()
    psql(
      `INSERT INTO office_server (id, instance, host_name, version, web_mode, public_url, started_at, beat_at)
       VALUES (1, 'e2e', 'servidor-selo', '1.0.0', 'proxy', '${base}', '${now}', '${now}')`,
      { database: db.database },
    )
    psql(
      `INSERT INTO jivochat_events (key, event_name, received_at, outcome, body)
       VALUES ('k1', 'chat_finished', '2026-12-07T12:41:00Z', 'stored', '\\x7b7d'::bytea)`,
      { database: db.database },
    )

    await page.getByTestId('sidebar').getByText('Integrações', { exact: true }).click()
    await page.locator('.n-tabs-tab', { hasText: 'JivoChat' }).click()
    const card = page.getByTestId('office-server-receipt')
    await card.getByText('Recebido pelo servidor do escritório').waitFor({ timeout: 10_000 })
    assert.match(await card.getByTestId('office-server-url').textContent(), new RegExp(`^${base}/webhooks/jivochat/`))
    assert.equal(await card.getByTestId('office-server-last').textContent(), '07/12/2026, 09:41')
    await card.getByTestId('office-server-health').getByText('Servidor respondendo').waitFor({ timeout: 10_000 })

    // The server goes silent: after the next check the card says since when.
    await new Promise((r) => health.close(r))
    await page.getByTestId('sidebar').getByText('Painel', { exact: true }).click()
    await page.getByTestId('sidebar').getByText('Integrações', { exact: true }).click()
    await page.locator('.n-tabs-tab', { hasText: 'JivoChat' }).click()
    await page.getByTestId('office-server-health').getByText(/^Servidor não responde desde \d\d:\d\d$/).waitFor({ timeout: 15_000 })
    assert.ok(await page.getByTestId('office-server-silent-hint').isVisible())
    assert.deepEqual(app.pageErrors, [])
  } finally {
    health.close()
    await app.stop()
    db.drop()
  }
})
