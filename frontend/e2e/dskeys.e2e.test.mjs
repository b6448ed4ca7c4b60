import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'

// Integrações → DocuSign through the real bindings and database (migration
// 0023): a Simulador local key needs no sign-in and tests at once; a Demo
// key is saved without any token and waits for "Entrar com a DocuSign"; a
// bad expiry is refused on its field; the Clicksign tab stays Clicksign's.
// (The sign-in itself opens the system browser, which this harness has no
// way to drive; backend/integrations tests it against a fake account server.)
test('a manager adds DocuSign keys: Simulador local ready at once, Demo waiting for the sign-in', async () => {
  const app = await launch()
  const { page } = app
  try {
    await page.getByTestId('sidebar').getByText('Integrações', { exact: true }).click()
    await page.locator('.n-tabs-tab', { hasText: 'DocuSign (assinatura eletrônica)' }).click()
    await page.getByTestId('ds-empty').waitFor()

    const add = async (description, env, deadline = '') => {
      await page.getByTestId('ds-add').click()
      const form = page.getByTestId('ds-form')
      await form.waitFor()
      assert.equal(await form.locator('input[type="password"]').count(), 0, 'no token is typed for DocuSign')
      await form.getByTestId('ds-description').locator('input').fill(description)
      await form.getByTestId(`ds-env-${env}`).click()
      await form.getByTestId('ds-deadline').locator('input').fill(deadline)
      await form.getByTestId('ds-save').click()
      return form
    }

    const sim = await add('Treino DocuSign', 'simulator')
    await sim.waitFor({ state: 'hidden' })
    const simRow = page.getByTestId('ds-table').locator('tr', { hasText: 'Treino DocuSign' })
    await simRow.getByText('Não precisa entrar').waitFor()
    await simRow.getByText('15 dias (padrão)').waitFor()
    assert.equal(await simRow.getByRole('button', { name: 'Entrar com a DocuSign' }).count(), 0)
    await simRow.getByRole('button', { name: 'Testar conexão' }).click()
    await page.getByTestId('ds-result').getByText('O Simulador local da DocuSign está respondendo.').waitFor()

    const bad = await add('DocuSign matriz', 'sandbox', '91')
    await bad.getByText('Informe um número de 1 a 90.').waitFor()
    await bad.getByTestId('ds-deadline').locator('input').fill('30')
    await bad.getByTestId('ds-save').click()
    await bad.waitFor({ state: 'hidden' })
    await page.getByText('Chave gravada. Agora clique em “Entrar com a DocuSign”.').waitFor()
    const demoRow = page.getByTestId('ds-table').locator('tr', { hasText: 'DocuSign matriz' })
    await demoRow.getByText('Demo').waitFor()
    await demoRow.getByText('Nenhuma conta escolhida').waitFor()
    await demoRow.getByText('Não conectado').waitFor()
    await demoRow.getByText('30 dias').waitFor()
    await demoRow.getByRole('button', { name: 'Entrar com a DocuSign' }).waitFor()

    // Not signed in here: Testar conexão asks for the sign-in.
    await demoRow.getByRole('button', { name: 'Testar conexão' }).click()
    await page.getByTestId('ds-result').getByText('A DocuSign não aceita mais o acesso desta chave neste computador').waitFor()
    await page.getByTestId('ds-relogin').getByText('Entrar de novo').waitFor()

    await app.screenshot('integracoes-docusign')
    await page.locator('.n-tabs-tab', { hasText: 'Clicksign (assinatura eletrônica)' }).click()
    await page.getByTestId('keys-empty').waitFor()
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})
