import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, rmSync } from 'node:fs'
import { launch } from './harness.mjs'
import { saveWithSuggestion } from './dialog.mjs'

// Issue 9's promise: from an empty data folder, with the dados de exemplo,
// a newcomer sends a reservation's contracts in the Simulador local and
// watches them get signed, without a Clicksign account. Every click the
// person makes is counted and reported.
test('first run: sample data → generate → preview → send → simulate every signature → finalizado → signed PDF', async () => {
  const app = await launch()
  const { page } = app
  let clicks = 0
  const click = async (locator) => {
    clicks++
    await locator.click()
  }
  try {
    // Painel, empty database: the guide and the sample.
    await page.getByTestId('start-guide').waitFor()
    assert.match(await page.getByTestId('guide-progress').textContent(), /0 de 5/)
    await click(page.getByTestId('sample-load'))
    await click(page.getByTestId('firstrun-confirm'))
    await page.waitForFunction(() => document.querySelector('[data-testid="guide-step-reservation"]')?.getAttribute('data-done') === 'true')

    // Reservas → the sample reservation with a spouse.
    await click(page.getByTestId('sidebar').getByText('Reservas', { exact: true }))
    const rows = page.getByTestId('reservations-table').locator('tbody tr')
    await rows.first().waitFor()
    assert.equal(await rows.count(), 3)
    await click(rows.first())

    // Gerar contratos → preview → tick all → send.
    const panel = page.getByTestId('contracts-panel')
    await click(panel.getByTestId('contracts-generate'))
    const contracts = panel.getByTestId('contract-row')
    await contracts.first().getByTestId('contract-name').waitFor()
    await click(contracts.first().getByTestId('contract-view'))
    await page.getByTestId('contract-preview-object').waitFor()
    await click(page.getByTestId('contract-preview-close'))
    const n = await contracts.count()
    for (let i = 0; i < n; i++) await click(contracts.nth(i).getByTestId('contract-pick'))
    await click(panel.getByTestId('contracts-send'))
    await page.getByTestId('send-progress').getByTestId('send-done').waitFor({ timeout: 30_000 })
    await click(page.getByTestId('send-close'))

    // Simulate each signature, in signing order, until the envelope closes.
    const envelope = panel.getByTestId('send-envelope')
    await envelope.waitFor()
    for (let guard = 0; guard < 10; guard++) {
      if (await panel.locator('[data-testid="send-envelope"][data-state="finalizado"]').count()) break
      const sign = panel.getByTestId('sim-sign')
      await sign.first().waitFor({ timeout: 15_000 })
      const before = await panel.locator('[data-testid="send-signer-state"][data-state="assinou"]').count()
      await click(sign.first())
      await page.waitForFunction(
        (b) => document.querySelectorAll('[data-testid="send-signer-state"][data-state="assinou"]').length > b ||
          !!document.querySelector('[data-testid="send-envelope"][data-state="finalizado"]'),
        before,
        { timeout: 15_000 },
      )
    }
    await panel.locator('[data-testid="send-envelope"][data-state="finalizado"]').waitFor({ timeout: 15_000 })
    for (let i = 0; i < n; i++) {
      await page.waitForFunction(
        (k) => document.querySelectorAll('[data-testid="contract-state"]')[k]?.textContent.trim() === 'Assinado',
        i,
        { timeout: 15_000 },
      )
    }

    // Baixar documento assinado: a real PDF.
    // The button, then Enter in the native "Salvar como" (folder and name as suggested).
    clicks += 2
    const savedPath = await saveWithSuggestion(app, panel.getByTestId('envelope-download'), 'Salvar documento assinado')
    const bytes = readFileSync(savedPath)
    rmSync(savedPath)
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')

    await app.screenshot('journey-finalizado')
    console.log(`first_run_journey_clicks: ${clicks}`)
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})
