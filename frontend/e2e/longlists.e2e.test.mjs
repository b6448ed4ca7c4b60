import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { launch } from './harness.mjs'

// Reservas, Leads and the Painel's "Aguardando assinatura" with 10,000 rows
// each, in the real dev binary: each list opens with its count, scrolls a
// screenful at a time (Reservas and Leads fill their rows from Go as they
// come into view), reaches its last row, and never holds more than a
// bounded number of rows in the page. The scroll steps are measured
// (frame after the step, time until the rows are filled, the browser's long
// tasks) and printed as `name: value` lines: figures, not timed assertions.

const N = 10_000
// A screenful at a time, as a rep paging down with the scroll bar or Page Down.
const STEPS = 30
const MAX_DOM_ROWS = 200

// The app is running (its schema is in place); 10,000 rows go straight into
// its selo.db in one transaction each, which takes a second where 10,000
// bound calls would take minutes. sqlite3 is a test dependency already
// (build/scripts/lib-window.sh checks the database with it).
function sql(dataDir, script) {
  execFileSync('sqlite3', ['-bail', join(dataDir, 'selo.db')], { input: `.timeout 20000\nBEGIN;\n${script}\nCOMMIT;\n`, stdio: ['pipe', 'pipe', 'pipe'] })
}
const numbers = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${N})`
// Row i was made i minutes after the first: the lists show the newest first.
const at = (col) => `strftime('%Y-%m-%dT%H:%M:%SZ', '2026-01-01', '+' || ${col} || ' minutes')`

async function seed(app) {
  // The development, stage and block through the bindings, as the manager's screens make them.
  const { devId, blockId } = await app.page.evaluate(async () => {
    const go = window.go.app
    const dev = await go.Developments.Save({ id: 0, name: 'Residencial Dez Mil', city: 'Campinas', state: 'SP' })
    const stage = await go.Developments.AddStage(dev.id, 'Etapa 1')
    const block = await go.Developments.AddBlock(stage, 'Bloco A')
    return { devId: dev.id, blockId: block }
  })
  const started = Date.now()
  sql(
    app.dataDir,
    `${numbers} INSERT INTO units (block_id, number, floor, price_cents, status)
       SELECT ${blockId}, printf('%05d', i), 1 + i / 100, 31000000, 'reserved' FROM n;
     ${numbers} INSERT INTO reservations (unit_id, development_id, price_cents, status, holder_name, holder_cpf, search_text, created_at, updated_at)
       SELECT u.id, ${devId}, 31000000, 'in_review', printf('Cliente %05d', n.i), '529.982.247-25',
              printf('cliente %05d 52998224725', n.i), ${at('n.i')}, ${at('n.i')}
       FROM n JOIN units u ON u.block_id = ${blockId} AND u.number = printf('%05d', n.i);
     ${numbers} INSERT INTO leads (id, stage, name, email, search_text, created_at, updated_at, last_event_at)
       SELECT printf('e2e-%05d', i), 'new', printf('Lead %05d', i), printf('lead%05d@example.com', i),
              printf('lead %05d lead%05d@example.com', i, i), ${at('i')}, ${at('i')}, ${at('i')} FROM n;`,
  )
  console.log(`longlists_seed_ms: ${Date.now() - started}`)
}

// Scrolls the table a screenful at a time, then to its very end, inside the
// page; returns what it measured and the last row reached.
// 10,000 envelopes "Em andamento", one per reservation, each missing its
// titular's signature, for the Painel. Their status is not 'running', so the
// status sync (which would ask a provider about them) leaves them alone;
// the Painel reads their state.
function seedEnvelopes(app) {
  sql(
    app.dataDir,
    `INSERT INTO send_operations (id, op_key, active, reservation_id, integration_id, name, status, step, created_at, updated_at)
       SELECT r.id, 'e2e-' || r.id, 0, r.id, 0, 'Contratos', 'sent', 'notified', r.created_at, r.created_at FROM reservations r;
     INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name, status, state, deadline_at, created_at, updated_at)
       SELECT printf('env-%05d', r.id), r.id, 0, r.id, 'doc', 'Contratos de ' || r.holder_name, 'seeded', 'em_andamento',
              strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+30 days'), r.created_at, r.created_at FROM reservations r;
     INSERT INTO envelope_signers (envelope_id, signer_id, position, person_key, name, group_no, state, state_at, updated_at)
       SELECT printf('env-%05d', r.id), 's1', 1, 'holder', r.holder_name, 1, 'pendente', r.created_at, r.created_at FROM reservations r;`,
  )
}

function scrollThrough(page, testId, steps) {
  return page.evaluate(
    async ({ testId, steps, maxWait }) => {
      const table = document.querySelector(`[data-testid="${testId}"]`)
      const list = table.querySelector('.v-vl')
      const rows = () => [...table.querySelectorAll('tbody tr[data-row-index]')]
      const filled = () => rows().length > 0 && !rows().some((r) => r.querySelector('.pending-row'))
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()))
      async function waitFilled() {
        const t0 = performance.now()
        while (!filled()) {
          if (performance.now() - t0 > maxWait) throw new Error(`rows of ${testId} still blank after ${maxWait} ms`)
          await frame()
        }
        return performance.now() - t0
      }
      const long = []
      const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => long.push(e.duration)))
      obs.observe({ type: 'longtask' })
      const frames = []
      const fills = []
      let maxRows = rows().length
      for (let k = 0; k < steps; k++) {
        const t0 = performance.now()
        list.scrollTop += list.clientHeight
        await frame()
        await frame()
        frames.push(performance.now() - t0)
        fills.push(await waitFilled())
        maxRows = Math.max(maxRows, rows().length)
      }
      // Dragged to the end of the scroll bar.
      const t0 = performance.now()
      list.scrollTop = list.scrollHeight
      await frame()
      await frame()
      frames.push(performance.now() - t0)
      const endFill = await waitFilled()
      // The virtual list may settle on its measured heights over a few frames.
      for (let k = 0; k < 5; k++) await frame()
      await waitFilled()
      maxRows = Math.max(maxRows, rows().length)
      obs.disconnect()
      const last = rows().reduce((a, b) => (Number(a.getAttribute('data-row-index')) > Number(b.getAttribute('data-row-index')) ? a : b))
      return {
        frames, fills, endFill, long, maxRows,
        domRows: rows().length,
        lastIndex: Number(last.getAttribute('data-row-index')),
        lastText: last.textContent,
      }
    },
    { testId, steps, maxWait: 20_000 },
  )
}

function report(name, m) {
  const sorted = (a) => [...a].sort((x, y) => x - y)
  const p = (a, q) => sorted(a)[Math.min(a.length - 1, Math.floor(q * a.length))] ?? 0
  const f = (v) => v.toFixed(0)
  console.log(`${name}_rows: ${N}`)
  console.log(`${name}_dom_rows_max: ${m.maxRows}`)
  console.log(`${name}_step_frame_ms_p50: ${f(p(m.frames, 0.5))}`)
  console.log(`${name}_step_frame_ms_max: ${f(Math.max(...m.frames))}`)
  if (m.fills) {
    // Rows come from Go as they scroll into view (the Painel has all its rows already).
    console.log(`${name}_step_filled_ms_p50: ${f(p(m.fills, 0.5))}`)
    console.log(`${name}_step_filled_ms_max: ${f(Math.max(...m.fills))}`)
    console.log(`${name}_end_filled_ms: ${f(m.endFill)}`)
  }
  console.log(`${name}_long_tasks: ${m.long.length}`)
  console.log(`${name}_long_task_ms_max: ${f(m.long.length ? Math.max(...m.long) : 0)}`)
}

test('Reservas and Leads with 10,000 rows each scroll to their last row with a bounded page', async () => {
  const app = await launch()
  const { page } = app
  try {
    await seed(app)

    // Reservas: newest first, so the first one made is the last row.
    await page.getByTestId('sidebar').getByText('Reservas', { exact: true }).click()
    await page.getByTestId('reservations-total').getByText('10.000 reservas').waitFor({ timeout: 30_000 })
    await page.getByTestId('reservations-table').getByText('Cliente 10000').waitFor()
    const r = await scrollThrough(page, 'reservations-table', STEPS)
    report('reservations', r)
    assert.equal(r.lastIndex, N - 1, 'the last row is reachable')
    assert.match(r.lastText, /Cliente 00001/)
    assert.ok(r.maxRows < MAX_DOM_ROWS, `the page held ${r.maxRows} rows of reservations`)
    assert.equal(await page.locator('[data-testid="reservations-table"] .n-pagination').count(), 0)
    await app.screenshot('longlists-reservations-end')

    // The last row opens with the keyboard, as any row does.
    await page.locator('[data-testid="reservations-table"] tbody tr[data-row-index="9999"]').focus()
    await page.keyboard.press('ArrowUp')
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-row-index')), '9998')

    // A search still works on the whole list, and says how many it found.
    await page.getByTestId('reservation-search').locator('input').fill('Cliente 00042')
    await page.getByTestId('reservations-total').getByText('1 reserva', { exact: true }).waitFor()
    await page.getByTestId('reservations-table').getByText('Cliente 00042').waitFor()

    // Leads: the most recent activity first, so the oldest lead is last.
    await page.getByTestId('sidebar').getByText('Leads', { exact: true }).click()
    await page.getByTestId('leads-total').getByText('10.000 leads').waitFor({ timeout: 30_000 })
    await page.getByTestId('lead-row-e2e-10000').waitFor()
    const l = await scrollThrough(page, 'leads-table', STEPS)
    report('leads', l)
    assert.equal(l.lastIndex, N - 1, 'the last lead is reachable')
    assert.match(l.lastText, /Lead 00001/)
    assert.ok(l.maxRows < MAX_DOM_ROWS, `the page held ${l.maxRows} rows of leads`)
    await page.getByTestId('lead-row-e2e-00001').click()
    await page.waitForURL(/#\/leads\/e2e-00001$/)
    await app.screenshot('longlists-leads-end')

    assert.deepEqual(app.pageErrors.map(String), [])
  } catch (e) {
    console.error(app.logs())
    throw e
  } finally {
    await app.stop()
  }
})

test('the Painel with 10,000 envelopes waiting scrolls its card to the last one with a bounded page', async () => {
  const app = await launch()
  const { page } = app
  try {
    await seed(app)
    seedEnvelopes(app)
    // The Painel opened at start, before the seed: away and back reads it again.
    await page.getByTestId('sidebar').getByText('Reservas', { exact: true }).click()
    await page.getByTestId('reservations-total').waitFor()
    await page.getByTestId('sidebar').getByText('Painel', { exact: true }).click()
    await page.getByTestId('board-count-em_andamento').and(page.locator('[data-count="10000"]')).waitFor({ timeout: 30_000 })
    // Longest waiting first: the first reservation made opens the list.
    await page.locator('[data-testid="board-waiting-row"][data-reservation]').first().waitFor()
    const m = await page.evaluate(async ({ steps }) => {
      const table = document.querySelector('[data-testid="board-waiting"]')
      const list = table.querySelector('.v-vl')
      const rows = () => [...table.querySelectorAll('[data-testid="board-waiting-row"]')]
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()))
      const long = []
      const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => long.push(e.duration)))
      obs.observe({ type: 'longtask' })
      const frames = []
      let maxRows = rows().length
      for (let k = 0; k < steps; k++) {
        const t0 = performance.now()
        list.scrollTop += list.clientHeight
        await frame()
        await frame()
        frames.push(performance.now() - t0)
        maxRows = Math.max(maxRows, rows().length)
      }
      const t0 = performance.now()
      list.scrollTop = list.scrollHeight
      await frame()
      await frame()
      frames.push(performance.now() - t0)
      // Rows of measured heights may move the end a little: follow it.
      for (let k = 0; k < 10; k++) {
        list.scrollTop = list.scrollHeight
        await frame()
      }
      maxRows = Math.max(maxRows, rows().length)
      obs.disconnect()
      const last = rows().at(-1)
      return { frames, long, maxRows, lastText: last?.textContent ?? '', lastReservation: last?.getAttribute('data-reservation') }
    }, { steps: STEPS })
    report('board_waiting', m)
    assert.match(m.lastText, /Cliente 10000/, 'the last envelope is reachable')
    assert.ok(m.maxRows < MAX_DOM_ROWS, `the page held ${m.maxRows} rows of the Painel`)
    await page.getByTestId('board-waiting').scrollIntoViewIfNeeded()
    await app.screenshot('longlists-board-end')
    assert.deepEqual(app.pageErrors.map(String), [])
  } catch (e) {
    console.error(app.logs().slice(-4000))
    throw e
  } finally {
    await app.stop()
  }
})
