import { test } from 'node:test'
import assert from 'node:assert/strict'
import { statSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { createServer } from 'node:http'
import { launch } from './harness.mjs'

test('a newcomer opens Selo, finds every area in Portuguese and sees where the data lives', async () => {
  const app = await launch()
  try {
    const { page } = app
    const sidebar = page.getByTestId('sidebar')
    for (const label of ['Painel', 'Reservas', 'Empreendimentos', 'Contratos', 'Leads', 'Configurações', 'Integrações', 'Usuários', 'Sobre']) {
      await sidebar.getByText(label, { exact: true }).waitFor()
    }
    await page.getByTestId('empty-dashboard').getByText('Nenhum envio para acompanhar ainda').waitFor()

    await sidebar.getByText('Reservas', { exact: true }).click()
    await page.getByTestId('empty-reservations').getByText('Nenhuma reserva cadastrada').waitFor()

    // Sobre shows what the real Go binding returned: this run's data folder.
    await sidebar.getByText('Sobre', { exact: true }).click()
    const dataDir = await page.getByTestId('about-data-dir').textContent()
    assert.equal(dataDir, app.dataDir)
    assert.equal(await page.getByTestId('about-logs-dir').textContent(), join(app.dataDir, 'logs'))
    assert.ok(Number(await page.getByTestId('about-schema').textContent()) >= 1, 'schema version from the migrated database')

    // The binding's answer is backed by files on disk with private modes.
    assert.equal(statSync(app.dataDir).mode & 0o777, 0o700)
    assert.equal(statSync(join(app.dataDir, 'selo.db')).mode & 0o777, 0o600)
    assert.ok(existsSync(join(app.dataDir, 'logs', 'selo.log')), 'the log file is written in the data home')

    // "Verificar atualizações" against a local release feed: it reports the
    // newer version and never downloads it.
    const feed = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({
        version: '9.9.0', date: '2026-12-01', url: 'https://selo.example/selo-9.9.0-setup.exe',
        sha256: 'aa0c1b7e5f0d0f3e1f7c3e2d1b0a99887766554433221100ffeeddccbbaa9988', notes: 'Envio mais rápido',
      }))
    })
    await new Promise((ok) => feed.listen(0, '127.0.0.1', ok))
    try {
      const feedInput = page.getByTestId('update-feed').locator('input')
      await feedInput.fill('http://example.com/latest.json')
      await page.getByTestId('update-check').click()
      await page.getByTestId('updates').getByText('Use um endereço https:// para o feed de versões.').waitFor()
      await feedInput.fill(`http://127.0.0.1:${feed.address().port}/latest.json`)
      await page.getByTestId('update-check').click()
      await page.getByTestId('update-result').getByText('Nova versão 9.9.0 disponível (de 2026-12-01).', { exact: false }).waitFor()
    } finally {
      feed.close()
    }

    await app.screenshot('sobre')
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})

test('the language switch turns the shell to English and back', async () => {
  const app = await launch()
  try {
    const { page } = app
    await page.getByTestId('locale-select').selectOption({ label: 'English (US)' })
    await page.getByTestId('sidebar').getByText('Reservations', { exact: true }).waitFor()
    await page.reload()
    await page.getByTestId('sidebar').getByText('Reservations', { exact: true }).waitFor()
    await page.getByTestId('locale-select').selectOption({ label: 'Português (Brasil)' })
    await page.getByTestId('sidebar').getByText('Reservas', { exact: true }).waitFor()
  } finally {
    await app.stop()
  }
})
