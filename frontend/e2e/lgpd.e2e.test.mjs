// Pessoas → "Dados de uma pessoa" (LGPD) through the real screen and Go
// bindings: Maria signed one contract (reservation A) and has another
// reservation (B) whose contract was only generated. Searching her CPF
// finds both; the JSON export (native "Salvar como") holds every place;
// anonymising shows first what is kept and why, then leaves only the signed
// contract's places, each with its legal reason.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, launch, postgresDSN } from './harness.mjs'
import { answerDialog } from './dialog.mjs'
import { seedIntegratedDevelopment, seedReservation, sendFromReservation } from './seed.mjs'

const cpf = '529.982.247-25'

test('LGPD: search by CPF, export JSON, anonymise; the signed contract stays with its reason', async () => {
  const app = await launch()
  const { page } = app
  const out = mkdtempSync(join(tmpdir(), 'selo-lgpd-'))
  try {
    const seeded = await seedIntegratedDevelopment(page, { name: 'Residencial Ipê', rules: [{ signerType: 'holder' }] })
    // A: sent and signed by Maria (the only signer).
    const signedId = await seedReservation(page, { unitId: seeded.unitIds[0], holder: { cpf } })
    const panel = await sendFromReservation(app, signedId)
    await panel.getByTestId('sim-sign').first().click()
    await panel.locator('[data-testid="send-envelope"][data-state="finalizado"]').waitFor({ timeout: 30_000 })
    // B: Maria again, a contract generated and never sent.
    const openId = await seedReservation(page, { unitId: seeded.unitIds[1], holder: { cpf } })
    await page.goto(`${app.url}/#/reservations/${openId}`)
    const panelB = page.getByTestId('contracts-panel')
    await panelB.getByTestId('contracts-generate').click()
    await panelB.locator('[data-testid="contract-row"][data-state="generated"]').first().waitFor()

    // Pessoas, from the menu.
    await page.getByTestId('sidebar').getByText('Pessoas', { exact: true }).click()
    await page.getByRole('heading', { name: 'Dados de uma pessoa' }).waitFor()
    await page.getByTestId('people-key').locator('input').fill(cpf)
    await page.getByTestId('people-search').click()
    await page.getByTestId('people-count').getByText('529.***.***-25').waitFor()
    const places = page.getByTestId('people-place')
    const kinds = async (action) =>
      page.$$eval(`[data-testid="people-place"][data-action="${action}"]`, (els) => els.map((e) => e.dataset.kind).sort())
    // A's titular, contract, send and envelope signer are kept; B's titular
    // is anonymised and its unsigned contract deleted; the spouse is not her.
    assert.deepEqual(await kinds('keep'), ['contract', 'envelope_signer', 'holder', 'send'])
    assert.deepEqual(await kinds('anonymise'), ['holder'])
    assert.deepEqual(await kinds('delete'), ['contract'])
    assert.equal(await places.count(), 6)
    assert.ok(!(await page.getByTestId('people-report').textContent()).includes('João da Silva'), 'the spouse is someone else')

    // Exportar JSON → native dialog → the file holds every place.
    const file = join(out, 'maria.json')
    await page.getByTestId('people-export-json').click()
    await answerDialog(app.x(), 'Salvar dados da pessoa (JSON)', { path: file })
    await page.locator('.n-message', { hasText: `Arquivo salvo em ${file}` }).waitFor({ timeout: 15_000 })
    const exported = JSON.parse(readFileSync(file, 'utf8'))
    assert.equal(exported.key.value, '52998224725')
    assert.equal(exported.places.length, 6)
    const reservationsIn = new Set(exported.places.map((p) => p.reservationId))
    assert.deepEqual([...reservationsIn].sort(), [signedId, openId].sort())
    const holder = exported.places.find((p) => p.kind === 'holder' && p.reservationId === openId)
    const f = Object.fromEntries(holder.fields.map((x) => [x.name, x.value]))
    assert.deepEqual([f.name, f.cpf, f.email, f.phone1], ['Maria da Silva', cpf, 'maria@example.com', '11987654321'])

    // The unsigned contract's PDF is in the data folder until anonymised.
    const unsignedPdf = exported.places.find((p) => p.kind === 'contract' && p.reservationId === openId)
    const sha = unsignedPdf.fields.find((x) => x.name === 'sha256').value
    const pdfPath = join(app.dataDir, 'files', 'contracts', `${sha}.pdf`)
    assert.ok(existsSync(pdfPath), `${pdfPath} exists before`)

    // Anonimizar…: the confirmation says what stays and why before anything happens.
    await page.getByTestId('people-anonymise').click()
    const confirm = page.getByTestId('people-confirm')
    await confirm.waitFor()
    assert.equal(await confirm.getByTestId('people-confirm-kept').count(), 4)
    assert.match(await confirm.getByTestId('people-confirm-keep').textContent(), /Contrato assinado.*LGPD art\. 16, I/)
    await page.getByTestId('people-confirm-go').click()
    await page.locator('.n-message', { hasText: 'Dados anonimizados: 1 alterados, 1 excluídos, 4 mantidos' }).waitFor({ timeout: 15_000 })

    // Searching again shows only the kept places, each with the reason.
    await page.getByTestId('people-search').click()
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="people-place"]')]
      return rows.length === 4 && rows.every((r) => r.dataset.action === 'keep')
    })
    for (const reason of await page.getByTestId('people-place-reason').allTextContents()) {
      assert.match(reason, /Contrato assinado: guardado para cumprimento de obrigação legal/)
    }
    assert.ok(!existsSync(pdfPath), 'the unsigned contract PDF, which carried her data, is gone from the data folder')
    const b = await page.evaluate((id) => window.go.app.Reservations.Get(id), openId)
    assert.equal(b.holder.name, 'Titular anonimizado')
    assert.equal(b.holder.cpf, '')
    assert.equal(b.associates[0].name, 'João da Silva', 'the spouse, who asked nothing, is untouched')
    const a = await page.evaluate((id) => window.go.app.Reservations.Get(id), signedId)
    assert.equal(a.holder.name, 'Maria da Silva')

    // The access log: who did what, the person masked.
    const log = page.getByTestId('people-log-row')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="people-log-row"][data-action="anonymise"]').length === 1)
    const text = (await log.allTextContents()).join('\n')
    assert.match(text, /Anonimização/)
    assert.match(text, /Exportação JSON/)
    assert.ok(!text.includes(cpf) && !text.includes('52998224725'), 'the log shows the CPF masked')
    // No user was chosen on this PC: the log says so and names the PC.
    assert.ok(text.includes(`(nenhum usuário escolhido neste PC) · computador ${hostname()}`), text)
    await app.screenshot('lgpd-after')
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
    rmSync(out, { recursive: true, force: true })
  }
})

