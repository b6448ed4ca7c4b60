// Accessibility on every screen (issue #18, items 3 and 4): axe-core runs on
// each screen, drawer and main dialog of the real app, once in the light and
// once in the dark theme chosen where the user chooses it (Tema, in the
// sidebar); no serious or critical violation may remain. Each screen is
// saved under frontend/e2e-artifacts/a11y-<theme>-<screen>.png, and the dark
// ones must really be dark.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { freePort, launch } from './harness.mjs'
import { seriousViolations } from './axe.mjs'

/** Mean relative luminance (0 black … 1 white) of a PNG, decoded by the browser. */
async function meanLuminance(context, file) {
  const probe = await context.newPage()
  try {
    return await probe.evaluate(async (b64) => {
      const img = new Image()
      img.src = `data:image/png;base64,${b64}`
      await img.decode()
      const c = document.createElement('canvas')
      c.width = img.width
      c.height = img.height
      const g = c.getContext('2d')
      g.drawImage(img, 0, 0)
      const d = g.getImageData(0, 0, c.width, c.height).data
      const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
      let sum = 0
      for (let i = 0; i < d.length; i += 4) sum += 0.2126 * lin(d[i]) + 0.7152 * lin(d[i + 1]) + 0.0722 * lin(d[i + 2])
      return sum / (d.length / 4)
    }, readFileSync(file).toString('base64'))
  } finally {
    await probe.close()
  }
}

/**
 * Everything the screens need, made once: the dados de exemplo (key,
 * development, templates, reservations), contracts generated for one
 * reservation, and a lead from JivoChat's test event.
 */
async function seed(page) {
  const port = await freePort()
  return page.evaluate(async (port) => {
    const go = window.go.app
    await go.FirstRun.LoadSample()
    const reservations = await go.Reservations.List({ search: '', developmentId: 0, status: '', brokerId: 0, limit: 50, offset: 0 })
    const rid = reservations.items[0].id
    await go.Contracts.Generate(rid)
    const developmentId = (await go.Developments.List(false))[0].id
    const gestor = await go.Users.Save({ id: 0, name: 'Ana Gestora', email: 'ana@imobiliaria.com.br', role: 'gestor', version: 0 })
    const token = await go.Users.GenerateToken(gestor.id, 'JivoChat do site')
    await go.Leads.ConfigureJivoChat({ userId: gestor.id, tokenId: token.token.id, publicBaseUrl: 'https://crm.imobiliaria.example', listenHost: '127.0.0.1', listenPort: port })
    await go.Leads.SendTestEvent()
    const leads = await go.Leads.List({ search: '', stage: '', origin: '', withoutContact: false, limit: 10, offset: 0 })
    return { rid, developmentId, leadId: leads.items[0].id }
  }, port)
}

const tab = (page, name) => page.locator('.n-tabs-tab', { hasText: name }).first().click()

