import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'
import { seedIntegratedDevelopment } from './seed.mjs'

const phoneSentence = 'Assinatura Eletrônica com autenticação via SMS/WhatsApp requer um número de telefone válido.'

test('a rep generates the contract, is stopped by the spouse without a mobile, fixes it and sends one envelope with three signers', async () => {
  const app = await launch()
  const { page } = app
  try {
    // Set-up through the real bindings: a Simulador local key, a development
    // with units integrated with it, a template associated with the whole
    // development with three signer rules, and a reservation whose spouse
    // has no mobile.
    const seeded = await seedIntegratedDevelopment(page, {
      name: 'Residencial Ipê Amarelo',
      rules: [
        { signerType: 'holder' },
        { signerType: 'spouse', delivery: 'whatsapp', reminder: 'email', auth: 'whatsapp' },
        { signerType: 'witness', sendOrder: 2, name: 'Tânia Testemunha', email: 'testemunha@example.com' },
      ],
    })
    const setup = await page.evaluate(async (unitId) => {
      const go = window.go.app
      const input = {
        id: 0, unitId: unitId, brokerId: 0, price: '310.000,00', status: 'in_review',
        holder: { name: 'Maria da Silva', cpf: '529.982.247-25', email: 'maria@example.com', phone1: '(11) 98765-4321', phone2: '', birthDate: '', address: 'Rua das Flores, 10' },
        associates: [{ kind: 'spouse', name: 'João da Silva', cpf: '', email: 'joao@example.com', phone1: '', phone2: '', birthDate: '', address: '' }],
      }
      const r = await go.Reservations.Save(input)
      return { reservationId: r.id, input: { ...input, id: r.id } }
    }, seeded.unitIds[0])

    // Reserva → Contratos → Gerar contratos.
    await page.goto(`${app.url}/#/reservations/${setup.reservationId}`)
    const panel = page.getByTestId('contracts-panel')
    await panel.getByTestId('contracts-empty').waitFor()
    await panel.getByTestId('contracts-generate').click()
    const row = panel.getByTestId('contract-row').first()
    await row.getByTestId('contract-name').getByText('Promessa de compra e venda').waitFor()
    assert.equal(await row.getByTestId('contract-pages').textContent(), '2 pág.')
    assert.equal((await row.getByTestId('contract-state').textContent()).trim(), 'Gerado')

    // Visualizar: the PDF in a modal, drawn by pdf.js (e2e/preview checks the pixels).
    await row.getByTestId('contract-view').click()
    const preview = page.getByTestId('contract-preview-object')
    await preview.locator('[data-testid="pdf-thumbnail"]').nth(1).waitFor()
    assert.match(await preview.getByTestId('pdf-download').getAttribute('href'), /^blob:/)
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
      (id) => window.go.app.Contracts.List(id).then((l) => window.go.app.Contracts.Send(id, [l[0].id]).then(() => 'sent', (e) => JSON.parse(e.message).code)),
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