// Office mode: what PC A anonymises, PC B no longer finds, and B's access
// log shows A's search and anonymisation (the log lives in the office
// database).
test('LGPD in an office: two PCs share the anonymisation and the access log', { skip: !postgresDSN && 'needs SELO_TEST_POSTGRES' }, async () => {
  const db = createDatabase('selo_lgpd')
  const a = await launch({ office: db })
  let b
  try {
    await a.page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
    const seeded = await seedIntegratedDevelopment(a.page, { name: 'Residencial Escritório', rules: [{ signerType: 'holder' }] })
    await seedReservation(a.page, { unitId: seeded.unitIds[0], holder: { cpf } })
    b = await launch({ office: db })
    await b.page.getByTestId('sidebar').waitFor({ timeout: 20_000 })

    await a.page.goto(`${a.url}/#/people`)
    await a.page.getByTestId('people-key').locator('input').fill(cpf)
    await a.page.getByTestId('people-search').click()
    await a.page.locator('[data-testid="people-place"][data-kind="holder"][data-action="anonymise"]').waitFor()
    await a.page.getByTestId('people-anonymise').click()
    await a.page.getByTestId('people-confirm-go').click()
    await a.page.locator('.n-message', { hasText: 'Dados anonimizados' }).waitFor({ timeout: 15_000 })

    await b.page.goto(`${b.url}/#/people`)
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="people-log-row"][data-action="anonymise"]').length === 1)
    await b.page.getByTestId('people-key').locator('input').fill(cpf)
    await b.page.getByTestId('people-search').click()
    await b.page.getByTestId('people-nothing').waitFor()
    assert.deepEqual([...a.pageErrors, ...b.pageErrors], [])
  } finally {
    await b?.stop()
    await a.stop()
    db.drop()
  }
})
