// Configurações → Escritório through the real dev binary: a PC switched to an
// office server that does not answer opens the start-up window naming it,
// "Tentar de novo" checks again, and "Usar só este computador" brings the
// normal app back on this PC's own selo.db.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, launch, reloadUntil } from './harness.mjs'

// reloadUntil reloads the page until the relaunched Selo serves testId.
test('an office server on a closed port: the start-up window says so, retries, and "Usar só este computador" brings Selo back', async (t) => {
  // A port nothing listens on: free a moment ago, and never opened again.
  const closedPort = await freePort()
  const app = await launch()
  try {
    const { page } = app
    await page.getByTestId('sidebar').waitFor({ timeout: 15_000 })
    await page.getByTestId('sidebar').getByText('Escritório').click()
    await page.getByText('Em uso agora: este computador (selo.db)').waitFor()
    await page.getByTestId('office-mode-office').click()
    await page.getByTestId('office-host').locator('input').fill('127.0.0.1')
    await page.getByTestId('office-port').locator('input').fill(String(closedPort))
    await page.getByTestId('office-user').locator('input').fill('selo')
    await page.getByTestId('office-password').locator('input').fill('senha-do-escritorio')

    // "Testar conexão" answers through the real probe, in words.
    await page.getByTestId('office-test').click()
    await page.getByTestId('office-test-answer').getByText(`Nada respondeu em 127.0.0.1, porta ${closedPort}`, { exact: false }).waitFor({ timeout: 20_000 })

    await page.getByTestId('office-save').click()
    await page.getByTestId('office-saved').getByText('próxima vez que o Selo abrir', { exact: false }).waitFor()
    const file = join(app.dataDir, 'office.json')
    const saved = readFileSync(file, 'utf8')
    assert.match(saved, /"mode": "office"/)
    assert.doesNotMatch(saved, /senha-do-escritorio/, 'the password stays in the keyring')
    assert.equal(statSync(file).mode & 0o777, 0o600)

    await page.getByTestId('office-restart').click()
    await reloadUntil(app, 'startup-error')
    const box = page.getByTestId('startup-error')
    await box.getByText('Sem conexão com o servidor do escritório').waitFor()
    assert.equal((await page.getByTestId('startup-office-host').textContent()).trim(), '127.0.0.1')
    await page.getByTestId('startup-error-text').getByText(`porta ${closedPort}`, { exact: false }).waitFor()
    assert.equal(await page.getByTestId('sidebar').count(), 0, 'no dead app behind the error')
    await app.screenshot('office-unreachable')

    // Still closed: "Tentar de novo" checks again and says the same.
    await page.getByTestId('startup-retry').click()
    await page.getByTestId('startup-retry').waitFor()
    await box.getByText('Sem conexão com o servidor do escritório').waitFor()
    assert.equal(await page.getByTestId('startup-restarting').count(), 0)

    await page.getByTestId('startup-use-local').click()
    await page.getByTestId('startup-restarting').getByText('dados deste computador', { exact: false }).waitFor()
    await reloadUntil(app, 'sidebar')
    assert.match(readFileSync(file, 'utf8'), /"mode": "local"/)
    await page.getByTestId('sidebar').getByText('Escritório').click()
    await page.getByText('Em uso agora: este computador (selo.db)').waitFor()
    // The server's address is remembered for a later switch.
    await page.getByTestId('office-mode-office').click()
    assert.equal(await page.getByTestId('office-host').locator('input').inputValue(), '127.0.0.1')
    t.diagnostic('back on this computer after the office server did not answer')
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})
