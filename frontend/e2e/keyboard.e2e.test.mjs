// From the Painel to a sent envelope with the keyboard only (issue #18,
// item 3): Tab / Shift+Tab to move, Enter and Space to act, never a click
// nor element.focus(). What the manager set up beforehand (key, development,
// template, signer rules, a reservation) comes from the bindings, as in the
// other sending journeys.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'
import { seedIntegratedDevelopment, seedReservation } from './seed.mjs'
import { seriousViolations } from './axe.mjs'

/** True when the keyboard focus is on target or inside it. */
async function focusedIn(target) {
  // Not there (yet): not focused; never wait for it here.
  if ((await target.count()) === 0) return false
  return target.first().evaluate((el) => el === document.activeElement || el.contains(document.activeElement), null, { timeout: 2000 }).catch(() => false)
}

/** A short description of the focused element, for failure messages. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body) return '(body)'
    const id = el.closest('[data-testid]')?.getAttribute('data-testid') ?? ''
    return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`
  })
}

/**
 * Presses Tab (or Shift+Tab) until the focus lands on target; fails with
 * the path the focus took when it does not get there in max presses.
 */
async function tabTo(page, target, { back = false, max = 60 } = {}) {
  const path = []
  for (let i = 0; i < max; i++) {
    if (await focusedIn(target)) return
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    path.push(await focused(page))
  }
  if (await focusedIn(target)) return
  throw new Error(`the keyboard never reached ${target}; focus went through:\n${path.join('\n')}`)
}

test('keyboard only: Reservas, the reservation, Gerar contratos, tick, Enviar, Fechar, Em andamento', async () => {
  const app = await launch()
  const { page } = app
  try {
    const seeded = await seedIntegratedDevelopment(page, { name: 'Residencial Ipê', rules: [{ signerType: 'holder' }, { signerType: 'spouse' }] })
    await seedReservation(page, { unitId: seeded.unitIds[0], holder: { name: 'Beatriz Teclado' } })
    // A fresh page, as the app opens: nothing focused yet.
    await page.reload()
    await page.getByTestId('sidebar').waitFor()

    // The sidebar: Reservas.
    const menuReservas = page.getByTestId('sidebar').getByRole('link', { name: 'Reservas', exact: true })
    await tabTo(page, menuReservas)
    await page.keyboard.press('Enter')
    const table = page.getByTestId('reservations-table')
    const row = table.locator('tr', { hasText: 'Beatriz Teclado' })
    await row.waitFor()

    // The reservation's row opens with Enter.
    await tabTo(page, row)
    await page.keyboard.press('Enter')
    const panel = page.getByTestId('contracts-panel')
    await panel.waitFor()

    // Gerar contratos.
    await tabTo(page, panel.getByTestId('contracts-generate'))
    await page.keyboard.press('Enter')
    const generated = panel.locator('[data-testid="contract-row"][data-state="generated"]').first()
    await generated.getByTestId('contract-name').getByText('Promessa de compra e venda').waitFor({ timeout: 30_000 })

    // Tick the contract with Space (Shift+Tab back from wherever the focus
    // is after generating, if the panel put it after the list).
    const pick = generated.getByTestId('contract-pick')
    const send = panel.getByTestId('contracts-send')
    if (await pick.evaluate((el) => el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)) await tabTo(page, pick)
    else await tabTo(page, pick, { back: true })
    await page.keyboard.press('Space')
    await page.waitForFunction(() => !document.querySelector('[data-testid="contracts-send"]')?.hasAttribute('disabled'))

    // Enviar contratos para assinatura eletrônica.
    await tabTo(page, send)
    await page.keyboard.press('Enter')
    const progress = page.getByTestId('send-progress')
    await progress.getByTestId('send-done').waitFor({ timeout: 60_000 })
    // The progress dialog itself passes axe (named, steps readable).
    assert.deepEqual(await seriousViolations(page, 'send progress'), [])

    // The progress dialog keeps the focus inside; Fechar with the keyboard.
    const close = progress.getByTestId('send-close')
    await tabTo(page, close)
    await page.keyboard.press('Enter')
    await progress.waitFor({ state: 'hidden' })
    await panel.locator('[data-testid="send-envelope"][data-state="em_andamento"]').waitFor({ timeout: 30_000 })
    await app.screenshot('keyboard-sent')
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('keyboard-failure').catch(() => {})
    console.error(app.logs().slice(-3000))
    throw e
  } finally {
    await app.stop()
  }
})
