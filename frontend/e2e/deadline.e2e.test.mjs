import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'
import { seedIntegratedDevelopment, seedReservation, sendFromReservation } from './seed.mjs'

const trimmed = (l) => l.map((s) => s.trim())

test('the deadline passes with one signature: contracts show cancelado (prazo vencido) and go out again in one click', async () => {
  const app = await launch()
  const { page } = app
  try {
    const seeded = await seedIntegratedDevelopment(page, {
      name: 'Residencial Jatobá',
      rules: [{ signerType: 'holder' }, { signerType: 'spouse' }],
    })
    const reservationId = await seedReservation(page, { unitId: seeded.unitIds[0], price: '298.000,00' })

    // Send, and Maria signs; João does not before the deadline.
    const panel = await sendFromReservation(app, reservationId)
    const rows = panel.getByTestId('contract-row')
    await panel.getByTestId('sim-sign').first().click()
    await page.waitForFunction(() => document.querySelector('[data-testid="send-signer-state"]')?.getAttribute('data-state') === 'assinou')

    // Integrações → Simulador local: 16 days pass (the deadline is 15).
    await page.goto(`${app.url}/#/settings/integrations`)
    const sim = page.getByTestId('simulator-panel')
    await sim.locator('[data-testid="sim-days"] input, input[data-testid="sim-days"]').fill('16')
    await sim.getByTestId('sim-advance').click()
    await page.getByText('Relógio do simulador avançado em 16 dias.').waitFor()

    // Back on the reservation: Atualizar shows the envelope expired and the
    // contract released, with the way out next to it.
    await page.goto(`${app.url}/#/reservations/${reservationId}`)
    await panel.getByTestId('envelopes-refresh').click()
    await panel.locator('[data-testid="send-envelope"][data-state="vencido"]').waitFor({ timeout: 15_000 })
    assert.equal((await panel.getByTestId('send-envelope-state').textContent()).trim(), 'Prazo vencido')
    await page.waitForFunction(
      () => document.querySelector('[data-testid="contract-row"] [data-testid="contract-state"]')?.textContent.trim() === 'Cancelado (prazo vencido)',
    )
    const again = panel.getByTestId('send-again')
    assert.equal(await again.count(), 1)
    assert.match(await again.textContent(), /O prazo de “Reserva \d+ · Residencial Jatobá · [^”]+” venceu sem todas as assinaturas/)
    // The released contract can no longer be ticked: it is the record of what was sent.
    assert.equal(await rows.first().getByTestId('contract-pick').evaluate((el) => el.classList.contains('n-checkbox--disabled')), true)
    await app.screenshot('deadline-expired')

    // Gerar e enviar novamente: one click, one new envelope.
    await again.getByTestId('send-again-button').click()
    await page.getByTestId('send-progress').getByTestId('send-done').waitFor({ timeout: 30_000 })
    await page.getByTestId('send-close').click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contract-row"]').length === 2)
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="send-envelope"]').length === 2)
    assert.deepEqual(trimmed(await panel.getByTestId('contract-state').allTextContents()), [
      'Cancelado (prazo vencido)',
      'Enviado para assinatura',
    ])
    assert.equal(await panel.getByTestId('send-again').count(), 0)
    const envStates = await panel.getByTestId('send-envelope').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
    assert.deepEqual(envStates.sort(), ['em_andamento', 'vencido'])
    // The new deadline counts from the simulator's day (16 days on), so
    // the simulator accepted it and the rep sees the full 15 days again.
    const fresh = panel.locator('[data-testid="send-envelope"][data-state="em_andamento"]')
    assert.match((await fresh.getByTestId('send-envelope-days').textContent()).trim(), /^faltam 1[45] dias$/)
    assert.deepEqual(trimmed(await fresh.getByTestId('send-signer-state').allTextContents()), ['Pendente', 'Pendente'])
    await app.screenshot('deadline-sent-again')
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('deadline-failure').catch(() => {})
    console.error(app.logs().slice(-4000))
    throw e
  } finally {
    await app.stop()
  }
})
