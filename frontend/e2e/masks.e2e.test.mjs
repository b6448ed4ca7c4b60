// Brazilian masks in the real reservation form (issue 18, item 1): a rep
// types digits and sees CPF, phones and R$ written the Brazilian way, picks
// the birth date in the pt-BR calendar, is stopped before saving a CPF with
// a wrong check digit, and finds on the reservation page what was typed.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'
import { seedIntegratedDevelopment } from './seed.mjs'

test('Nova reserva with masks: typed digits come out formatted, a wrong CPF is refused before save, the page shows what was typed', async () => {
  const app = await launch()
  const { page } = app
  try {
    await seedIntegratedDevelopment(page, {
      name: 'Residencial Ipê Amarelo',
      area: '65,40',
      price: '450.000,00',
      rules: [{ signerType: 'holder' }],
    })
    await page.getByTestId('sidebar').getByText('Reservas', { exact: true }).click()
    await page.getByTestId('reservation-add').click()
    await page.getByTestId('reservation-development').click()
    await page.getByText('Residencial Ipê Amarelo', { exact: true }).click()
    await page.getByTestId('reservation-unit').click()
    await page.locator('.n-base-select-option', { hasText: 'Bloco A · 101' }).click()

    const input = (id) => page.getByTestId(id).locator('input')
    const item = (id) => page.locator('.n-form-item').filter({ has: page.getByTestId(id) })
    // Typed key by key, as a person does (maska reacts to each keystroke).
    const type = async (id, text) => {
      await input(id).click()
      await input(id).press('Control+A')
      await input(id).press('Backspace')
      await input(id).pressSequentially(text)
    }

    const price = input('reservation-price')
    await page.waitForFunction(() => document.querySelector('[data-testid="reservation-price"] input')?.value === '450.000,00')
    assert.match(await page.getByTestId('reservation-price').textContent(), /R\$/, 'R$ shown beside the price')
    await type('reservation-price', '1234567,89')
    assert.equal(await price.inputValue(), '1.234.567,89')

    await input('holder-name').fill('Helena Bezerra')
    await input('holder-email').fill('helena@example.com')
    // A CPF with a wrong check digit: named under the field once complete.
    await type('holder-cpf', '529982')
    assert.equal(await input('holder-cpf').inputValue(), '529.982')
    assert.equal(await item('holder-cpf').getByText(/CPF (inválido|incompleto)/).count(), 0, 'nothing said at the first digits')
    await input('holder-cpf').pressSequentially('24724')
    assert.equal(await input('holder-cpf').inputValue(), '529.982.247-24')
    await item('holder-cpf').getByText('CPF inválido: confira os dígitos.').waitFor()

    await type('holder-phone1', '11987654321')
    assert.equal(await input('holder-phone1').inputValue(), '(11) 98765-4321')
    await type('holder-phone2', '1934567890')
    assert.equal(await input('holder-phone2').inputValue(), '(19) 3456-7890')

    // Birth date: digits get their slashes, the pt-BR calendar opens on that
    // month and a day is picked there.
    const birth = input('holder-birthDate')
    assert.equal(await birth.getAttribute('placeholder'), 'dd/mm/aaaa')
    await birth.click()
    await birth.pressSequentially('07091985')
    assert.equal(await birth.inputValue(), '07/09/1985')
    const panel = page.locator('.n-date-panel')
    await panel.waitFor()
    // The calendar speaks Portuguese and opened on the typed month.
    await panel.getByText('set 1985', { exact: true }).waitFor()
    await panel.getByText('dom', { exact: true }).waitFor()
    await panel.locator('.n-date-panel-date:not(.n-date-panel-date--excluded)', { hasText: /^12$/ }).click()
    await page.waitForFunction(() => document.querySelector('[data-testid="holder-birthDate"] input')?.value === '12/09/1985')
    await input('holder-name').click()

    // An impossible day typed over it: said while it shows; on leaving, the
    // calendar puts back the day it had, and the message follows the field
    // (a note, not "inválida", which would block Salvar under 12/09/1985).
    await birth.click()
    await birth.press('Control+A')
    await birth.pressSequentially('31021985')
    assert.equal(await birth.inputValue(), '31/02/1985')
    await item('holder-birthDate').getByText('Data de nascimento inválida: use dd/mm/aaaa, com um dia que exista.').waitFor()
    await input('holder-name').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="holder-birthDate"] input')?.value === '12/09/1985')
    await item('holder-birthDate').getByText('Data de nascimento: “31/02/1985” não foi aceita e o campo voltou ao que era').waitFor()
    assert.equal(await item('holder-birthDate').getByText(/inválida/).count(), 0, 'no stale "inválida" under 12/09/1985')

    // Saving with the wrong CPF: refused here, nothing reaches Go.
    await page.getByTestId('reservation-save').click()
    await item('holder-cpf').getByText('CPF inválido: confira os dígitos.').waitFor()
    const none = await page.evaluate(() => window.go.app.Reservations.List({ developmentId: 0, status: '', brokerId: 0, search: '', limit: 10, offset: 0 }))
    assert.equal(none.total, 0, 'no reservation was saved with a wrong CPF')
    assert.ok(await page.getByTestId('reservation-form').isVisible(), 'the form stays open with what was typed')

    // Pasting the right CPF, formatted, fixes it.
    await input('holder-cpf').click()
    await input('holder-cpf').press('Control+A')
    await input('holder-cpf').fill('529.982.247-25')
    assert.equal(await input('holder-cpf').inputValue(), '529.982.247-25')
    await item('holder-cpf').getByText('CPF inválido').waitFor({ state: 'detached' })
    await page.getByTestId('reservation-save').click()
    await page.getByText('Reserva gravada.').waitFor()

    const summary = page.getByTestId('reservation-summary')
    await summary.getByText('R$ 1.234.567,89').waitFor()
    const holder = page.getByTestId('reservation-holder')
    await holder.getByText('CPF 529.982.247-25').waitFor()
    await holder.getByText('(11) 98765-4321 · (19) 3456-7890').waitFor()

    const id = Number(page.url().match(/reservations\/(\d+)/)[1])
    const saved = await page.evaluate((rid) => window.go.app.Reservations.Get(rid), id)
    assert.equal(saved.priceCents, 123456789)
    assert.equal(saved.holder.cpf, '529.982.247-25')
    assert.equal(saved.holder.phone1, '11987654321')
    assert.equal(saved.holder.phone2, '1934567890')
    assert.equal(saved.holder.birthDate, '1985-09-12')

    // Editing again: the stored values come back masked.
    await page.getByTestId('reservation-edit').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="holder-birthDate"] input')?.value === '12/09/1985')
    assert.equal(await input('holder-phone1').inputValue(), '(11) 98765-4321')
    assert.equal(await input('reservation-price').inputValue(), '1.234.567,89')
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('masks-failure').catch(() => {})
    console.error(app.logs().slice(-4000))
    throw e
  } finally {
    await app.stop()
  }
})
