import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'

// Set-up through the real Go bindings (what the manager's screens do, tested
// elsewhere); the reservation itself is made through the screen.
async function seedDevelopment(page) {
  return page.evaluate(async () => {
    const d = window.go.app.Developments
    const dev = await d.Save({ id: 0, name: 'Residencial Jardim das Acácias', city: 'Campinas', state: 'SP' })
    const stage = await d.AddStage(dev.id, 'Etapa 1')
    const block = await d.AddBlock(stage, 'Bloco A')
    await d.CreateUnits({ blockId: block, floorFrom: '1', floorTo: '3', unitsPerFloor: '2', area: '65,40', price: '450.000,00' })
    return dev.id
  })
}

test('a rep reserves a unit with titular and spouse, bad CPF refused on its field, then finds it by CPF', async () => {
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
    assert.deepEqual(app.pageErrors, [])
    await app.screenshot('reservas')
  } finally {
    await app.stop()
  }
})
