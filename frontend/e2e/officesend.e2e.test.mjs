// Two PCs of one office on one PostgreSQL, each a real dev binary with its
// own data folder, keyring and Simulador local: what a rep does on PC A
// reaches the manager's Painel on PC B by itself, and the same reservation
// sent from both PCs at the same moment makes exactly one envelope.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createDatabase, launch, postgresDSN, psql, until } from './harness.mjs'
import { seedIntegratedDevelopment, seedReservation, sendFromReservation } from './seed.mjs'

const skip = !postgresDSN && 'needs SELO_TEST_POSTGRES'
const rules = [{ signerType: 'holder' }, { signerType: 'spouse' }]

async function twoPCs(prefix) {
  const db = createDatabase(prefix)
  const a = await launch({ office: db })
  await a.page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
  const b = await launch({ office: db })
  await b.page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
  return { db, a, b }
}

async function stopAll({ db, a, b }) {
  await b?.stop()
  await a?.stop()
  db?.drop()
}

test('a rep sends on PC A; the manager’s Painel open on PC B shows it without a click', { skip }, async () => {
  const pcs = await twoPCs('selo_painel')
  const { db, a, b } = pcs
  try {
    // B: the manager's Painel, open before anything exists.
    await b.page.goto(`${b.url}/#/dashboard`)
    await b.page.getByTestId('empty-dashboard').waitFor()
    // A mark that a reload of B's page would wipe.
    await b.page.evaluate(() => { window.__sameLoad = true })

    // A: the rep's development, reservation and send, through A's screens.
    const seeded = await seedIntegratedDevelopment(a.page, { name: 'Residencial Dois Escritórios', rules })
    const rid = await seedReservation(a.page, { unitId: seeded.unitIds[0] })
    await sendFromReservation(a, rid)
    const sentAt = Date.now()

    // B never reloads: the row arrives through the office's change feed.
    const row = b.page.locator(`[data-testid="board-waiting-row"][data-reservation="${rid}"]`)
    await row.waitFor({ timeout: 10_000 })
    const seenAfter = Date.now() - sentAt
    console.log(`painel on B showed A's send ${seenAfter} ms after A's send finished`)
    assert.equal(await b.page.evaluate(() => window.__sameLoad), true, 'B was not reloaded')
    const text = await row.textContent()
    assert.ok(text.includes('Maria da Silva') && text.includes('Residencial Dois Escritórios'), text)
    assert.equal(Number(await b.page.getByTestId('board-count-total').getAttribute('data-count')), 1)
    assert.equal(psql(`SELECT count(*) FROM envelopes WHERE reservation_id = ${rid}`, { database: db.database }), '1')
    assert.deepEqual([...a.pageErrors, ...b.pageErrors], [])
  } finally {
    await stopAll(pcs)
  }
})

test('the same reservation sent from PC A and PC B at the same moment makes exactly one envelope', { skip }, async () => {
  const pcs = await twoPCs('selo_twice')
  const { db, a, b } = pcs
  try {
    const seeded = await seedIntegratedDevelopment(a.page, { name: 'Residencial Envio Duplo', rules })
    const rid = await seedReservation(a.page, { unitId: seeded.unitIds[0] })
    // One office token, pasted on each PC (the database keeps only its
    // fingerprint): A replaces the Simulador's generated token with it, B
    // pastes it as a second PC's user would.
    const token = `sim_${'e2e0'.repeat(10)}`
    for (const pc of [a, b]) {
      await pc.page.evaluate(async (tok) => {
        const go = window.go.app
        const [key] = await go.Integrations.List()
        await go.Integrations.Save({ id: key.id, description: key.description, environment: key.environment, token: tok, deadlineDays: '' })
      }, token)
    }
    await a.page.evaluate((r) => window.go.app.Contracts.Generate(r), rid)

    // Both PCs on the reservation, the contract ticked, then "Enviar" on
    // both at once.
    const panels = []
    for (const pc of [a, b]) {
      await pc.page.goto(`${pc.url}/#/reservations/${rid}`)
      const panel = pc.page.getByTestId('contracts-panel')
      const row = panel.getByTestId('contract-row').first()
      await row.getByTestId('contract-name').getByText('Promessa de compra e venda').waitFor()
      await row.getByTestId('contract-pick').click()
      panels.push(panel)
    }
    await Promise.all(panels.map((p) => p.getByTestId('contracts-send').click()))

    // Whichever PC won, the envelope ends up "Em andamento" on both screens.
    for (const pc of [a, b]) {
      await pc.page.locator('[data-testid="send-envelope"][data-state="em_andamento"]').waitFor({ timeout: 30_000 })
    }
    assert.equal(psql(`SELECT count(*) FROM envelopes WHERE reservation_id = ${rid}`, { database: db.database }), '1')
    assert.equal(psql(`SELECT count(*) FROM send_operations WHERE envelope_id IS NOT NULL`, { database: db.database }), '1')
    // And only one of the two Simuladores received an envelope.
    const created = []
    for (const pc of [a, b]) created.push(await pc.page.evaluate(async () => ((await window.go.app.Simulator.Envelopes()) ?? []).length))
    assert.equal(created[0] + created[1], 1, `envelopes at the Simuladores of A and B: ${created.join(', ')}`)
  } finally {
    await stopAll(pcs)
  }
})

