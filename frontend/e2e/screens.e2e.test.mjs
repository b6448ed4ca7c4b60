// Screens as a new user meets them (issue 13, item 7): Nova reserva on an
// empty data folder, the "assinado por todos" notice, the training panel,
// and the one native "Salvar como" for the signed PDF and the Painel's CSV
// (a real GTK dialog on the app's Xvfb display, driven with xdotool).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launch } from './harness.mjs'
import { answerDialog } from './dialog.mjs'
import { seedIntegratedDevelopment, seedReservation } from './seed.mjs'

const nav = (page, label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()

test('Nova reserva on an empty data folder: the corretor is created inline and saved with the reservation', async () => {
  const app = await launch()
  const { page } = app
  try {
    await seedIntegratedDevelopment(page, { name: 'Residencial Aurora', rules: [{ signerType: 'holder' }] })
    assert.equal(((await page.evaluate(() => window.go.app.Users.List())) ?? []).length, 0, 'no user yet')
    await nav(page, 'Reservas')
    await page.getByTestId('reservation-add').click()
    const broker = page.getByTestId('reservation-broker')
    await broker.getByText('Nenhum corretor cadastrado: crie um ao lado').waitFor()
    assert.doesNotMatch((await broker.textContent()).trim(), /^0$|\b0\b/, 'no raw 0 in Corretor')

    await page.getByTestId('reservation-development').click()
    await page.getByText('Residencial Aurora', { exact: true }).click()
    await page.getByTestId('reservation-unit').click()
    await page.locator('.n-base-select-option', { hasText: 'Bloco A · 101' }).click()
    const fill = (id, v) => page.getByTestId(id).locator('input').fill(v)
    await fill('holder-name', 'José da Conceição')
    await fill('holder-cpf', '529.982.247-25')
    await fill('holder-email', 'jose@example.com')
    await fill('holder-phone1', '(11) 98765-4321')
    // The birth date is typed the Brazilian way.
    const birth = page.getByTestId('holder-birthDate').locator('input')
    assert.equal(await birth.getAttribute('placeholder'), 'dd/mm/aaaa')
    await birth.fill('20/05/1990')
    await birth.press('Enter')
    await page.getByTestId('holder-name').locator('input').click()

    // "Novo corretor" right in the form; what was typed stays.
    await page.getByTestId('reservation-broker-add').click()
    const modal = page.getByTestId('user-form')
    await modal.waitFor()
    await modal.getByTestId('user-name').locator('input').fill('Carla Menezes')
    await modal.getByTestId('user-email').locator('input').fill('carla@imobiliaria.com.br')
    await modal.getByTestId('user-save').click()
    await modal.waitFor({ state: 'hidden' })
    await broker.getByText('Carla Menezes').waitFor()
    assert.equal(await page.getByTestId('holder-name').locator('input').inputValue(), 'José da Conceição')
    assert.equal(await birth.inputValue(), '20/05/1990')

    await page.getByTestId('reservation-save').click()
    await page.getByText('Reserva gravada.').waitFor()
    const id = Number(page.url().match(/reservations\/(\d+)/)[1])
    const saved = await page.evaluate((rid) => window.go.app.Reservations.Get(rid), id)
    assert.equal(saved.brokerName, 'Carla Menezes')
    assert.equal(saved.holder.birthDate, '1990-05-20', 'stored as before: AAAA-MM-DD')
    const users = await page.evaluate(() => window.go.app.Users.List())
    assert.deepEqual(users.map((u) => [u.name, u.role]), [['Carla Menezes', 'corretor']])
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('screens-broker-failure').catch(() => {})
    console.error(app.logs().slice(-4000))
    throw e
  } finally {
    await app.stop()
  }
})

test('signed by everyone: the notice leaves Nova reserva free, the panel is in order, and both files save through one pt-BR dialog', async () => {
  // The app's home, with a Brazilian desktop's Documentos folder.
  const home = mkdtempSync(join(tmpdir(), 'selo-home-'))
  mkdirSync(join(home, 'Documentos'))
  const oldHome = process.env.HOME
  process.env.HOME = home
  let app
  try {
    app = await launch()
  } finally {
    process.env.HOME = oldHome
  }
  const { page } = app
  try {
    const seeded = await seedIntegratedDevelopment(page, {
      name: 'Residencial Jacarandá',
      rules: [
        { signerType: 'witness', sendOrder: 2, name: 'Ana Testemunha', email: 'ana@example.com' },
        { signerType: 'holder' },
        { signerType: 'spouse' },
      ],
    })
    const rid = await seedReservation(page, { unitId: seeded.unitIds[0], holder: { name: 'Maria da Silva' }, spouse: { name: 'João da Silva' } })
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
    }, rid)

    // The training panel: signing order, then name.
    await nav(page, 'Integrações')
    const panel = page.getByTestId('simulator-panel')
    await panel.locator('.signer').nth(2).waitFor()
    const who = async () => (await panel.locator('.signer .who').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim())
    const names = (await who()).map((s) => s.split(' · ')[0])
    assert.deepEqual(names, ['João da Silva', 'Maria da Silva', 'Ana Testemunha'])

    // Everyone signs while the rep is on Reservas.
    await nav(page, 'Reservas')
    await page.getByTestId('reservation-add').waitFor()
    await page.evaluate(async ({ rid, envelopeId }) => {
      const go = window.go.app
      const [envelope] = await go.Envelopes.List(rid)
      for (const g of [1, 2]) for (const s of envelope.signers.filter((x) => x.group === g)) await go.Simulator.Sign(envelopeId, s.id)
      await go.Envelopes.Sync(0)
    }, { rid, envelopeId })
    const notice = page.locator('.n-notification', { hasText: 'Contrato assinado por todos: Maria da Silva' })
    await notice.waitFor({ timeout: 15_000 })
    const n = await notice.boundingBox()
    const b = await page.getByTestId('reservation-add').boundingBox()
    const overlap = !(n.x + n.width <= b.x || b.x + b.width <= n.x || n.y + n.height <= b.y || b.y + b.height <= n.y)
    assert.equal(overlap, false, `the notice ${JSON.stringify(n)} does not cover Nova reserva ${JSON.stringify(b)}`)
    // Nova reserva takes the click while the notice is up (checked right
    // before the click: on a loaded machine the form may take longer to
    // open than the notice stays).
    assert.equal(await notice.isVisible(), true, 'the notice is up when Nova reserva is clicked')
    await page.getByTestId('reservation-add').click({ timeout: 3000 })
    await page.getByTestId('reservation-form').waitFor()
    await app.screenshot('screens-notice')

    // The panel after signing: "Assinou em dd/mm/aaaa hh:mm".
    await nav(page, 'Integrações')
    await panel.locator('.signer').nth(2).waitFor()
    const tags = (await panel.locator('.signer .n-tag').allTextContents()).map((s) => s.trim())
    assert.equal(tags.length, 3)
    for (const t of tags) assert.match(t, /^Assinou em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)

    // "Baixar documento assinado": the native dialog opens in Documentos
    // with a name that says whose document it is; Enter saves it there.
    const x = app.x()
    await page.goto(`${app.url}/#/reservations/${rid}`)
    await page.getByTestId('envelope-download').click()
    await answerDialog(x, 'Salvar documento assinado (PDF)')
    const saved = page.locator('.n-message', { hasText: 'Documento assinado salvo em' })
    await saved.waitFor({ timeout: 15_000 })
    const pdfs = readdirSync(join(home, 'Documentos'))
    assert.equal(pdfs.length, 1, `one file in Documentos: ${pdfs}`)
    assert.match(pdfs[0], /^Maria da Silva - .+ - assinado \d{4}-\d{2}-\d{2}\.pdf$/)
    assert.equal(readFileSync(join(home, 'Documentos', pdfs[0])).subarray(0, 5).toString(), '%PDF-')

    // Painel → Exportar CSV: the same dialog. Saved once into another
    // folder, the next export opens there.
    const reports = join(home, 'Relatorios')
    mkdirSync(reports)
    await nav(page, 'Painel')
    await page.getByTestId('board-export').click()
    await answerDialog(x, 'Salvar painel de assinaturas (CSV)', { path: join(reports, 'março.csv') })
    await page.locator('.n-message', { hasText: `Planilha salva em ${join(reports, 'março.csv')}` }).waitFor({ timeout: 15_000 })
    await page.getByTestId('board-export').click()
    await answerDialog(x, 'Salvar painel de assinaturas (CSV)')
    await page.locator('.n-message', { hasText: /Planilha salva em .*painel-assinaturas-\d{4}-\d{2}-\d{2}\.csv/ }).waitFor({ timeout: 15_000 })
    const csvs = readdirSync(reports).sort()
    assert.equal(csvs.length, 2, `${csvs}`)
    assert.ok(csvs.some((f) => /^painel-assinaturas-\d{4}-\d{2}-\d{2}\.csv$/.test(f)), `the second export went to the remembered folder: ${csvs}`)
    assert.ok(!existsSync(join(process.cwd(), csvs[0])), 'nothing in the working folder')
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('screens-files-failure').catch(() => {})
    console.error(app.logs().slice(-4000))
    throw e
  } finally {
    await app.stop()
    rmSync(home, { recursive: true, force: true })
  }
})
