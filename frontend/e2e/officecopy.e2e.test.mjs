// "Levar os dados deste computador para o servidor" through the real dev
// binary and a real PostgreSQL (SELO_TEST_POSTGRES, from build/scripts/pg.sh):
// the dados de exemplo of this PC go into a new, empty office database, the
// screen shows the counts, and after "Usar o servidor neste computador" Selo
// reopens on the server showing the same development.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, psql, reloadUntil } from './harness.mjs'

const dsn = process.env.SELO_TEST_POSTGRES

test('this PC’s data goes to an empty office server, and Selo reopens on it', { skip: !dsn && 'needs SELO_TEST_POSTGRES' }, async () => {
  const url = new URL(dsn)
  const database = `selo_copy_${process.pid}_${Date.now()}`
  psql(`CREATE DATABASE ${database}`)
  const app = await launch()
  const { page } = app
  try {
    await page.getByTestId('sample-load').click()
    await page.getByTestId('firstrun-confirm').click()
    await page.getByText('Dados de exemplo carregados.').waitFor()

    await page.getByTestId('sidebar').getByText('Escritório').click()
    await page.getByTestId('office-mode-office').click()
    await page.getByTestId('office-host').locator('input').fill(url.hostname)
    await page.getByTestId('office-port').locator('input').fill(url.port)
    await page.getByTestId('office-database').locator('input').fill(database)
    await page.getByTestId('office-user').locator('input').fill(decodeURIComponent(url.username))
    await page.getByTestId('office-password').locator('input').fill(decodeURIComponent(url.password))
    await page.getByTestId('office-test').click()
    await page.getByTestId('office-test-answer').getByText('O banco está vazio', { exact: false }).waitFor({ timeout: 20_000 })
    // The copy goes where the saved settings point: Salvar first.
    assert.equal(await page.getByTestId('office-copy').isDisabled(), true)
    await page.getByTestId('office-save').click()
    await page.getByTestId('office-saved').waitFor()
    assert.equal(await page.getByTestId('office-copy').isDisabled(), false)

    await page.getByTestId('office-copy').click()
    await page.getByText('Nada muda neste computador', { exact: false }).waitFor()
    await page.getByRole('button', { name: 'Copiar agora' }).click()
    const done = page.getByTestId('office-copy-done')
    await done.getByText('os dados deste computador estão no servidor', { exact: false }).waitFor({ timeout: 60_000 })
    const text = await done.textContent()
    assert.match(text, /Empreendimentos: 1(?!\d)/)
    assert.match(text, /Unidades: 12(?!\d)/)
    assert.match(text, /Documentos \(PDFs\): [1-9]/)
    await app.screenshot('office-copy-done')

    await page.getByTestId('office-copy-switch').click()
    await reloadUntil(app, 'sidebar')
    // On the server the dados de exemplo's corretor is an office user, so
    // this PC asks who is using it before anything else.
    const picker = page.getByTestId('who-picker')
    await picker.getByText('Quem está usando este computador?').waitFor({ timeout: 15_000 })
    await picker.locator('[data-testid^="who-user-"]').first().click()
    await page.getByTestId('who-confirm').click()
    await page.getByTestId('who-current').waitFor()
    await page.getByTestId('sidebar').getByText('Escritório').click()
    await page.getByText(`Em uso agora: servidor do escritório ${url.hostname}`).waitFor()
    await page.getByTestId('sidebar').getByText('Empreendimentos', { exact: true }).click()
    await page.getByText('Residencial Jardim das Acácias (exemplo)', { exact: false }).first().waitFor()
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})