// The PostgreSQL session lock of status sync (backend/sqlstore/lease.go,
// syncLeaseLock = 0x5e10_0003): as a bigint advisory lock it shows in
// pg_locks with classid 0 and objid 0x5e100003.
function syncHolder(database) {
  return psql(
    `SELECT coalesce(min(l.pid), 0) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = ${0x5e100003} AND d.datname = '${database}'`,
    { database },
  )
}

test('status sync runs on one PC at a time; when that PC dies, the other takes over within 60 s', { skip }, async () => {
  const db = createDatabase('selo_lease')
  const pcs = { db }
  try {
    // A alone takes the lease; B, started after, waits for it.
    const a = (pcs.a = await launch({ office: db }))
    const first = await until('PC A holds the sync lease', () => Number(syncHolder(db.database)) || 0, 30_000)
    pcs.b = await launch({ office: db })
    await pcs.b.page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
    await new Promise((r) => setTimeout(r, 2000))
    assert.equal(Number(syncHolder(db.database)), first, 'B does not take the lease while A holds it')
    const holders = psql(
      `SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = ${0x5e100003} AND d.datname = '${db.database}'`,
      { database: db.database },
    )
    assert.equal(holders, '1', 'one PC at a time')

    // A dies without a word (SIGKILL): its session ends, and B takes over.
    const killedAt = Date.now()
    await a.kill()
    const next = await until(
      'another PC took over the sync lease',
      () => {
        const pid = Number(syncHolder(db.database))
        return pid && pid !== first ? pid : 0
      },
      60_000,
    )
    console.log(`sync lease: session ${first} (PC A, killed) → session ${next} (PC B) after ${Date.now() - killedAt} ms`)
    assert.notEqual(next, first)
  } finally {
    await stopAll(pcs)
  }
})

/** Answers the start-up "Quem está usando este computador?" on pc with name. */
async function choose(pc, name) {
  const picker = pc.page.getByTestId('who-picker')
  const question = picker.getByText('Quem está usando este computador?')
  // It asks at start-up when the users already exist, else at the next
  // screen change.
  if (!(await question.waitFor({ timeout: 5_000 }).then(() => true, () => false))) {
    await pc.page.getByTestId('sidebar').getByText('Reservas', { exact: true }).click()
    await question.waitFor({ timeout: 15_000 })
  }
  await picker.getByText(name).click()
  await pc.page.getByTestId('who-confirm').click()
  await pc.page.getByTestId('who-current').getByText(`Usando: ${name}`).waitFor()
}

test('two PCs edit the same reservation: the second save is refused naming who changed it and when, and nothing is overwritten', { skip }, async () => {
  const db = createDatabase('selo_conflict')
  const now = new Date().toISOString()
  const pcs = { db }
  try {
    const a = (pcs.a = await launch({ office: db }))
    await a.page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
    psql(`INSERT INTO admin_users (name, email, role, active, created_at, updated_at) VALUES
      ('Ana Gestora', 'ana@imob.com.br', 'gestor', 1, '${now}', '${now}'),
      ('Bruno Corretor', 'bruno@imob.com.br', 'corretor', 1, '${now}', '${now}')`, { database: db.database })
    const b = (pcs.b = await launch({ office: db }))
    await b.page.getByTestId('sidebar').waitFor({ timeout: 20_000 })
    await choose(a, 'Ana Gestora')
    await choose(b, 'Bruno Corretor')

    const seeded = await seedIntegratedDevelopment(a.page, { name: 'Residencial Conflito', rules })
    const rid = await seedReservation(a.page, { unitId: seeded.unitIds[0] })

    // Both open the form on the same version.
    for (const pc of [a, b]) {
      await pc.page.goto(`${pc.url}/#/reservations/${rid}`)
      await pc.page.getByTestId('reservation-edit').click()
    }
    await a.page.getByTestId('holder-name').locator('input').fill('Maria da Silva Andrade')
    await b.page.getByTestId('holder-name').locator('input').fill('Maria da Silva Barros')
    await a.page.getByTestId('reservation-save').click()
    await a.page.getByTestId('reservation-form').waitFor({ state: 'detached' })

    await b.page.getByTestId('reservation-save').click()
    const refusal = b.page.getByTestId('reservation-form').getByText(/Ana Gestora alterou este registro às \d\d:\d\d de \d\d\/\d\d\./)
    await refusal.waitFor({ timeout: 10_000 })
    assert.equal(await b.page.getByTestId('holder-name').locator('input').inputValue(), 'Maria da Silva Barros', 'B keeps what was typed')
    assert.equal(
      psql(`SELECT holder_name || '/' || version || '/' || updated_by_name FROM reservations WHERE id = ${rid}`, { database: db.database }),
      'Maria da Silva Andrade/2/Ana Gestora',
      'A’s save stands; nothing of B’s is written',
    )
  } finally {
    await stopAll(pcs)
  }
})
