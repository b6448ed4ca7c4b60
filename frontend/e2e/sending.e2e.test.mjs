import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

// The harness starts the binary from the repository root; a relative
// SELO_DEV_BINARY is made absolute before the harness reads it.
if (process.env.SELO_DEV_BINARY) process.env.SELO_DEV_BINARY = resolve(process.env.SELO_DEV_BINARY)
const { launch } = await import('./harness.mjs')

const root = resolve(import.meta.dirname, '..', '..')
const contractPdf = readFileSync(join(root, 'backend', 'pdfs', 'testdata', 'contract.pdf')).toString('base64')
const phoneSentence = 'Assinatura Eletrônica com autenticação via SMS/WhatsApp requer um número de telefone válido.'

test('a rep generates the contract, is stopped by the spouse without a mobile, fixes it and sends one envelope with three signers', async () => {
  const app = await launch()
  const { page } = app
  try {
    // Set-up through the real bindings: a Simulador local key, a development
    // with units integrated with it, a template associated with the whole
    // development with three signer rules, and a reservation whose spouse
    // has no mobile.
    const setup = await page.evaluate(async (b64) => {
      const go = window.go.app
      const key = await go.Integrations.Save({ id: 0, description: 'Treinamento', environment: 'simulator', token: '', deadlineDays: '' })
      const dev = await go.Developments.Save({ id: 0, name: 'Residencial Ipê Amarelo', city: 'Campinas', state: 'SP' })
      const stage = await go.Developments.AddStage(dev.id, 'Etapa 1')
      const block = await go.Developments.AddBlock(stage, 'Bloco A')
      await go.Developments.CreateUnits({ blockId: block, floorFrom: '1', floorTo: '1', unitsPerFloor: '2', price: '300.000' })
      await go.Developments.SaveSettings({ id: dev.id, integrated: true, integrationId: key.id })
      const full = await go.Developments.Get(dev.id)
      const unit = full.stages[0].blocks[0].units[0]
      const tpl = await go.Templates.Upload('Promessa de compra e venda', 'contract.pdf', b64)
      const assoc = await go.Legal.Associate(dev.id, tpl.id, 'development', [])
      const rule = (type, over = {}) => ({
        sendOrder: 1, signerType: type, name: '', email: '', phone: '', cpf: '', evidence: 'none', signatureKind: 'signature',
        delivery: 'email', reminder: 'email', auth: 'email', ...over,
      })
      await go.Legal.SaveRules(assoc.id, [
        rule('holder'),
        rule('spouse', { delivery: 'whatsapp', reminder: 'email', auth: 'whatsapp' }),
        rule('witness', { sendOrder: 2, name: 'Tânia Testemunha', email: 'testemunha@example.com' }),
      ])
      const input = {
        id: 0, unitId: unit.id, brokerId: 0, price: '310.000,00', status: 'in_review',
        holder: { name: 'Maria da Silva', cpf: '529.982.247-25', email: 'maria@example.com', phone1: '(11) 98765-4321', phone2: '', birthDate: '', address: 'Rua das Flores, 10' },
        associates: [{ kind: 'spouse', name: 'João da Silva', cpf: '', email: 'joao@example.com', phone1: '', phone2: '', birthDate: '', address: '' }],
      }
      const r = await go.Reservations.Save(input)
      return { reservationId: r.id, input: { ...input, id: r.id } }
    }, contractPdf)

    // Reserva → Contratos → Gerar contratos.
    await page.goto(`${app.url}/#/reservations/${setup.reservationId}`)
    const panel = page.getByTestId('contracts-panel')
    await panel.getByTestId('contracts-empty').waitFor()
    await panel.getByTestId('contracts-generate').click()
    const row = panel.getByTestId('contract-row').first()
    await row.getByTestId('contract-name').getByText('Promessa de compra e venda').waitFor()
    assert.equal(await row.getByTestId('contract-pages').textContent(), '2 pág.')
    assert.equal((await row.getByTestId('contract-state').textContent()).trim(), 'Gerado')

    // Visualizar: the PDF in a modal.
    await row.getByTestId('contract-view').click()
    const preview = page.getByTestId('contract-preview-object')
    await preview.waitFor({ state: 'attached' })
    assert.match(await preview.getAttribute('data'), /^blob:/)
    assert.equal(await preview.getAttribute('type'), 'application/pdf')
    await page.getByTestId('contract-preview-close').click()

    // Tick and send: the spouse has no mobile. The exact sentence, naming
    // the spouse, and nothing reaches the simulator.
    await row.getByTestId('contract-pick').click()
    await panel.getByTestId('contracts-send').click()
    const problem = page.getByTestId('send-problem').first()
    await problem.waitFor()
    const text = await problem.textContent()
    assert.ok(text.includes(phoneSentence), text)
    assert.ok(text.includes('João da Silva'), text)
    assert.equal(await page.getByTestId('send-problem').count(), 1)
    await app.screenshot('sending-phone-problem')
    assert.equal(await page.getByTestId('send-retry').count(), 0)
    const before = await page.evaluate(() => window.go.app.Simulator.Envelopes())
    assert.equal((before ?? []).length, 0, 'nothing was sent to the simulator')
    await page.getByTestId('send-close').click()

    // The spouse gets a mobile; send again.
    await page.evaluate(async (input) => {
      input.associates[0].phone1 = '(21) 98888-7777'
      await window.go.app.Reservations.Save(input)
    }, setup.input)
    await panel.getByTestId('contracts-send').click()
    await page.getByTestId('send-progress').getByTestId('send-done').waitFor({ timeout: 30_000 })
    for (let i = 0; i < 6; i++) {
      assert.equal(await page.getByTestId(`send-step-${i}`).getAttribute('data-state'), 'done')
    }
    await app.screenshot('sending-done')
    await page.getByTestId('send-close').click()

    // The reservation shows the envelope with each signer of order 1
    // "Pendente" and
    // the contract "Enviado para assinatura".
    const signers = panel.getByTestId('send-signer')
    await signers.nth(2).waitFor()
    assert.equal(await signers.count(), 3)
    // The witness (order 2) waits for the parties (order 1).
    await panel.locator('[data-testid="send-envelope"][data-state="em_andamento"]').waitFor()
    const states = await panel.getByTestId('send-signer-state').allTextContents()
    assert.deepEqual(states.map((s) => s.trim()), ['Pendente', 'Pendente', 'Aguardando a vez'])
    const names = await signers.allTextContents()
    assert.ok(names[0].includes('Maria da Silva') && names[1].includes('João da Silva') && names[2].includes('Tânia Testemunha'), names.join(' | '))
    assert.ok(names[1].includes('WhatsApp'))
    assert.equal((await row.getByTestId('contract-state').textContent()).trim(), 'Enviado para assinatura')
    // Deadline: today + the key's default (15 days), shown in Brasília time.
    const due = new Date(Date.now() + 15 * 24 * 3600 * 1000).toLocaleDateString('pt-BR', { timeZone: 'America/Sao_Paulo' })
    assert.equal((await panel.getByTestId('send-envelope-deadline').textContent()).trim(), `Prazo: ${due}`)
    await app.screenshot('sending-envelope')

    // The simulator holds exactly one running envelope with three signers.
    const envs = await page.evaluate(() => window.go.app.Simulator.Envelopes())
    assert.equal(envs.length, 1)
    assert.equal(envs[0].status, 'running')
    assert.equal(envs[0].signers.length, 3)

    // Sending the same contract again creates nothing new.
    assert.equal(await panel.getByTestId('contracts-send').isDisabled(), true)
    const again = await page.evaluate(
      (id) => window.go.app.Contracts.List(id).then((l) => window.go.app.Contracts.Send(id, [l[0].id]).then(() => 'sent', (e) => e.code)),
      setup.reservationId,
    )
    assert.equal(again, 'validation.failed')
    assert.equal((await page.evaluate(() => window.go.app.Simulator.Envelopes())).length, 1)
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('sending-failure').catch(() => {})
    console.error(app.logs().slice(-4000))
    throw e
  } finally {
    await app.stop()
  }
})
