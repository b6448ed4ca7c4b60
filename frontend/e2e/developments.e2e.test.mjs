import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './harness.mjs'

test('a manager sets up a development with 48 units in one form and ties it to a key that then cannot be deleted', async () => {
  const app = await launch()
  const { page } = app
  const nav = (label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()
  try {
    // A Simulador key to choose later.
    await nav('Integrações')
    await page.getByTestId('key-add').click()
    const kf = page.getByTestId('key-form')
    await kf.getByTestId('key-description').locator('input').fill('Chave Clicksign')
    await kf.getByTestId('env-simulator').click()
    await kf.getByTestId('key-save').click()
    await kf.waitFor({ state: 'hidden' })

    await nav('Empreendimentos')
    await page.getByTestId('empty-developments').waitFor()
    await page.getByTestId('development-add').click()
    const df = page.getByTestId('development-form')
    await df.getByTestId('development-name').locator('input').fill('Residencial Jardim das Acácias')
    await df.getByTestId('development-city').locator('input').fill('Campinas')
    await df.getByTestId('development-state').locator('input').fill('XX')
    await df.getByTestId('development-save').click()
    await df.getByText('Informe a sigla de um estado brasileiro').waitFor()
    await df.getByTestId('development-state').locator('input').fill('SP')
    await df.getByTestId('development-save').click()

    // Structure: stage, block, 48 units from one form.
    await page.getByTestId('stage-name').locator('input').fill('Etapa 1')
    await page.getByTestId('stage-add').click()
    await page.getByTestId('block-name').locator('input').fill('Bloco A')
    await page.getByTestId('block-add').click()
    await page.getByTestId('bulk-open').click()
    const bf = page.getByTestId('bulk-form')
    await bf.getByTestId('bulk-floor-from').locator('input').fill('1')
    await bf.getByTestId('bulk-floor-to').locator('input').fill('12')
    await bf.getByTestId('bulk-per-floor').locator('input').fill('4')
    await bf.getByTestId('bulk-area').locator('input').fill('65,40')
    await bf.getByTestId('bulk-price').locator('input').fill('450.000,00')
    await bf.getByTestId('bulk-preview').getByText('Serão criadas 48 unidades, numeradas de 101 a 1204.').waitFor()
    await bf.getByTestId('bulk-save').click()
    await bf.waitFor({ state: 'hidden' })
    await page.getByText('Bloco A · 48 unidades').waitFor()
    const units = page.getByTestId('units-Bloco A')
    await units.getByText(/R\$\s450\.000,00/).first().waitFor()
    await units.getByText('65,40 m²').first().waitFor()

    // Overlapping units are refused, naming them, and nothing is added.
    await page.getByTestId('bulk-open').click()
    await bf.getByTestId('bulk-floor-from').locator('input').fill('12')
    await bf.getByTestId('bulk-floor-to').locator('input').fill('13')
    await bf.getByTestId('bulk-save').click()
    await bf.getByText('Já existem as unidades 1201, 1202, 1203, 1204 neste bloco').waitFor()
    await page.keyboard.press('Escape')
    await page.getByText('Bloco A · 48 unidades').waitFor()

    // Integrado API needs a key.
    await page.locator('.n-tabs-tab', { hasText: 'Configurações' }).click()
    await page.getByTestId('settings-integrated').click()
    await page.getByTestId('settings-save').click()
    await page.getByText('Para ativar “Integrado API”, escolha a chave').waitFor()
    await page.getByTestId('settings-key').click()
    await page.getByText('Chave Clicksign — Clicksign · Simulador local').click()
    await page.getByTestId('settings-save').click()
    await page.getByText('Configurações gravadas.').waitFor()

    // The list shows it integrated with its key and its units.
    await nav('Empreendimentos')
    const row = page.getByTestId('developments-table').locator('tr', { hasText: 'Residencial Jardim das Acácias' })
    await row.getByText('Integrado API · Chave Clicksign').waitFor()
    await row.getByText('48 unidades · 48 disponíveis').waitFor()

    // The key in use cannot be deleted; the message names the development.
    await nav('Integrações')
    const keyRow = page.getByTestId('keys-table').locator('tr', { hasText: 'Chave Clicksign' })
    await keyRow.getByText('Residencial Jardim das Acácias').waitFor()
    await keyRow.getByRole('button', { name: 'Excluir' }).click()
    await page.getByRole('button', { name: 'Excluir' }).last().click()
    await page.getByText('Não é possível excluir: está em uso por Residencial Jardim das Acácias.').waitFor()
    await keyRow.waitFor()
    assert.deepEqual(app.pageErrors, [])
    await app.screenshot('empreendimentos')
  } finally {
    await app.stop()
  }
})
