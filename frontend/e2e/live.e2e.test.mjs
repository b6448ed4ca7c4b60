// Live updates through the real dev binary on a real PostgreSQL
// (SELO_TEST_POSTGRES, from build/scripts/pg.sh): this PC shows the lead
// list, another writer of the office database adds a lead (psql stands in
// for the other PC), and the list shows it within 2 s without a click. The
// only thing between the two is the data:changed event.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, psql, switchToOffice } from './harness.mjs'

const dsn = process.env.SELO_TEST_POSTGRES

test('a lead another PC writes shows on the open lead list within 2 s, without a click', { skip: !dsn && 'needs SELO_TEST_POSTGRES' }, async (t) => {
  const database = `selo_live_${process.pid}_${Date.now()}`
  psql(`CREATE DATABASE ${database}`, { dsn })
  const officeDsn = new URL(dsn)
  officeDsn.pathname = `/${database}`
  const app = await launch()
  const { page } = app
  try {
    await page.getByTestId('sidebar').waitFor({ timeout: 15_000 })
    await switchToOffice(app, dsn, database)
    await page.getByTestId('sidebar').getByText('Leads', { exact: true }).click()
    await page.getByTestId('leads-refresh').waitFor()
    // The listener opens its session at start-up; give it a moment.
    await new Promise((r) => setTimeout(r, 500))

    const at = new Date().toISOString().replace(/\.\d+Z$/, '.000000000Z')
    const started = Date.now()
    psql(`INSERT INTO leads (id, stage, name, email, search_text, created_at, updated_at, last_event_at)
      VALUES ('other-pc-1', 'new', 'Rita do Outro PC', 'rita@exemplo.com.br', 'rita do outro pc', '${at}', '${at}', '${at}')`, { dsn: officeDsn.toString() })
    await page.getByText('Rita do Outro PC').waitFor({ timeout: 2000 })
    t.diagnostic(`shown ${Date.now() - started} ms after the other PC's write`)
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
    try {
      psql(`DROP DATABASE IF EXISTS ${database}`, { dsn })
    } catch {
      /* the server drops it with the cluster */
    }
  }
})
