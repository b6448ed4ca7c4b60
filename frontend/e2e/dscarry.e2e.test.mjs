import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'
import { contractPdf, seedReservation } from './seed.mjs'

// Issue 17 item 2 through the screens: rules DocuSign can only meet with
// its checks (a handwritten signature with an SMS code and a selfie; an
// approval authenticated by WhatsApp) are no longer refused. The Jurídico
// editor lists no problem, the send goes out as ONE envelope, and the
// approver's certified delivery is what finishes it.
test('DocuSign: SMS code + selfie + handwritten and WhatsApp-code approval are sent, not refused → Finalizado after the approver', async () => {
  const app = await launch()
  const { page } = app
  const nav = (label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()
  const dsTab = () => page.locator('.n-tabs-tab', { hasText: 'DocuSign (assinatura eletrônica)' }).click()
  try {
    await nav('Integrações')
    await dsTab()
    await page.getByTestId('ds-add').click()
    const form = page.getByTestId('ds-form')
    await form.getByTestId('ds-description').locator('input').fill('Treino DocuSign')
    await form.getByTestId('ds-env-simulator').click()
    await form.getByTestId('ds-save').click()
    await form.waitFor({ state: 'hidden' })

    const dev = await page.evaluate(async (b64) => {
      const go = window.go.app
      const d = await go.Developments.Save({ id: 0, name: 'Residencial Jatobá', city: 'Campinas', state: 'SP' })
      const stage = await go.Developments.AddStage(d.id, 'Etapa 1')
      const block = await go.Developments.AddBlock(stage, 'Bloco A')
      await go.Developments.CreateUnits({ blockId: block, floorFrom: '1', floorTo: '1', unitsPerFloor: '2', area: '', price: '300.000' })
      const tpl = await go.Templates.Upload('Promessa de compra e venda', 'contract.pdf', b64)
      const assoc = await go.Legal.Associate(d.id, tpl.id, 'development', [])
      const rule = { name: '', email: '', phone: '', cpf: '', delivery: 'email', reminder: 'email' }
      await go.Legal.SaveRules(assoc.id, 0, [
        { ...rule, signerType: 'holder', sendOrder: 1, signatureKind: 'handwritten', auth: 'sms', evidence: 'selfie' },
        { ...rule, signerType: 'spouse', sendOrder: 2, signatureKind: 'approval', auth: 'whatsapp', evidence: 'none' },
      ])
      const full = await go.Developments.Get(d.id)
      return { id: d.id, unitId: full.stages[0].blocks[0].units[0].id }
    }, contractPdf)

    await page.goto(`${app.url}/#/developments/${dev.id}?tab=settings`)
    await page.getByTestId('settings-integrated').click()
    await page.getByTestId('settings-key').click()
    await page.locator('.n-base-select-option', { hasText: 'Treino DocuSign — DocuSign · Simulador local' }).click()
    await page.getByTestId('settings-save').click()
    await page.getByText('Configurações gravadas.').waitFor()

    // Jurídico: the compromises say how DocuSign does it; no problem listed.
    await page.locator('.n-tabs-tab', { hasText: 'Jurídico' }).click()
    const card = page.getByTestId('association-Promessa de compra e venda')
    await card.getByTestId('association-configure').click()
    const editor = card.getByTestId('signers-editor')
    await editor.getByTestId('rule-0').getByText(/código por SMS ao celular/).waitFor()
    await editor.getByTestId('rule-1').getByText(/entrega certificada/).waitFor()
    assert.equal(await editor.getByTestId('rules-docusign-problems').count(), 0, 'the editor still lists problems')
    await app.screenshot('dscarry-juridico')

    const rid = await seedReservation(page, { unitId: dev.unitId })
    await page.goto(`${app.url}/#/reservations/${rid}`)
    const panel = page.getByTestId('contracts-panel')
    await panel.getByTestId('contracts-generate').click()
    const contracts = panel.getByTestId('contract-row')
    await contracts.first().getByTestId('contract-name').getByText('Promessa de compra e venda').waitFor()
    const n = await contracts.count()
    for (let i = 0; i < n; i++) await contracts.nth(i).getByTestId('contract-pick').click()
    await panel.getByTestId('contracts-send').click()
    await page.getByTestId('send-progress').getByTestId('send-done').waitFor({ timeout: 30_000 })
    await page.getByTestId('send-close').click()
    await panel.locator('[data-testid="send-envelope"][data-state="em_andamento"]').waitFor({ timeout: 15_000 })
    assert.equal(await panel.getByTestId('send-envelope').count(), 1, 'one envelope on the reservation')

    // Maria signs (after her SMS code and selfie, recorded by the simulator):
    // still running, João's approval is missing.
    const signerRow = (name) => panel.locator('[data-testid="send-signer"]', { hasText: name })
    await signerRow('Maria da Silva').getByTestId('sim-sign').click()
    await signerRow('Maria da Silva').locator('[data-testid="send-signer-state"][data-state="assinou"]').waitFor({ timeout: 20_000 })
    assert.equal(await panel.locator('[data-testid="send-envelope"][data-state="em_andamento"]').count(), 1)

    // João's certified delivery (approval) finishes it.
    await signerRow('João da Silva').getByTestId('sim-sign').click()
    await panel.locator('[data-testid="send-envelope"][data-state="finalizado"]').waitFor({ timeout: 20_000 })

    const facts = await page.evaluate(async (rid) => {
      const go = window.go.app
      return { sim: await go.Simulator.DocuSignEnvelopes(), mine: await go.Envelopes.List(rid) }
    }, rid)
    assert.equal(facts.sim.length, 1)
    assert.equal(facts.sim[0].status, 'completed')
    assert.equal(facts.mine.length, 1)
    assert.equal(facts.mine[0].state, 'finalizado')
    await app.screenshot('dscarry-finalizado')
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})
