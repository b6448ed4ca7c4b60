// Office mode's "Quem está usando este computador?" through the real dev
// binary on a real PostgreSQL (SELO_TEST_POSTGRES, from build/scripts/pg.sh):
// with no users the shell only hints; once Usuários exist the PC asks, the
// choice shows in the shell and in <data>/who.json, and what this PC saves
// is recorded under that name in the shared database.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { launch, psql, switchToOffice } from './harness.mjs'
import { seedReservation } from './seed.mjs'

const dsn = process.env.SELO_TEST_POSTGRES

test('office mode asks who uses the PC, remembers it, stamps that name, and refuses a save over another PC\'s', { skip: !dsn && 'needs SELO_TEST_POSTGRES' }, async () => {
  const database = `selo_who_${process.pid}_${Date.now()}`
  psql(`CREATE DATABASE ${database}`, { dsn })
  const dbURL = new URL(dsn)
  dbURL.pathname = `/${database}`
  const app = await launch()
  const { page } = app
  try {
    await page.getByTestId('sidebar').waitFor({ timeout: 15_000 })
    // One PC: no person in the shell.
    assert.equal(await page.getByTestId('who').count(), 0)

    await switchToOffice(app, dsn, database)

    // A new office database has no users: a hint, nothing blocks.
    await page.getByTestId('who-no-users').getByText('crie um usuário em Configurações → Usuários', { exact: false }).waitFor()
    assert.equal(await page.getByTestId('who-picker').count(), 0)

    // Another PC creates the users; the next screen change asks.
    const now = new Date().toISOString()
    psql(`INSERT INTO admin_users (name, email, role, active, created_at, updated_at) VALUES
      ('Ana Gestora', 'ana@imob.com.br', 'gestor', 1, '${now}', '${now}'),
      ('Bruno Corretor', 'bruno@imob.com.br', 'corretor', 1, '${now}', '${now}')`, { dsn: dbURL.href })
    await page.getByTestId('sidebar').getByText('Usuários').click()
    const picker = page.getByTestId('who-picker')
    await picker.getByText('Quem está usando este computador?').waitFor({ timeout: 10_000 })
    await picker.getByText('Bruno Corretor').click()
    await page.getByTestId('who-confirm').click()
    await page.getByTestId('who-current').getByText('Usando: Bruno Corretor').waitFor()
    const saved = JSON.parse(readFileSync(join(app.dataDir, 'who.json'), 'utf8'))
    assert.equal(saved.name, 'Bruno Corretor')
    await app.screenshot('who-chosen')

    // Bruno edits Ana on this PC: the shared row says who did it.
    const anaID = psql(`SELECT id FROM admin_users WHERE email = 'ana@imob.com.br'`, { dsn: dbURL.href })
    await page.getByTestId(`user-options-${anaID}`).click()
    await page.getByText('Editar', { exact: true }).click()
    const form = page.getByTestId('user-form')
    await form.getByTestId('user-name').locator('input').fill('Ana Gestora Lima')
    await form.getByTestId('user-save').click()
    await page.getByText('Ana Gestora Lima').first().waitFor()
    assert.equal(psql(`SELECT updated_by_name || '/' || version FROM admin_users WHERE id = ${anaID}`, { dsn: dbURL.href }), 'Bruno Corretor/2')

    // A reservation made on this PC says who created it.
    const unitId = await page.evaluate(async () => {
      const go = window.go.app
      const dev = await go.Developments.Save({ id: 0, name: 'Residencial Ipê', city: 'Campinas', state: 'SP', version: 0 })
      const stage = await go.Developments.AddStage(dev.id, 'Etapa 1')
      const block = await go.Developments.AddBlock(stage, 'Bloco A')
      await go.Developments.CreateUnits({ blockId: block, floorFrom: '1', floorTo: '1', unitsPerFloor: '1', area: '', price: '300.000' })
      return (await go.Developments.Get(dev.id)).stages[0].blocks[0].units[0].id
    })
    const resID = await seedReservation(page, { unitId })
    await page.goto(`${app.url}/#/reservations/${resID}`)
    await page.getByTestId('reservation-created-by').getByText('Criada por Bruno Corretor').waitFor()

    // Ana saves it on her PC (as her Selo would) while Bruno's form is open.
    await page.getByTestId('reservation-edit').click()
    await page.getByTestId('holder-name').locator('input').fill('Maria da Silva Souza')
    psql(`UPDATE reservations SET price_cents = 32000000, version = version + 1, updated_by_name = 'Ana Gestora',
      updated_at = '2026-12-07T17:32:00Z' WHERE id = ${resID}`, { dsn: dbURL.href })
    await page.getByTestId('reservation-save').click()
    await page.getByTestId('reservation-form')
      .getByText('Ana Gestora alterou este registro às 14:32 de 07/12. Recarregue para ver a versão atual; o que você digitou continua no formulário.')
      .waitFor()
    assert.equal(await page.getByTestId('holder-name').locator('input').inputValue(), 'Maria da Silva Souza')
    assert.equal(psql(`SELECT holder_name || '/' || price_cents || '/' || version FROM reservations WHERE id = ${resID}`, { dsn: dbURL.href }),
      'Maria da Silva/32000000/2', 'Ana\'s save stays; nothing of Bruno\'s is written')
    await app.screenshot('who-conflict')

    // "Recarregar" brings Ana's version into the form; saving it now works.
    await page.getByTestId('reservation-reload').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="reservation-price"] input')?.value === '320.000,00')
    assert.equal(await page.getByTestId('holder-name').locator('input').inputValue(), 'Maria da Silva')
    await page.getByTestId('holder-name').locator('input').fill('Maria da Silva Souza')
    await page.getByTestId('reservation-save').click()
    await page.getByTestId('reservation-form').waitFor({ state: 'detached' })
    assert.equal(psql(`SELECT holder_name || '/' || version || '/' || updated_by_name FROM reservations WHERE id = ${resID}`, { dsn: dbURL.href }),
      'Maria da Silva Souza/3/Bruno Corretor')

    // The development form too: Ana renamed it meanwhile; Bruno's save is
    // refused, his typing stays, and the page now shows Ana's name.
    const devID = psql(`SELECT id FROM developments WHERE name = 'Residencial Ipê'`, { dsn: dbURL.href })
    await page.goto(`${app.url}/#/developments/${devID}`)
    await page.getByTestId('development-edit').click()
    const devForm = page.getByTestId('development-edit-form')
    await devForm.getByTestId('development-edit-name').locator('input').fill('Residencial Ipê Roxo')
    psql(`UPDATE developments SET name = 'Residencial Ipê Amarelo', version = version + 1, updated_by_name = 'Ana Gestora',
      updated_at = '2026-12-07T17:40:00Z' WHERE id = ${devID}`, { dsn: dbURL.href })
    await devForm.getByTestId('development-edit-save').click()
    await page.getByText('Ana Gestora alterou este registro às 14:40 de 07/12.', { exact: false }).first().waitFor()
    assert.equal(await devForm.getByTestId('development-edit-name').locator('input').inputValue(), 'Residencial Ipê Roxo')
    assert.equal(psql(`SELECT name FROM developments WHERE id = ${devID}`, { dsn: dbURL.href }), 'Residencial Ipê Amarelo')
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})
