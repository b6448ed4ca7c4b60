import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'
import { seedIntegratedDevelopment } from './seed.mjs'

// Set-up through the real Go bindings (what the manager's screens do, tested
// elsewhere): a template signed by the titular and the cônjuge on a
// development integrated with a Simulador local key. The reservation itself
// is made through the screen.
function seedDevelopment(page) {
  return seedIntegratedDevelopment(page, {
    name: 'Residencial Jardim das Acácias',
    floors: 3,
    area: '65,40',
    price: '450.000,00',
    rules: [{ signerType: 'holder' }, { signerType: 'spouse' }],
  })
}

test('a rep reserves a unit with titular and spouse, generates the contract and sends it: both signers Pendente', async () => {
  const app = await launch()
  const { page } = app
  try {
    await seedDevelopment(page)
    await page.getByTestId('sidebar').getByText('Reservas', { exact: true }).click()
    await page.getByTestId('empty-reservations').waitFor()
    await page.getByTestId('reservation-add').click()

    await page.getByTestId('reservation-development').click()
    await page.getByText('Residencial Jardim das Acácias', { exact: true }).click()
    await page.getByTestId('reservation-unit').click()
    await page.getByText('Bloco A · 102 — R$', { exact: false }).click()
    assert.equal(await page.getByTestId('reservation-price').locator('input').inputValue(), '450.000,00', 'price comes from the unit')

    const fill = (id, v) => page.getByTestId(id).locator('input').fill(v)
    await fill('holder-name', 'José da Conceição')
    await fill('holder-cpf', '529.982.247-24')
    await fill('holder-email', 'jose@example.com')
    await fill('holder-phone1', '(11) 98765-4321')
    await page.getByTestId('associate-add').click()
    await fill('associate-0-name', 'Ana Paula da Conceição')
    await fill('associate-0-phone1', '11912345678')
    await page.getByTestId('reservation-save').click()
    // Every problem on its field; the wrong check digit names the CPF.
    await page.getByTestId('reservation-form').getByText('CPF inválido', { exact: false }).waitFor()

    await fill('holder-cpf', '529.982.247-25')
    await page.getByTestId('reservation-save').click()
    await page.getByText('Reserva gravada.').waitFor()
    await page.getByTestId('reservation-summary').getByText('Etapa 1 · Bloco A · 102').waitFor()
    await page.getByTestId('reservation-holder').getByText('CPF 529.982.247-25').waitFor()
    await page.getByText('Ana Paula da Conceição').waitFor()
    const reservationUrl = page.url()

    // Reserva → Contratos: generate, tick, send; each signer is Pendente.
    const panel = page.getByTestId('contracts-panel')
    await panel.getByTestId('contracts-generate').click()
    const contract = panel.getByTestId('contract-row').first()
    await contract.getByTestId('contract-name').getByText('Promessa de compra e venda').waitFor()
    await contract.getByTestId('contract-pick').click()
    await panel.getByTestId('contracts-send').click()
    // The cônjuge signs by e-mail and has none: named, nothing sent.
    await page.getByTestId('send-problem').getByText('Ana Paula da Conceição: falta o e-mail', { exact: false }).waitFor()
    assert.equal(((await page.evaluate(() => window.go.app.Simulator.Envelopes())) ?? []).length, 0)
    await page.getByTestId('send-close').click()
    await page.getByTestId('reservation-edit').click()
    await page.getByTestId('associate-0-email').locator('input').fill('ana.paula@example.com')
    await page.getByTestId('reservation-save').click()
    await page.getByTestId('reservation-form').waitFor({ state: 'detached' })
    await contract.getByTestId('contract-pick').click()
    await panel.getByTestId('contracts-send').click()
    await page.getByTestId('send-progress').getByTestId('send-done').waitFor({ timeout: 30_000 })
    await page.getByTestId('send-close').click()
    const signers = panel.getByTestId('send-signer')
    await signers.nth(1).waitFor()
    assert.deepEqual((await panel.getByTestId('send-signer-state').allTextContents()).map((s) => s.trim()), ['Pendente', 'Pendente'])
    assert.equal((await contract.getByTestId('contract-state').textContent()).trim(), 'Enviado para assinatura')
    const sim = await page.evaluate(() => window.go.app.Simulator.Envelopes())
    assert.equal(sim.length, 1, 'exactly one envelope reached the simulator')
    assert.equal(sim[0].signers.length, 2)

    // The unit is reservada now.
    const status = await page.evaluate(async () => {
      const devs = await window.go.app.Developments.List(false)
      const dev = await window.go.app.Developments.Get(devs[0].id)
      return dev.stages[0].blocks[0].units.find((u) => u.number === '102').status
    })
    assert.equal(status, 'reserved')

    await page.getByTestId('sidebar').getByText('Reservas', { exact: true }).click()
    await page.getByTestId('reservation-search').locator('input').fill('52998224725')
    const row = page.getByTestId('reservations-table').locator('tbody tr', { hasText: 'José da Conceição' })
    await row.waitFor()
    await row.getByText('Em análise').waitFor()
    await page.getByTestId('reservation-search').locator('input').fill('ninguém com este nome')
    await row.waitFor({ state: 'detached' })
    // Keyboard: the row takes focus and Enter opens the reservation.
    await page.getByTestId('reservation-search').locator('input').fill('')
    await row.focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('reservation-summary').waitFor()
    assert.deepEqual(app.pageErrors, [])
    await app.screenshot('reservas')
    assert.ok(reservationUrl.includes('/reservations/'))
  } finally {
    await app.stop()
  }
})
