// Set-up shared by the journeys that send: what the manager's screens make
// (tested in their own specs) is made here through the real Go bindings.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..', '..')

/** backend/pdfs/testdata/contract.pdf as base64: a template with form fields and signature marks. */
export const contractPdf = readFileSync(join(root, 'backend', 'pdfs', 'testdata', 'contract.pdf')).toString('base64')

/**
 * A Simulador local key "Treinamento"; a development with one stage and
 * block, integrated with that key; the template "Promessa de compra e venda"
 * associated with the whole development with the given signer rules
 * ({signerType, ...fields}: e-mail channels, order 1, ordinary signature
 * unless given). Returns { developmentId, unitIds }.
 */
export async function seedIntegratedDevelopment(page, { name, floors = 1, unitsPerFloor = 2, area = '', price = '300.000', rules }) {
  return page.evaluate(
    async ({ b64, name, floors, unitsPerFloor, area, price, rules }) => {
      const go = window.go.app
      const key = await go.Integrations.Save({ id: 0, description: 'Treinamento', environment: 'simulator', token: '', deadlineDays: '' })
      const dev = await go.Developments.Save({ id: 0, name, city: 'Campinas', state: 'SP' })
      const stage = await go.Developments.AddStage(dev.id, 'Etapa 1')
      const block = await go.Developments.AddBlock(stage, 'Bloco A')
      await go.Developments.CreateUnits({ blockId: block, floorFrom: '1', floorTo: String(floors), unitsPerFloor: String(unitsPerFloor), area, price })
      await go.Developments.SaveSettings({ id: dev.id, integrated: true, integrationId: key.id })
      const full = await go.Developments.Get(dev.id)
      const tpl = await go.Templates.Upload('Promessa de compra e venda', 'contract.pdf', b64)
      const assoc = await go.Legal.Associate(dev.id, tpl.id, 'development', [])
      await go.Legal.SaveRules(
        assoc.id,
        0, // version: a seed saves without reading first
        rules.map((r) => ({
          sendOrder: 1, name: '', email: '', phone: '', cpf: '', evidence: 'none', signatureKind: 'signature',
          delivery: 'email', reminder: 'email', auth: 'email', ...r,
        })),
      )
      return { developmentId: dev.id, unitIds: full.stages[0].blocks[0].units.map((u) => u.id) }
    },
    { b64: contractPdf, name, floors, unitsPerFloor, area, price, rules },
  )
}

/**
 * A reservation of unitId for holder (default Maria da Silva) with a spouse
 * (default João da Silva), both reachable by e-mail; returns its id.
 */
export async function seedReservation(page, { unitId, brokerId = 0, price = '310.000,00', holder = {}, spouse = {} }) {
  return page.evaluate(
    async ({ unitId, brokerId, price, holder, spouse }) => {
      const person = { cpf: '', phone1: '', phone2: '', birthDate: '', address: '' }
      const r = await window.go.app.Reservations.Save({
        id: 0, unitId, brokerId, price, status: 'in_review',
        holder: { ...person, name: 'Maria da Silva', cpf: '529.982.247-25', email: 'maria@example.com', phone1: '(11) 98765-4321', address: 'Rua das Flores, 10', ...holder },
        associates: [{ kind: 'spouse', ...person, name: 'João da Silva', email: 'joao@example.com', phone1: '(21) 98888-7777', ...spouse }],
      })
      return r.id
    },
    { unitId, brokerId, price, holder, spouse },
  )
}

/**
 * On the reservation's screen: "Gerar contratos", tick the first contract,
 * send it and close the progress once done; returns the contracts panel
 * with its envelope "Em andamento".
 */
export async function sendFromReservation(app, reservationId) {
  const { page } = app
  await page.goto(`${app.url}/#/reservations/${reservationId}`)
  const panel = page.getByTestId('contracts-panel')
  await panel.getByTestId('contracts-generate').click()
  // The generated row, not a sent one still shown from a page before.
  const row = panel.locator('[data-testid="contract-row"][data-state="generated"]').first()
  await row.getByTestId('contract-name').getByText('Promessa de compra e venda').waitFor()
  await row.getByTestId('contract-pick').click()
  await panel.getByTestId('contracts-send').click()
  await page.getByTestId('send-progress').getByTestId('send-done').waitFor({ timeout: 30_000 })
  await page.getByTestId('send-close').click()
  await panel.locator('[data-testid="send-envelope"][data-state="em_andamento"]').waitFor()
  return panel
}
