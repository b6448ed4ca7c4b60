import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'
import { seedIntegratedDevelopment } from './seed.mjs'

const trimmed = (l) => l.map((s) => s.trim())
// "Enviado em" and the CSV's dates are Brasília days.
const today = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', dateStyle: 'short' }).format(new Date())
const isoToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date())
const all = { developmentId: 0, brokerId: 0, from: '', to: '' }

test('a manager sees every pending signature on the Painel, live: who is missing, what expires, a deadline passing, filters and the CSV', async () => {
  const app = await launch()
  const { page } = app
  try {
    // Nothing sent yet: the board points to Reservas.
    await page.goto(`${app.url}/#/dashboard`)
    const empty = page.getByTestId('empty-dashboard')
    await empty.waitFor()
    assert.match(await empty.textContent(), /Nenhum envio para acompanhar ainda.*abra uma reserva em Reservas/s)
    // The "Comece aqui" guide sits above the board; the manager hides it.
    await page.getByTestId('guide-hide').click()
    await page.getByTestId('start-guide').waitFor({ state: 'detached' })

    // Set-up through the real bindings (the screens that make these have
    // their own journeys): a Simulador local key, an integrated development
    // whose template is signed by holder + spouse (order 1) and a witness
    // (order 2), a corretora, and two reservations.
    const seeded = await seedIntegratedDevelopment(page, {
      name: 'Residencial Ipê Amarelo',
      unitsPerFloor: 2,
      rules: [
        { signerType: 'holder' },
        { signerType: 'spouse' },
        { signerType: 'witness', sendOrder: 2, name: 'Tânia Testemunha', email: 'testemunha@example.com' },
      ],
    })
    const ids = await page.evaluate(async (unitIds) => {
      const go = window.go.app
      const broker = await go.Users.Save({ id: 0, name: 'Carla Corretora', email: 'carla@imob.example', role: 'corretor' })
      const person = (name, email) => ({ name, cpf: '', email, phone1: '', phone2: '', birthDate: '', address: '' })
      const reserve = (unitId, brokerId, holder, spouse) =>
        go.Reservations.Save({
          id: 0, unitId, brokerId, price: '310.000,00', status: 'in_review',
          holder: { ...holder, cpf: '529.982.247-25', phone1: '(11) 98765-4321', address: 'Rua das Flores, 10' },
          associates: [{ kind: 'spouse', ...spouse }],
        })
      const a = await reserve(unitIds[0], broker.id, person('Maria da Silva', 'maria@example.com'), person('João da Silva', 'joao@example.com'))
      const b = await reserve(unitIds[1], 0, person('Pedro Alves', 'pedro@example.com'), person('Paula Alves', 'paula@example.com'))
      return { broker: broker.id, a: a.id, b: b.id }
    }, seeded.unitIds)

    // Send both: A with the key's default deadline, B after the key's
    // deadline was cut to 2 days, so B lands in "Vencem nos próximos 3 dias".
    const send = (reservationId) =>
      page.evaluate(async (rid) => {
        const go = window.go.app
        const contracts = await go.Contracts.Generate(rid)
        const op = await go.Contracts.Send(rid, contracts.map((c) => c.id))
        for (let i = 0; i < 200; i++) {
          const o = await go.Contracts.Operation(op)
          if (o.status === 'sent') return (await go.Envelopes.List(rid))[0]
          if (o.status === 'failed' || o.status === 'canceled') throw new Error(`send ${op}: ${o.status} ${o.errorCode}`)
          await new Promise((r) => setTimeout(r, 100))
        }
        throw new Error(`send ${op} did not finish`)
      }, reservationId)
    const envA = await send(ids.a)
    await page.evaluate(async () => {
      const go = window.go.app
      const [key] = await go.Integrations.List()
      await go.Integrations.Save({ id: key.id, description: key.description, environment: key.environment, token: '', deadlineDays: '2' })
    })
    // The board is live: it fills in while it is open, with no reload.
    const envB = await send(ids.b)

    const board = page.getByTestId('board')
    const waiting = page.getByTestId('board-waiting-card')
    const rowA = waiting.locator(`[data-testid="board-waiting-row"][data-reservation="${ids.a}"]`)
    await rowA.waitFor({ timeout: 15_000 })
    await waiting.locator(`[data-testid="board-waiting-row"][data-reservation="${ids.b}"]`).waitFor({ timeout: 15_000 })
    const count = async (s) => Number(await page.getByTestId(`board-count-${s}`).getAttribute('data-count'))
    assert.equal(await count('total'), 2)
    assert.equal(await count('em_andamento'), 2)
    assert.deepEqual(trimmed(await rowA.getByTestId('board-missing').allTextContents()), [
      `Maria da Silva desde ${today}`,
      `João da Silva desde ${today}`,
      'Tânia Testemunha aguardando a vez',
    ])
    const rowAText = await rowA.textContent()
    assert.ok(rowAText.includes('Residencial Ipê Amarelo · Bloco A · 101'), rowAText)
    assert.ok(rowAText.includes('Carla Corretora'), rowAText)
    assert.match((await rowA.getByTestId('board-days-left').textContent()).trim(), /^faltam 1[45] dias$/)
    const expiring = page.getByTestId('board-expiring-card').getByTestId('board-expiring-row')
    assert.equal(await expiring.count(), 1)
    assert.equal(await expiring.getAttribute('data-reservation'), String(ids.b))
    assert.match((await expiring.getByTestId('board-days-left').textContent()).trim(), /^(faltam 2 dias|falta 1 dia)$/)
    await page.getByTestId('board-refusals-empty').waitFor()
    await app.screenshot('board-waiting')

    // Maria signs (Simulador local) and sync runs: her name leaves the list,
    // without touching the page.
    const signer = (env, name) => env.signers.find((s) => s.name === name).id
    await page.evaluate(
      async ({ env, sig, rid }) => {
        await window.go.app.Simulator.Sign(env, sig)
        await window.go.app.Envelopes.Sync(rid)
      },
      { env: envA.id, sig: signer(envA, 'Maria da Silva'), rid: ids.a },
    )
    await page.waitForFunction(
      (rid) => {
        const names = [...document.querySelectorAll(`[data-testid="board-waiting-row"][data-reservation="${rid}"] [data-testid="board-missing"]`)]
        return names.length === 2 && !names.some((n) => n.textContent.includes('Maria'))
      },
      ids.a,
      { timeout: 15_000 },
    )

    // B's two days pass (the Simulador local's clock moves forward) and sync
    // runs: B leaves both waiting lists for "Prazo vencido", live.
    await page.evaluate(async (rid) => {
      await window.go.app.Simulator.AdvanceDays(3)
      await window.go.app.Envelopes.Sync(rid)
    }, ids.b)
    await page.waitForFunction(() => document.querySelector('[data-testid="board-count-vencido"]')?.getAttribute('data-count') === '1', null, {
      timeout: 15_000,
    })
    assert.equal(await count('em_andamento'), 1)
    assert.equal(await count('total'), 2)
    assert.equal(await waiting.getByTestId('board-waiting-row').count(), 1)
    await page.getByTestId('board-expiring-empty').waitFor()
    await page.getByTestId('board-refusals-empty').waitFor()
    await app.screenshot('board-expired')

    // João refuses A with a reason: A leaves "Aguardando" for Recusas, live.
    await page.evaluate(
      async ({ env, sig, rid }) => {
        await window.go.app.Simulator.Refuse(env, sig, 'Valor da parcela diferente do combinado')
        await window.go.app.Envelopes.Sync(rid)
      },
      { env: envA.id, sig: signer(envA, 'João da Silva'), rid: ids.a },
    )
    const refusal = page.getByTestId('board-refusals-card').locator(`[data-testid="board-refusals-row"][data-reservation="${ids.a}"]`)
    await refusal.waitFor({ timeout: 15_000 })
    const refusalText = await refusal.textContent()
    assert.ok(refusalText.includes('João da Silva') && refusalText.includes('Valor da parcela diferente do combinado'), refusalText)
    assert.equal(await count('recusado'), 1)
    assert.equal(await count('em_andamento'), 0)
    assert.equal(await waiting.getByTestId('board-waiting-row').count(), 0)
    // The rep on the Painel is told too; the notice is closed like any other.
    const notice = page.locator('[data-testid="envelope-notice"][data-state="recusado"]')
    await notice.waitFor()
    assert.ok((await page.locator('.n-notification', { has: notice }).textContent()).includes('Valor da parcela diferente do combinado'))
    await app.screenshot('board-refused')
    await page.locator('.n-notification', { has: notice }).locator('.n-base-close').click()
    await notice.waitFor({ state: 'detached' })

    // Corretor filter: only Carla's reservation (A) is left.
    await page.getByTestId('board-filter-broker').click()
    await page.locator('.n-base-select-option', { hasText: 'Carla Corretora' }).click()
    await page.waitForFunction(() => document.querySelector('[data-testid="board-count-total"]')?.getAttribute('data-count') === '1')
    assert.equal(await count('vencido'), 0)
    assert.equal(await count('recusado'), 1)
    await page.getByTestId('board-filter-clear').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="board-count-total"]')?.getAttribute('data-count') === '2')

    // The period and its validation, through the bound methods.
    const periods = await page.evaluate(
      async ({ all, isoToday }) => {
        const go = window.go.app
        const day = await go.Board.Summary({ ...all, from: isoToday, to: isoToday })
        const later = await go.Board.Summary({ ...all, from: '2999-01-01' })
        let err = null
        try {
          await go.Board.Summary({ ...all, from: isoToday, to: '2000-01-01' })
        } catch (e) {
          err = JSON.parse(e instanceof Error ? e.message : e)
        }
        return { day: day.counts.total, later: later.counts.total, laterAny: later.any, err }
      },
      { all, isoToday },
    )
    assert.equal(periods.day, 2)
    assert.equal(periods.later, 0)
    assert.equal(periods.laterAny, true, 'the office still has envelopes: no "nothing sent" state')
    assert.equal(periods.err?.code, 'board.period_inverted')
    assert.equal(periods.err?.field, 'to')

    // The CSV, as "Exportar CSV" writes it (without the native dialog).
    const csv = await page.evaluate((f) => window.go.app.Board.CSV(f), all)
    assert.equal(csv.charCodeAt(0), 0xfeff, 'UTF-8 BOM for Excel')
    const lines = csv.slice(1).split('\r\n')
    assert.equal(
      lines[0],
      'Reserva;Cliente;Empreendimento;Unidade;Corretor;Envio;Situação;Enviado em;Prazo;Dias restantes;Faltam assinar;Aguardando desde;Recusado por;Motivo da recusa;Recusado em',
    )
    assert.equal(lines.at(-1), '', 'the file ends with a line break')
    const [a, b] = lines.slice(1, 3).map((l) => l.split(';'))
    assert.equal(lines.length, 4)
    assert.deepEqual([a[0], a[1], a[3], a[4], a[6], a[7]], [String(ids.a), 'Maria da Silva', 'Bloco A · 101', 'Carla Corretora', 'Recusado', today])
    assert.match(a[8], /^\d{2}\/\d{2}\/\d{4}$/)
    // João refused after the Simulador local's clock moved 3 days on.
    const refusedDay = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', dateStyle: 'short' }).format(
      new Date(Date.now() + 3 * 24 * 3600 * 1000),
    )
    assert.deepEqual([a[12], a[13], a[14]], ['João da Silva', 'Valor da parcela diferente do combinado', refusedDay])
    assert.deepEqual([b[0], b[1], b[4], b[6], b[7], b[9], b[10]], [String(ids.b), 'Pedro Alves', '', 'Prazo vencido', today, '', ''])

    // Each row opens its reservation.
    await refusal.getByTestId('board-reservation-link').click()
    await page.waitForURL(`**/#/reservations/${ids.a}`)
    await page.getByTestId('contracts-panel').waitFor()
    assert.equal(await board.count(), 0)
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('board-failure').catch(() => {})
    console.error(app.logs().slice(-4000))
    throw e
  } finally {
    await app.stop()
  }
})
