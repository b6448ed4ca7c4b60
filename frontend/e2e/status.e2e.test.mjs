import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, rmSync } from 'node:fs'
import { launch } from './harness.mjs'
import { saveWithSuggestion } from './dialog.mjs'
import { seedIntegratedDevelopment, seedReservation, sendFromReservation } from './seed.mjs'


const trimmed = (l) => l.map((s) => s.trim())

test('a rep follows an envelope from the reservation: one signature, then all, then downloads the signed PDF', async () => {
  const app = await launch()
  const { page } = app
  try {
    // Set-up through the real bindings, as in sending.e2e: a Simulador local
    // key, an integrated development, a template with holder + spouse
    // (order 1) and a witness (order 2), and a reservation.
    const seeded = await seedIntegratedDevelopment(page, {
      name: 'Residencial Ipê Amarelo',
      rules: [
        { signerType: 'holder' },
        { signerType: 'spouse' },
        { signerType: 'witness', sendOrder: 2, name: 'Tânia Testemunha', email: 'testemunha@example.com' },
      ],
    })
    const reservationId = await seedReservation(page, { unitId: seeded.unitIds[0] })

    // Gerar contratos → tick → send.
    const panel = await sendFromReservation(app, reservationId)
    const row = panel.getByTestId('contract-row').first()

    const envelope = panel.getByTestId('send-envelope')
    const states = panel.getByTestId('send-signer-state')
    await envelope.waitFor()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="send-signer-state"]').length === 3)
    await panel.locator('[data-testid="send-envelope"][data-state="em_andamento"]').waitFor()
    assert.deepEqual(trimmed(await states.allTextContents()), ['Pendente', 'Pendente', 'Aguardando a vez'])
    assert.match((await panel.getByTestId('send-envelope-days').textContent()).trim(), /^faltam 1[45] dias$/)

    // Simular assinatura for Maria, from the reservation page, then Atualizar.
    assert.equal(await panel.getByTestId('sim-sign').count(), 2, 'only the pending signers of order 1 can sign')
    await panel.getByTestId('sim-sign').first().click()
    await page.waitForFunction(() => document.querySelector('[data-testid="send-signer-state"]')?.getAttribute('data-state') === 'assinou')
    await panel.getByTestId('envelopes-refresh').click()
    await page.waitForFunction(() => !document.querySelector('[data-testid="envelopes-refresh"]')?.classList.contains('n-button--loading'))
    const one = trimmed(await states.allTextContents())
    assert.match(one[0], /^Assinou em \d{2}\/\d{2}\/\d{4},? \d{2}:\d{2}$/)
    assert.deepEqual(one.slice(1), ['Pendente', 'Aguardando a vez'])
    assert.equal((await row.getByTestId('contract-state').textContent()).trim(), 'Enviado para assinatura')
    const timeline = panel.getByTestId('send-timeline-entry')
    await timeline.first().waitFor()
    assert.ok((await timeline.first().textContent()).includes('Maria da Silva assinou'))
    await app.screenshot('status-one-signed')

    // João, then the witness (now their turn).
    await panel.getByTestId('sim-sign').first().click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="send-signer-state"][data-state="assinou"]').length === 2)
    await panel.getByTestId('sim-sign').first().click()
    await panel.locator('[data-testid="send-envelope"][data-state="finalizado"]').waitFor({ timeout: 15_000 })
    assert.equal((await panel.getByTestId('send-envelope-state').textContent()).trim(), 'Finalizado')
    const all = trimmed(await states.allTextContents())
    assert.ok(all.every((s) => s.startsWith('Assinou em ')), all.join(' | '))
    await page.waitForFunction(
      () => document.querySelector('[data-testid="contract-row"] [data-testid="contract-state"]')?.textContent.trim() === 'Assinado',
    )
    await app.screenshot('status-finished')

    // Baixar documento assinado: a real PDF, through the page's download
    // and through the binding.
    const path = await saveWithSuggestion(app, panel.getByTestId('envelope-download'), 'Salvar documento assinado')
    assert.match(path, / - assinado \d{4}-\d{2}-\d{2}\.pdf$/)
    assert.equal(readFileSync(path).subarray(0, 4).toString(), '%PDF')
    rmSync(path)
    const head = await page.evaluate(async (rid) => {
      const envs = await window.go.app.Envelopes.List(rid)
      const b64 = await window.go.app.Envelopes.SignedFile(envs[0].id)
      return atob(b64).slice(0, 5)
    }, reservationId)
    assert.equal(head, '%PDF-')
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('status-failure').catch(() => {})
    console.error(app.logs().slice(-4000))
    throw e
  } finally {
    await app.stop()
  }
})
