import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'
import { seedIntegratedDevelopment, seedReservation } from './seed.mjs'

// ICP-Brasil "Vai a registro" on the Clicksign Simulador local, through the
// screens a manager and a rep use: the template is marked, Jurídico shows why
// the holder needs a certificate and refuses a simple signature, the
// reservation says the contract carries a qualified signature, and the
// training desk signs through the certificate step until "Finalizado".
test('Vai a registro: mark the template, Jurídico requires ICP-Brasil, the send carries it and the holder signs with a certificate', async () => {
  const app = await launch()
  const { page } = app
  const nav = (label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()
  try {
    // Rules saved BEFORE the template goes to registry: the holder on e-mail.
    const seeded = await seedIntegratedDevelopment(page, {
      name: 'Residencial Registro',
      rules: [{ signerType: 'holder' }, { signerType: 'witness', sendOrder: 2, name: 'Tânia Testemunha', email: 'testemunha@example.com' }],
    })
    const rid = await seedReservation(page, { unitId: seeded.unitIds[0] })

    // Contratos → the template's drawer → "Vai a registro"; the list tags it.
    await nav('Contratos')
    const table = page.getByTestId('templates-table')
    await table.getByText('Promessa de compra e venda').click()
    const detail = page.getByTestId('template-detail')
    await detail.getByTestId('template-registry').getByText('Vai a registro (exige certificado ICP-Brasil)').click()
    await page.getByText('Modelo marcado como “Vai a registro”.').waitFor()
    // The rules saved before the flag: the drawer says which development's
    // Jurídico must change, and which row.
    await detail.getByTestId('template-registry-gaps').getByText('Ajuste em Jurídico', { exact: false }).waitFor()
    assert.equal((await detail.getByTestId('template-registry-gap').textContent()).trim(), 'Residencial Registro: assinante(s) 1')
    await detail.locator('.n-drawer-header__close, .n-base-close').first().click()
    await table.locator('[data-testid^="template-registry-"]').getByText('Vai a registro').waitFor()

    // Jurídico: the holder's row says why a certificate is needed; a save
    // that keeps the simple signature is refused naming the row.
    await page.goto(`${app.url}/#/developments/${seeded.developmentId}`)
    await page.locator('.n-tabs-tab', { hasText: 'Jurídico' }).click()
    const card = page.getByTestId('legal-tab').getByTestId('association-Promessa de compra e venda')
    await card.getByTestId('association-registry').getByText('Vai a registro').waitFor()
    await card.getByTestId('association-configure').click()
    const editor = card.getByTestId('signers-editor')
    const holder = editor.getByTestId('rule-0')
    await holder.getByTestId('rule-icp-reason').getByText('Lei 14.063/2020 (art. 5º, §2º, IV)', { exact: false }).waitFor()
    assert.equal(await editor.getByTestId('rule-1').getByTestId('rule-icp').count(), 0, 'the witness needs no certificate')
    await editor.getByTestId('rules-save').click()
    await holder.scrollIntoViewIfNeeded()
    await holder.getByText('Assinante 1 (Titular): este contrato vai a registro e exige assinatura qualificada.', { exact: false }).waitFor()
    await app.screenshot('icp-juridico-refused')
    await holder.getByTestId('rule-auth').getByText('Certificado ICP-Brasil', { exact: true }).click()
    assert.equal(await holder.getByTestId('rule-icp-missing').count(), 0)
    await editor.getByTestId('rules-save').click()
    await page.waitForFunction(async (aid) => {
      const list = await window.go.app.Legal.List(aid)
      return list[0]?.rules?.[0]?.auth === 'icp_brasil'
    }, seeded.developmentId, { timeout: 15_000 })

    // The reservation: before the send, the contract carries a qualified signature.
    await page.goto(`${app.url}/#/reservations/${rid}`)
    const panel = page.getByTestId('contracts-panel')
    await panel.getByTestId('contracts-generate').click()
    const row = panel.locator('[data-testid="contract-row"][data-state="generated"]').first()
    await row.getByTestId('contract-icp').getByText('assinatura qualificada (ICP-Brasil)').waitFor()
    assert.match(await panel.getByTestId('contracts-icp').textContent(), /Assinatura qualificada \(ICP-Brasil\): Promessa de compra e venda/)
    await app.screenshot('icp-reservation-notice')
    await row.getByTestId('contract-pick').click()
    await panel.getByTestId('contracts-send').click()
    await page.getByTestId('send-progress').getByTestId('send-done').waitFor({ timeout: 60_000 })
    await page.getByTestId('send-close').click()
    await panel.locator('[data-testid="send-envelope"][data-state="em_andamento"]').waitFor({ timeout: 30_000 })
    const signerRow = (name) => panel.locator('[data-testid="send-signer"]', { hasText: name })
    assert.match(await signerRow('Maria da Silva').textContent(), /Certificado ICP-Brasil/)
    assert.doesNotMatch(await signerRow('Tânia Testemunha').textContent(), /ICP-Brasil/)
    // The reservation page's own "Simular assinatura" asks the certificate too.
    await signerRow('Maria da Silva').getByTestId('sim-sign').click()
    await page.getByTestId('sim-certificate').getByText('Certificado A3 de Maria da Silva', { exact: false }).waitFor()
    await page.getByTestId('sim-certificate-cancel').click()
    await page.getByTestId('sim-certificate').waitFor({ state: 'hidden' })

    // The training desk: the holder signs only through the certificate step;
    // someone else's certificate is refused, her own A1 signs.
    await nav('Integrações')
    const desk = page.getByTestId('simulator-panel')
    const maria = desk.locator('.signer', { hasText: 'Maria da Silva' }).first()
    await maria.getByTestId('sim-icp').waitFor({ timeout: 15_000 })
    await maria.getByTestId('sim-sign').click()
    const dialog = page.getByTestId('sim-certificate')
    await dialog.getByTestId('sim-cert-other').click()
    await dialog.getByTestId('sim-certificate-sign').click()
    await page.getByText('Certificado recusado: o CPF do certificado não é o do signatário.', { exact: false }).waitFor()
    // Refused, the dialog stays open: her own A1 this time.
    await dialog.getByTestId('sim-cert-a1').click()
    await app.screenshot('icp-certificate-step')
    await dialog.getByTestId('sim-certificate-sign').click()
    await maria.getByText(/^Assinou/).waitFor({ timeout: 15_000 })
    const tania = desk.locator('.signer', { hasText: 'Tânia Testemunha' }).first()
    await tania.getByTestId('sim-sign').waitFor({ timeout: 15_000 })
    await tania.getByTestId('sim-sign').click()
    await tania.getByText(/^Assinou/).waitFor({ timeout: 15_000 })

    // Finalizado on the reservation page.
    await page.goto(`${app.url}/#/reservations/${rid}`)
    await panel.locator('[data-testid="send-envelope"][data-state="finalizado"]').waitFor({ timeout: 30_000 })
    await app.screenshot('icp-finalizado')
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('icp-failure').catch(() => {})
    console.error(app.logs().slice(-4000))
    throw e
  } finally {
    await app.stop()
  }
})