/** The screens, drawers and dialogs, each opened as a user would and waited for. */
function screens(app, ids) {
  const { page } = app
  const go = async (hash, testId) => {
    await page.goto(`${app.url}/#${hash}`)
    await page.getByTestId(testId).first().waitFor()
  }
  return [
    ['painel', async () => {
      await go('/dashboard', 'start-guide')
      // The board comes after its first answer (its filters and tables with it).
      await page.locator('[data-testid="board-counts"], [data-testid="empty-dashboard"]').first().waitFor()
    }],
    ['reservas', async () => {
      await go('/reservations', 'reservations-table')
      await page.getByTestId('reservations-table').getByText('(exemplo)').first().waitFor()
    }],
    ['reserva', async () => {
      await go(`/reservations/${ids.rid}`, 'contracts-panel')
      await page.getByTestId('contract-row').first().waitFor()
    }],
    ['nova-reserva', () => go('/reservations/new', 'reservation-form')],
    ['empreendimentos', async () => {
      await go('/developments', 'developments-table')
      await page.getByTestId('developments-table').getByText('(exemplo)').first().waitFor()
    }],
    ['empreendimentos-novo', async () => {
      await page.getByTestId('development-add').click()
      await page.getByTestId('development-form').waitFor()
    }],
    ['empreendimento-estrutura', () => go(`/developments/${ids.developmentId}`, 'development-edit')],
    ['empreendimento-lote', async () => {
      await page.getByTestId('bulk-open').first().click()
      await page.getByTestId('bulk-form').waitFor()
    }],
    ['empreendimento-configuracoes', async () => {
      await page.keyboard.press('Escape')
      await page.getByTestId('bulk-form').waitFor({ state: 'hidden' })
      await tab(page, 'Configurações')
      await page.locator('.n-tab-pane').first().waitFor()
    }],
    ['empreendimento-juridico', async () => {
      await tab(page, 'Jurídico')
      await page.getByText('Promessa de compra e venda (exemplo)').first().waitFor()
    }],
    ['contratos', async () => {
      await go('/contracts', 'templates-table')
      await page.getByTestId('templates-table').getByText('(exemplo)').first().waitFor()
    }],
    ['contratos-modelo', async () => {
      await page.getByTestId('templates-table').getByRole('button', { name: 'Abrir' }).first().click()
      await page.getByTestId('template-summary').waitFor()
    }],
    ['contratos-novo', async () => {
      await page.keyboard.press('Escape')
      await page.getByTestId('template-detail').waitFor({ state: 'hidden' })
      await page.getByTestId('template-add').click()
      await page.getByTestId('template-save').waitFor()
    }],
    ['leads', async () => {
      await go('/leads', 'leads-table')
      await page.getByTestId('leads-total').waitFor()
    }],
    ['lead', () => go(`/leads/${ids.leadId}`, 'lead-page')],
    ['integracoes-clicksign', async () => {
      await go('/settings/integrations', 'key-add')
      await page.getByText('Simulador local (exemplo)').first().waitFor()
    }],
    ['integracoes-chave', async () => {
      await page.getByTestId('key-add').click()
      await page.getByTestId('key-save').waitFor()
    }],
    ['integracoes-docusign', async () => {
      await page.keyboard.press('Escape')
      await page.getByTestId('key-save').waitFor({ state: 'hidden' })
      await tab(page, 'DocuSign')
      await page.locator('.n-tab-pane').first().waitFor()
    }],
    ['integracoes-jivochat', async () => {
      await tab(page, 'JivoChat')
      await page.getByTestId('jivochat-gestor').waitFor()
    }],
    ['usuarios', async () => {
      await go('/settings/users', 'users-table')
      await page.getByTestId('users-table').getByText('Ana Gestora').waitFor()
    }],
    ['usuarios-novo', async () => {
      await page.getByTestId('user-add').click()
      await page.getByTestId('user-form').waitFor()
    }],
    ['usuarios-tokens', async () => {
      await page.keyboard.press('Escape')
      await page.getByTestId('user-form').waitFor({ state: 'hidden' })
      await page.getByTestId('users-table').locator('tr', { hasText: 'Ana Gestora' }).getByRole('button', { name: 'Tokens' }).click()
      await page.getByTestId('user-tokens').getByText('JivoChat do site').first().waitFor()
    }],
    ['pessoas', () => go('/people', 'people-form')],
    ['pessoas-resultado', async () => {
      const r = await page.evaluate((id) => window.go.app.Reservations.Get(id), ids.rid)
      await page.getByTestId('people-key').locator('input').fill(r.holder.cpf)
      await page.getByTestId('people-search').click()
      await page.getByTestId('people-report').waitFor()
    }],
    ['pessoas-confirmar', async () => {
      await page.getByTestId('people-anonymise').click()
      await page.getByTestId('people-confirm').waitFor()
    }],
    ['escritorio', async () => {
      await page.keyboard.press('Escape')
      await page.getByTestId('people-confirm').waitFor({ state: 'hidden' })
      await go('/settings/office', 'office-form')
    }],
    ['sobre', () => go('/about', 'about-version')],
  ]
}

/** Picks a theme in the sidebar's Tema select, as a user does. */
async function pickTheme(page, label) {
  await page.getByTestId('theme-select').selectOption({ label })
}

test('every screen, drawer and main dialog passes axe in the light and the dark theme, and the dark one is dark', async () => {
  const app = await launch()
  const { page } = app
  try {
    await page.getByTestId('start-guide').waitFor()
    const ids = await seed(page)
    const found = []
    const luminance = {}
    for (const [theme, label] of [['light', 'Claro'], ['dark', 'Escuro']]) {
      await page.goto(`${app.url}/#/dashboard`)
      await pickTheme(page, label)
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme)
      for (const [name, open] of screens(app, ids)) {
        await open()
        found.push(...(await seriousViolations(page, `${theme} ${name}`)))
        const shot = await app.screenshot(`a11y-${theme}-${name}`)
        luminance[`${theme} ${name}`] = await meanLuminance(page.context(), shot)
      }
    }
    // Chosen once, the theme stays on this PC.
    await page.reload()
    await page.getByTestId('sidebar').waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the dark theme survives a restart of the page')

    console.log(Object.entries(luminance).map(([k, v]) => `${k}: ${v.toFixed(3)}`).join('\n'))
    assert.deepEqual(found, [], `axe found serious or critical violations:\n${found.join('\n')}`)
    // A modal's dimmed backdrop darkens the light screens too, hence the
    // wide margin between the two bounds.
    for (const [k, v] of Object.entries(luminance)) {
      if (k.startsWith('dark ')) assert.ok(v < 0.12, `${k} is dark (mean luminance ${v.toFixed(3)})`)
      else assert.ok(v > 0.35, `${k} is light (mean luminance ${v.toFixed(3)})`)
    }
    assert.deepEqual(app.pageErrors, [])
  } catch (e) {
    await app.screenshot('a11y-failure').catch(() => {})
    console.error(app.logs().slice(-3000))
    throw e
  } finally {
    await app.stop()
  }
})
