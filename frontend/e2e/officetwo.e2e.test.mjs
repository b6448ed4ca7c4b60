// The harness' office mode: two Selo instances (two PCs, each with its own
// data folder and keyring) started on one fresh office database see the
// same data. The base the coordinator's two-instance tests build on.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createDatabase, launch, postgresDSN, psql } from './harness.mjs'

test('two PCs in office mode on one database: what A saves, B shows', { skip: !postgresDSN && 'needs SELO_TEST_POSTGRES' }, async () => {
  const db = createDatabase('selo_two')
  const a = await launch({ office: db })
  let b
  try {
    await a.page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
    b = await launch({ office: db })
    await b.page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
    assert.notEqual(a.dataDir, b.dataDir)
    for (const pc of [a, b]) assert.equal(existsSync(join(pc.dataDir, 'selo.db')), false, 'an office PC keeps no selo.db')

    await a.page.getByTestId('sidebar').getByText('Empreendimentos', { exact: true }).click()
    await a.page.getByTestId('development-add').click()
    const form = a.page.getByTestId('development-form')
    await form.getByTestId('development-name').locator('input').fill('Residencial Dois Computadores')
    await form.getByTestId('development-city').locator('input').fill('Santos')
    await form.getByTestId('development-state').locator('input').fill('SP')
    await form.getByTestId('development-save').click()
    await form.waitFor({ state: 'hidden' })

    await b.page.getByTestId('sidebar').getByText('Empreendimentos', { exact: true }).click()
    await b.page.getByText('Residencial Dois Computadores').first().waitFor({ timeout: 10_000 })
    assert.equal(psql('SELECT count(*) FROM developments', { database: db.database }), '1')
    assert.deepEqual([...a.pageErrors, ...b.pageErrors], [])
  } finally {
    await b?.stop()
    await a.stop()
    db.drop()
  }
})
