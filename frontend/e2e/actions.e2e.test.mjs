import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'
import { seedIntegratedDevelopment, seedReservation, sendFromReservation } from './seed.mjs'

const trimmed = (l) => l.map((s) => s.trim())

test('a rep resends a notification, cancels an envelope, and hears of a signature on another screen', async () => {
  const app = await launch()
  const { page } = app
  try {
    // Holder + spouse sign first (order 1), a witness after (order 2); two
    // units, so two reservations: one to cancel, one to see signed.
    const seeded = await seedIntegratedDevelopment(page, {
      name: 'Residencial Jacarandá',
      rules: [
        { signerType: 'holder' },
        { signerType: 'spouse' },
        { signerType: 'witness', sendOrder: 2, name: 'Tânia Testemunha', email: 'testemunha@example.com' },
      ],
    })
    const ids = {
      cancelled: await seedReservation(page, { unitId: seeded.unitIds[0] }),
      signed: await seedReservation(page, { unitId: seeded.unitIds[1], holder: { name: 'Carla Nogueira', email: 'carla@example.com' } }),
    }

    // Send the first reservation's contract from its screen.
    const panel = await sendFromReservation(app, ids.cancelled)

    // Reenviar notificação: offered to the two whose turn it is, not the witness.
    const resend = panel.getByTestId('signer-resend')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="signer-resend"]').length === 2)
    await resend.first().click()
    await page.locator('.n-message', { hasText: 'Notificação reenviada para Maria da Silva.' }).waitFor()
    // Again at once: Clicksign's one-per-minute, said in words.
    await resend.first().click()
    const wait = page.locator('.n-message', { hasText: 'para reenviar a notificação: a Clicksign aceita uma por minuto.' })
    await wait.waitFor()
    assert.match((await wait.textContent()).trim(), /^Aguarde (60|59|5\d) s para reenviar/)
    await app.screenshot('actions-resend-wait')

    // Cancelar envio asks first, naming what happens, then cancels.
    await panel.getByTestId('envelope-cancel').click()
    const confirm = page.getByTestId('envelope-cancel-text')
    await confirm.waitFor()
    assert.match(await confirm.textContent(), /cancelado na Clicksign para todos os signatários/)
    await page.getByTestId('envelope-cancel-confirm').click()
    await panel.locator('[data-testid="send-envelope"][data-state="cancelado"]').waitFor({ timeout: 15_000 })
    await page.locator('.n-message', { hasText: 'Envio cancelado.' }).waitFor()
    assert.equal((await panel.getByTestId('send-envelope-state').textContent()).trim(), 'Cancelado')
    assert.equal(await panel.getByTestId('envelope-cancel').count(), 0)
    assert.equal(await panel.getByTestId('signer-resend').count(), 0)
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="contract-row"] [data-testid="contract-state"]')?.textContent.trim().startsWith('Cancelado'),
    )
    await app.screenshot('actions-cancelled')

    // The second reservation is sent through the bindings; the rep is on
    // the Painel when the last signer signs.
    const envelopeId = await page.evaluate(async (rid) => {
      const go = window.go.app
      const contracts = await go.Contracts.Generate(rid)
      await go.Contracts.Send(rid, contracts.map((c) => c.id))
      for (let i = 0; i < 150; i++) {
        const envs = (await go.Envelopes.List(rid)) ?? []
        if (envs.length) return envs[0].id
        await new Promise((r) => setTimeout(r, 200))
      }
      throw new Error('the envelope was not sent')
    }, ids.signed)
    await page.goto(`${app.url}/#/dashboard`)
    await page.evaluate(async ({ rid, envelopeId }) => {
      const go = window.go.app
      const [envelope] = await go.Envelopes.List(rid)
      for (const s of envelope.signers) await go.Simulator.Sign(envelopeId, s.id)
      await go.Envelopes.Sync(0)
    }, { rid: ids.signed, envelopeId })
    const notice = page.locator('.n-notification', { hasText: 'Contrato assinado por todos: Carla Nogueira' })
    await notice.waitFor({ timeout: 15_000 })
    assert.equal(await page.locator('.n-notification', { hasText: 'Contrato assinado por todos' }).count(), 1)
    await app.screenshot('actions-notice')
    await notice.getByTestId('envelope-notice-open').click()
    await page.waitForURL(new RegExp(`#/reservations/${ids.signed}$`))
    await page.locator('[data-testid="send-envelope"][data-state="finalizado"]').waitFor()
    assert.deepEqual(trimmed(await page.getByTestId('send-envelope-state').allTextContents()), ['Finalizado'])
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('actions-failure').catch(() => {})
    console.error(app.logs().slice(-4000))
    throw e
  } finally {
    await app.stop()
  }
})
