import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { launch } from './harness.mjs'

// Opens the key form, fills it and saves.
async function fillKey(page, { description, env, token = '', deadline = '' }) {
  await page.getByTestId('key-add').click()
  const form = page.getByTestId('key-form')
  await form.waitFor()
  await form.getByTestId('key-description').locator('input').fill(description)
  await form.getByTestId(`env-${env}`).click()
  await form.getByTestId('key-token').locator('input').fill(token)
  await form.getByTestId('key-deadline').locator('input').fill(deadline)
  await form.getByTestId('key-save').click()
  return form
}

test('a manager adds a Simulador key, tests it, edits it, and bad input is refused on its field', async () => {
  const app = await launch()
  const { page } = app
  try {
    await page.getByTestId('sidebar').getByText('Integrações', { exact: true }).click()
    await page.getByTestId('keys-empty').waitFor()

    // First key: the Clicksign prerequisites are listed.
    await page.getByTestId('key-add').click()
    await page.getByTestId('key-checklist').getByText('Access Token em mãos', { exact: false }).waitFor()
    await page.keyboard.press('Escape')

    const form = await fillKey(page, { description: 'Treinamento', env: 'simulator' })
    await form.waitFor({ state: 'hidden' })
    const row = page.getByTestId('keys-table').locator('tr', { hasText: 'Treinamento' })
    await row.getByText('Simulador local').waitFor()
    await row.getByText('15 dias (padrão)').waitFor()
    const masked = await row.locator('code').textContent()
    assert.match(masked, /^•+[0-9a-f]{4}$/, 'the token is shown masked, last four only')

    await row.getByRole('button', { name: 'Testar conexão' }).click()
    await page.getByTestId('key-test-result').getByText('Conectado ao Simulador local').waitFor()

    // Edit without retyping the token: the token stays the same.
    await row.getByRole('button', { name: 'Editar' }).click()
    const edit = page.getByTestId('key-form')
    await edit.getByText('Deixe em branco para manter a chave atual').waitFor()
    await edit.getByTestId('key-deadline').locator('input').fill('30')
    await edit.getByTestId('key-save').click()
    await edit.waitFor({ state: 'hidden' })
    await row.getByText('30 dias').waitFor()
    assert.equal(await row.locator('code').textContent(), masked)
    await row.getByRole('button', { name: 'Testar conexão' }).click()
    await page.getByTestId('key-test-result').getByText('Conectado ao Simulador local').waitFor()

    // Bad input: every problem on its field, nothing saved.
    const bad = await fillKey(page, { description: 'treinamento', env: 'sandbox', token: '   ', deadline: 'abc' })
    await bad.getByText('Já existe um registro com “treinamento”').waitFor()
    await bad.getByText('Informe só números.').waitFor()
    await bad.getByTestId('key-deadline').locator('input').fill('91')
    await bad.getByTestId('key-description').locator('input').fill('Chave Clicksign')
    await bad.getByTestId('key-save').click()
    await bad.getByText('Preencha este campo.').waitFor()
    await bad.getByText('Informe um número de 1 a 90.').waitFor()

    // A real sandbox token: saved, shown masked, and nowhere on disk but the keyring.
    const token = 'cs_e2e_Sandbox_Token_7Q2X'
    await bad.getByTestId('key-token').locator('input').fill(token)
    await bad.getByTestId('key-deadline').locator('input').fill('')
    await bad.getByTestId('key-save').click()
    await bad.waitFor({ state: 'hidden' })
    const sandboxRow = page.getByTestId('keys-table').locator('tr', { hasText: 'Chave Clicksign' })
    assert.equal(await sandboxRow.locator('code').textContent(), '••••••••7Q2X')
    assert.ok(!(await page.content()).includes(token), 'the token is not in the page after saving')
    for (const f of ['selo.db', 'selo.db-wal']) {
      const p = join(app.dataDir, f)
      if (existsSync(p)) assert.ok(!readFileSync(p).includes(token), `the token is not in ${f}`)
    }
    const logs = readFileSync(join(app.dataDir, 'logs', 'selo.log'), 'utf8')
    assert.ok(!logs.includes(token), 'the token is not in the log')
    assert.deepEqual(app.pageErrors, [])
    await app.screenshot('integracoes')
  } finally {
    await app.stop()
  }
})
