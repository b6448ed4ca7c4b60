// The office server goes away mid-session and comes back (issue #15, item 8),
// through the real dev binary in office mode on a real PostgreSQL
// (SELO_TEST_POSTGRES and SELO_TEST_POSTGRES_DIR, set by build/scripts/test.sh):
// a save while the server is stopped says "Sem conexão com o servidor do
// escritório", the banner shows, what was typed stays; once the server is
// started again the banner says so and goes, the same save works, and the
// database holds exactly one row.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createDatabase, launch, postgresDSN, postgresServer, psql } from './harness.mjs'

const skip = !(postgresDSN && process.env.SELO_TEST_POSTGRES_DIR) && 'needs SELO_TEST_POSTGRES and SELO_TEST_POSTGRES_DIR (build/scripts/test.sh sets both)'

test('the office server stops mid-session: the save says so, keeps the typing, and works once it is back, writing one row', { skip }, async () => {
  const db = createDatabase('selo_faults')
  const server = postgresServer()
  let stopped = false
  const app = await launch({ office: db })
  const { page } = app
  try {
    await page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
    // The app runs on the server, not on a selo.db of its own.
    await page.getByTestId('sidebar').getByText('Escritório').click()
    await page.getByText('Em uso agora: servidor do escritório', { exact: false }).waitFor()
    // Sobre names the server and database in use, not this PC's selo.db.
    await page.getByTestId('sidebar').getByText('Sobre', { exact: true }).click()
    const where = page.getByTestId('about-database')
    await where.waitFor()
    assert.equal((await where.textContent()).trim(), `${new URL(db.dsn).hostname}, porta ${new URL(db.dsn).port} · banco ${db.database}`)

    await page.getByTestId('sidebar').getByText('Empreendimentos', { exact: true }).click()
    await page.getByTestId('development-add').click()
    const form = page.getByTestId('development-form')
    await form.getByTestId('development-name').locator('input').fill('Residencial Servidor Caiu')
    await form.getByTestId('development-city').locator('input').fill('Campinas')
    await form.getByTestId('development-state').locator('input').fill('SP')

    server.stop()
    stopped = true
    await form.getByTestId('development-save').click()
    await page.getByText(`Sem conexão com o servidor do escritório (${new URL(db.dsn).hostname}). O que você digitou continua na tela`, { exact: false }).first().waitFor({ timeout: 15_000 })
    const banner = page.getByTestId('office-connection-banner')
    await banner.getByText('Sem conexão com o servidor do escritório — tentando de novo…').waitFor({ timeout: 10_000 })
    assert.equal(await form.getByTestId('development-name').locator('input').inputValue(), 'Residencial Servidor Caiu')
    assert.equal(await form.getByTestId('development-city').locator('input').inputValue(), 'Campinas')
    assert.equal(await form.getByTestId('development-state').locator('input').inputValue(), 'SP')
    await app.screenshot('office-connection-down')

    server.start()
    stopped = false
    await banner.getByText('Conexão restabelecida').waitFor({ timeout: 15_000 })
    await form.getByTestId('development-save').click()
    await form.waitFor({ state: 'hidden', timeout: 15_000 })
    await page.getByText('Residencial Servidor Caiu').first().waitFor()
    await banner.waitFor({ state: 'detached', timeout: 10_000 })

    assert.equal(psql(`SELECT count(*) FROM developments WHERE name = 'Residencial Servidor Caiu'`, { database: db.database }), '1')
    assert.equal(psql(`SELECT count(*) FROM developments`, { database: db.database }), '1')
    assert.deepEqual(app.pageErrors, [])
  } finally {
    if (stopped) server.start()
    await app.stop()
    db.drop()
  }
})

test('an office database written by a newer Selo is refused at start-up, untouched', { skip }, async () => {
  const db = createDatabase('selo_newer')
  try {
    // A first PC creates the schema; then a newer Selo adds its migration.
    const first = await launch({ office: db })
    try {
      await first.page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
    } finally {
      await first.stop()
    }
    psql(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from_a_newer_selo', '2030-01-01T00:00:00Z')`, { database: db.database })
    const before = psql(`SELECT version, name FROM schema_migrations ORDER BY version`, { database: db.database })

    const app = await launch({ office: db })
    try {
      const box = app.page.getByTestId('startup-error')
      await box.waitFor({ timeout: 20_000 })
      await app.page.getByTestId('startup-error-text').getByText('foi gravado por uma versão mais nova do Selo (esquema 9999', { exact: false }).waitFor()
      assert.equal(await app.page.getByTestId('sidebar').count(), 0, 'no app on a database it does not know')
    } finally {
      await app.stop()
    }
    assert.equal(psql(`SELECT version, name FROM schema_migrations ORDER BY version`, { database: db.database }), before, 'refusing changed nothing')
  } finally {
    db.drop()
  }
})
