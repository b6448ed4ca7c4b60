import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, rmSync } from 'node:fs'
import { launch } from './harness.mjs'
import { answerDialog, saveWithSuggestion } from './dialog.mjs'
import { contractPdf, seedReservation, sendFromReservation } from './seed.mjs'

// Issue 17's journey with no DocuSign account: a DocuSign Simulador local key
// (no sign-in), a development on it, a reservation's contracts sent as ONE
// envelope, the training desk signing, the reservation page and the Painel
// following, Finalizado, the signed PDF and the certificate of completion. What the manager's own screens
// make elsewhere (units, the template, the signer rules) is made through the
// real bindings; the DocuSign parts go through the screens.
test('DocuSign Simulador local: key without sign-in → development → Enviar → the training desk signs → Finalizado → signed PDF', async () => {
  const app = await launch()
  const { page } = app
  const nav = (label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()
  const dsTab = () => page.locator('.n-tabs-tab', { hasText: 'DocuSign (assinatura eletrônica)' }).click()
  try {
    // Integrações → DocuSign → a Simulador local key: no token, no sign-in.
    await nav('Integrações')
    await dsTab()
    await page.getByTestId('ds-add').click()
    const form = page.getByTestId('ds-form')
    await form.getByTestId('ds-description').locator('input').fill('Treino DocuSign')
    await form.getByTestId('ds-env-simulator').click()
    await form.getByTestId('ds-save').click()
    await form.waitFor({ state: 'hidden' })
    const keyRow = page.getByTestId('ds-table').locator('tr', { hasText: 'Treino DocuSign' })
    await keyRow.getByText('Não precisa entrar').waitFor()

    // A development with two units, its template and signers (holder and
    // spouse, both by e-mail), not yet tied to any key.
    const dev = await page.evaluate(async (b64) => {
      const go = window.go.app
      const d = await go.Developments.Save({ id: 0, name: 'Residencial Ipê Roxo', city: 'Campinas', state: 'SP' })
      const stage = await go.Developments.AddStage(d.id, 'Etapa 1')
      const block = await go.Developments.AddBlock(stage, 'Bloco A')
      await go.Developments.CreateUnits({ blockId: block, floorFrom: '1', floorTo: '1', unitsPerFloor: '2', area: '', price: '300.000' })
      const tpl = await go.Templates.Upload('Promessa de compra e venda', 'contract.pdf', b64)
      const assoc = await go.Legal.Associate(d.id, tpl.id, 'development', [])
      const rule = { sendOrder: 1, name: '', email: '', phone: '', cpf: '', evidence: 'none', signatureKind: 'signature', delivery: 'email', reminder: 'email', auth: 'email' }
      await go.Legal.SaveRules(assoc.id, 0, [{ ...rule, signerType: 'holder' }, { ...rule, signerType: 'spouse' }])
      const full = await go.Developments.Get(d.id)
      return { id: d.id, unitId: full.stages[0].blocks[0].units[0].id }
    }, contractPdf)

    // Configurações of the development: Integrado API on the DocuSign key.
    await page.goto(`${app.url}/#/developments/${dev.id}?tab=settings`)
    await page.getByTestId('settings-integrated').click()
    await page.getByTestId('settings-key').click()
    await page.locator('.n-base-select-option', { hasText: 'Treino DocuSign — DocuSign · Simulador local' }).click()
    await page.getByTestId('settings-save').click()
    await page.getByText('Configurações gravadas.').waitFor()
    assert.match(await page.getByTestId('settings-provider').textContent(), /DocuSign/)

    // Jurídico says what DocuSign will do with each signer.
    await page.locator('.n-tabs-tab', { hasText: 'Jurídico' }).click()
    const card = page.getByTestId('association-Promessa de compra e venda')
    await card.getByTestId('association-configure').click()
    const editor = card.getByTestId('signers-editor')
    await editor.getByTestId('rule-0').getByText('Como a DocuSign fará').waitFor()
    await editor.getByTestId('rule-1').getByText('Como a DocuSign fará').waitFor()
    await app.screenshot('docusign-juridico')

    // A reservation; its contracts generated and sent from its page.
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
    const states = () => panel.getByTestId('send-signer-state').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
    assert.deepEqual(await states(), ['pendente', 'pendente'])

    // The training desk (Integrações → DocuSign) holds the one envelope: Maria signs.
    await nav('Integrações')
    await dsTab()
    const desk = page.getByTestId('simulator-panel')
    await desk.waitFor()
    const simEnvelopes = desk.locator('[data-testid^="sim-envelope-"]')
    await simEnvelopes.first().waitFor()
    assert.equal(await simEnvelopes.count(), 1, 'one envelope on the training desk')
    assert.equal((await simEnvelopes.first().getByTestId('sim-provider').textContent()).trim(), 'DocuSign')
    await simEnvelopes.first().locator('.signer', { hasText: 'Maria da Silva' }).getByTestId('sim-sign').click()
    await simEnvelopes.first().locator('.signer', { hasText: 'Maria da Silva' }).getByText(/^Assinou/).waitFor({ timeout: 15_000 })

    // The Simulador local's Connect message reached the app: what the
    // reservation reads (no Atualizar, no sync) already says Maria signed.
    const recorded = await page.evaluate(async (rid) => {
      for (let i = 0; i < 20; i++) {
        const [e] = await window.go.app.Envelopes.List(rid)
        if (e.signers.some((g) => g.name === 'Maria da Silva' && g.state === 'assinou')) return e.signers.map((g) => `${g.name}:${g.state}`)
        await new Promise((r) => setTimeout(r, 100))
      }
      return null
    }, rid)
    assert.deepEqual(recorded, ['Maria da Silva:assinou', 'João da Silva:pendente'])

    // The reservation page: Maria Assinou, João Pendente; the Painel misses only João.
    await page.goto(`${app.url}/#/reservations/${rid}`)
    const signerRow = (name) => panel.locator('[data-testid="send-signer"]', { hasText: name })
    await signerRow('Maria da Silva').locator('[data-testid="send-signer-state"][data-state="assinou"]').waitFor({ timeout: 15_000 })
    assert.equal((await signerRow('Maria da Silva').getByTestId('send-signer-state').textContent()).trim().startsWith('Assinou'), true)
    assert.equal((await signerRow('João da Silva').getByTestId('send-signer-state').textContent()).trim(), 'Pendente')
    await nav('Painel')
    const boardRow = page.getByTestId('board-waiting-card').locator(`[data-testid="board-waiting-row"][data-reservation="${rid}"]`)
    await boardRow.waitFor({ timeout: 15_000 })
    const missing = (await boardRow.getByTestId('board-missing').allTextContents()).map((s) => s.trim())
    assert.equal(missing.length, 1, missing.join(' | '))
    assert.match(missing[0], /^João da Silva/)
    await app.screenshot('docusign-painel')

    // João signs from the reservation page's own "Simular assinatura".
    await page.goto(`${app.url}/#/reservations/${rid}`)
    await signerRow('João da Silva').getByTestId('sim-sign').click()
    await panel.locator('[data-testid="send-envelope"][data-state="finalizado"]').waitFor({ timeout: 20_000 })
    for (let i = 0; i < n; i++) {
      await page.waitForFunction(
        (k) => document.querySelectorAll('[data-testid="contract-state"]')[k]?.textContent.trim() === 'Assinado',
        i,
        { timeout: 15_000 },
      )
    }

    // Baixar documento assinado: a PDF, with the appended "Assinaturas" page.
    const saved = await saveWithSuggestion(app, panel.getByTestId('envelope-download'), 'Salvar documento assinado')
    const bytes = readFileSync(saved)
    rmSync(saved)
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
    // DocuSign's Certificate of Completion, beside it.
    // (The signed PDF's "salvo em" notice may still show: read the certificate's own.)
    await panel.getByTestId('envelope-certificate').click()
    await answerDialog(app.x(), 'Salvar certificado de conclusão')
    const certMsg = page.locator('.n-message', { hasText: 'Certificado de conclusão salvo em ' })
    await certMsg.waitFor({ timeout: 15_000 })
    const certPath = (await certMsg.textContent()).replace(/^.* salvo em /, '').trim()
    assert.match(certPath, / - certificado\.pdf$/)
    const cert = readFileSync(certPath)
    rmSync(certPath)
    assert.equal(cert.subarray(0, 5).toString(), '%PDF-')
    assert.notDeepEqual(cert, bytes)

    // One envelope in the simulator and in the database, completed.
    const facts = await page.evaluate(async (rid) => {
      const go = window.go.app
      return { sim: await go.Simulator.DocuSignEnvelopes(), mine: await go.Envelopes.List(rid) }
    }, rid)
    assert.equal(facts.sim.length, 1)
    assert.equal(facts.sim[0].status, 'completed')
    assert.equal(facts.mine.length, 1)
    assert.equal(facts.mine[0].id, facts.sim[0].id)
    assert.equal(facts.mine[0].state, 'finalizado')

    await app.screenshot('docusign-finalizado')
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})

// The README's first run with DocuSign: the dados de exemplo, a DocuSign
// Simulador local key chosen in the sample development's Configurações, and
// the sample reservation sent and signed from its own page.
test('first run with DocuSign: dados de exemplo → the sample development on a DocuSign Simulador local key → Enviar → Simular assinatura for each → Finalizado', async () => {
  const app = await launch()
  const { page } = app
  const nav = (label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()
  try {
    await page.getByTestId('sample-load').click()
    await page.getByTestId('firstrun-confirm').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="guide-step-reservation"]')?.getAttribute('data-done') === 'true')

    await nav('Integrações')
    await page.locator('.n-tabs-tab', { hasText: 'DocuSign (assinatura eletrônica)' }).click()
    await page.getByTestId('ds-add').click()
    const form = page.getByTestId('ds-form')
    await form.getByTestId('ds-description').locator('input').fill('Treino DocuSign')
    await form.getByTestId('ds-env-simulator').click()
    await form.getByTestId('ds-save').click()
    await form.waitFor({ state: 'hidden' })

    await nav('Empreendimentos')
    await page.getByTestId('developments-table').getByText('Residencial Jardim das Acácias (exemplo)').click()
    await page.locator('.n-tabs-tab', { hasText: 'Configurações' }).click()
    await page.getByTestId('settings-key').click()
    await page.locator('.n-base-select-option', { hasText: 'Treino DocuSign — DocuSign · Simulador local' }).click()
    await page.getByTestId('settings-save').click()
    await page.getByText('Configurações gravadas.').waitFor()

    await nav('Reservas')
    const rows = page.getByTestId('reservations-table').locator('tbody tr')
    await rows.first().waitFor()
    await rows.first().click()
    const panel = page.getByTestId('contracts-panel')
    await panel.getByTestId('contracts-generate').click()
    const contracts = panel.getByTestId('contract-row')
    await contracts.first().getByTestId('contract-name').waitFor()
    const n = await contracts.count()
    for (let i = 0; i < n; i++) await contracts.nth(i).getByTestId('contract-pick').click()
    await panel.getByTestId('contracts-send').click()
    await page.getByTestId('send-progress').getByTestId('send-done').waitFor({ timeout: 30_000 })
    await page.getByTestId('send-close').click()
    await panel.getByTestId('send-envelope').waitFor()
    assert.equal(await panel.getByTestId('send-envelope').count(), 1)

    for (let guard = 0; guard < 10; guard++) {
      if (await panel.locator('[data-testid="send-envelope"][data-state="finalizado"]').count()) break
      const sign = panel.getByTestId('sim-sign')
      // After the last signature the buttons go before "Finalizado" shows
      // (the signed PDF is fetched first): wait for either.
      await page.waitForFunction(
        () => !!document.querySelector('[data-testid="contracts-panel"] [data-testid="sim-sign"]') ||
          !!document.querySelector('[data-testid="send-envelope"][data-state="finalizado"]'),
        null,
        { timeout: 15_000 },
      )
      if (await panel.locator('[data-testid="send-envelope"][data-state="finalizado"]').count()) break
      const before = await panel.locator('[data-testid="send-signer-state"][data-state="assinou"]').count()
      await sign.first().click()
      await page.waitForFunction(
        (b) => document.querySelectorAll('[data-testid="send-signer-state"][data-state="assinou"]').length > b ||
          !!document.querySelector('[data-testid="send-envelope"][data-state="finalizado"]'),
        before,
        { timeout: 15_000 },
      )
    }
    await panel.locator('[data-testid="send-envelope"][data-state="finalizado"]').waitFor({ timeout: 15_000 })
    const sim = await page.evaluate(() => window.go.app.Simulator.DocuSignEnvelopes())
    assert.equal(sim.length, 1)
    assert.equal(sim[0].status, 'completed')
    assert.deepEqual((await page.evaluate(() => window.go.app.Simulator.Envelopes())) ?? [], [], 'nothing went to the Clicksign simulator')
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})

// The rest of a DocuSign envelope's training life: a refusal from the
// reservation's own "Simular recusa" (with its reason), and a deadline
// passed from the training desk's "Simular prazo vencido".
test('DocuSign Simulador local: Simular recusa on the reservation and Simular prazo vencido on the desk end the envelopes as Recusado and Prazo vencido', async () => {
  const app = await launch()
  const { page } = app
  try {
    const ids = await page.evaluate(async (b64) => {
      const go = window.go.app
      const key = await go.Integrations.Save({ id: 0, description: 'Treino DocuSign', provider: 'docusign', environment: 'simulator', token: '', deadlineDays: '' })
      const d = await go.Developments.Save({ id: 0, name: 'Residencial Ipê Branco', city: 'Campinas', state: 'SP' })
      const stage = await go.Developments.AddStage(d.id, 'Etapa 1')
      const block = await go.Developments.AddBlock(stage, 'Bloco A')
      await go.Developments.CreateUnits({ blockId: block, floorFrom: '1', floorTo: '1', unitsPerFloor: '2', area: '', price: '300.000' })
      await go.Developments.SaveSettings({ id: d.id, integrated: true, integrationId: key.id })
      const tpl = await go.Templates.Upload('Promessa de compra e venda', 'contract.pdf', b64)
      const assoc = await go.Legal.Associate(d.id, tpl.id, 'development', [])
      const rule = { sendOrder: 1, name: '', email: '', phone: '', cpf: '', evidence: 'none', signatureKind: 'signature', delivery: 'email', reminder: 'email', auth: 'email' }
      await go.Legal.SaveRules(assoc.id, 0, [{ ...rule, signerType: 'holder' }, { ...rule, signerType: 'spouse' }])
      const full = await go.Developments.Get(d.id)
      return full.stages[0].blocks[0].units.map((u) => u.id)
    }, contractPdf)
    const refused = await seedReservation(page, { unitId: ids[0] })
    const expired = await seedReservation(page, { unitId: ids[1], holder: { name: 'Pedro Alves', email: 'pedro@example.com' }, spouse: { name: 'Paula Alves', email: 'paula@example.com' } })
    // Both sent first: the notice of a refusal sits over the page's corner.
    await sendFromReservation(app, expired)
    const panel = await sendFromReservation(app, refused)

    // João refuses from the reservation page, with a reason.
    const joao = panel.locator('[data-testid="send-signer"]', { hasText: 'João da Silva' })
    await joao.getByTestId('sim-refuse').click()
    await page.getByTestId('sim-refuse-reason').locator('input').fill('Valor errado')
    await page.locator('.n-popconfirm__action .n-button--primary-type').click()
    await panel.locator('[data-testid="send-envelope"][data-state="recusado"]').waitFor({ timeout: 15_000 })
    assert.equal((await joao.getByTestId('send-signer-state').textContent()).trim(), 'Recusou: Valor errado')

    // Pedro's envelope: its deadline passes on the training desk.
    await page.getByTestId('sidebar').getByText('Integrações', { exact: true }).click()
    await page.locator('.n-tabs-tab', { hasText: 'DocuSign (assinatura eletrônica)' }).click()
    const desk = page.getByTestId('simulator-panel')
    const pedro = desk.locator('[data-testid^="sim-envelope-"]', { hasText: 'Pedro Alves' })
    await pedro.getByTestId('sim-expire').click()
    await pedro.getByTestId('sim-status').getByText('Prazo vencido').waitFor({ timeout: 15_000 })
    await page.goto(`${app.url}/#/reservations/${expired}`)
    await page.getByTestId('contracts-panel').locator('[data-testid="send-envelope"][data-state="vencido"]').waitFor({ timeout: 20_000 })

    const sim = await page.evaluate(() => window.go.app.Simulator.DocuSignEnvelopes())
    assert.deepEqual(sim.map((e) => e.status).sort(), ['declined', 'expired'])
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})
