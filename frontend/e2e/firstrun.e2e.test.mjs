import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { bindingError, launch } from './harness.mjs'

const nav = (page, label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()

async function progress(page, text) {
  await page.getByTestId('guide-progress').getByText(text, { exact: true }).waitFor()
}

async function confirm(page) {
  await page.getByTestId('firstrun-confirm').click()
}

test('first run: the guide, the sample data loaded and removed exactly, and bad input refused', async () => {
  const app = await launch()
  const { page } = app
  try {
    // Empty data folder: the guide is on the Painel with nothing done.
    await page.getByTestId('start-guide').waitFor()
    await progress(page, '0 de 5 passos feitos')
    for (const k of ['key', 'development', 'contracts', 'reservation', 'send']) {
      assert.equal(await page.getByTestId(`guide-step-${k}`).getAttribute('data-done'), 'false', k)
    }
    await page.getByTestId('guide-step-key').getByText('Sandbox', { exact: false }).waitFor()
    await page.getByTestId('empty-dashboard').waitFor()

    // Carregar dados de exemplo: steps 1–4 tick themselves.
    await page.getByTestId('sample-load').click()
    await confirm(page)
    await page.getByText('Dados de exemplo carregados.').waitFor()
    await progress(page, '4 de 5 passos feitos')
    for (const k of ['key', 'development', 'contracts', 'reservation']) {
      assert.equal(await page.getByTestId(`guide-step-${k}`).getAttribute('data-done'), 'true', k)
    }
    assert.equal(await page.getByTestId('guide-step-send').getAttribute('data-done'), 'false')
    const templatesDir = join(app.dataDir, 'files', 'templates')
    assert.equal(readdirSync(templatesDir).filter((f) => f.endsWith('.pdf')).length, 2, 'two template PDFs stored')

    // The contracts step opens the sample development.
    await page.getByTestId('guide-go-contracts').click()
    await page.getByText('Residencial Jardim das Acácias (exemplo)').first().waitFor()
    await page.getByText('Jurídico', { exact: true }).click()
    await page.getByText('Promessa de compra e venda (exemplo)').first().waitFor()

    // The sample on its screens, marked (exemplo).
    await nav(page, 'Empreendimentos')
    await page.getByText('Residencial Jardim das Acácias (exemplo)').waitFor()
    await nav(page, 'Contratos')
    await page.getByText('Promessa de compra e venda (exemplo)').waitFor()
    await page.getByText('Anexo I — Memorial descritivo (exemplo)').waitFor()
    await nav(page, 'Reservas')
    for (const n of ['Mariana Alves Rocha (exemplo)', 'Carlos Eduardo Nunes (exemplo)', 'Juliana Pereira Santos (exemplo)']) {
      await page.getByText(n).first().waitFor()
    }
    await nav(page, 'Integrações')
    await page.getByText('Simulador local (exemplo)').waitFor()

    // Loading again is refused (a second window, a double click that got
    // through): the real binding answers with the code the screen translates.
    const again = await page.evaluate(() =>
      window.go.app.FirstRun.LoadSample().then(() => 'ok', (e) => (e instanceof Error ? e.message : e)),
    )
    assert.equal(bindingError(again).code, 'sample.already_loaded')

    // Remover dados de exemplo: everything goes, files too.
    await nav(page, 'Painel')
    await progress(page, '4 de 5 passos feitos')
    await page.getByTestId('sample-remove').click()
    await confirm(page)
    await page.getByText('Dados de exemplo removidos.').waitFor()
    await progress(page, '0 de 5 passos feitos')
    assert.equal(existsSync(templatesDir) ? readdirSync(templatesDir).filter((f) => f.endsWith('.pdf')).length : 0, 0, 'template files removed')
    await nav(page, 'Reservas')
    await page.waitForTimeout(300)
    assert.equal(await page.getByText('(exemplo)').count(), 0, 'no sample reservation left')
    await nav(page, 'Empreendimentos')
    await page.waitForTimeout(300)
    assert.equal(await page.getByText('(exemplo)').count(), 0, 'no sample development left')

    // A real key through the UI: the database has the office's data now.
    await nav(page, 'Integrações')
    await page.getByTestId('key-add').click()
    const form = page.getByTestId('key-form')
    await form.waitFor()
    await form.getByTestId('key-description').locator('input').fill('Chave do escritório')
    await form.getByTestId('env-simulator').click()
    await form.getByTestId('key-save').click()
    await form.waitFor({ state: 'hidden' })
    await nav(page, 'Painel')
    await progress(page, '1 de 5 passos feitos')
    // Nobody clicked anything: the Painel explains, beside a disabled button,
    // why the sample cannot be loaded, and shows no error.
    await page.getByTestId('sample-blocked').getByText('são para um banco vazio; este já tem cadastros do seu escritório', { exact: false }).waitFor()
    assert.equal(await page.getByTestId('sample-load').isDisabled(), true, 'the load button is disabled')
    assert.equal(await page.getByText('Nada foi alterado', { exact: false }).count(), 0, 'no error text out of nowhere')
    assert.equal(await page.getByTestId('start-guide').locator('.n-alert--error-type, .n-alert--warning-type').count(), 0)
    assert.equal(await page.locator('.n-message', { hasText: 'banco vazio' }).count(), 0)
    await progress(page, '1 de 5 passos feitos')
    await nav(page, 'Integrações')
    await page.getByText('Chave do escritório').waitFor()
    assert.equal(await page.getByText('(exemplo)').count(), 0, 'nothing of the sample was loaded')

    // Ocultar guia, and bring it back from Sobre.
    await nav(page, 'Painel')
    await page.getByTestId('guide-hide').click()
    await page.getByTestId('start-guide').waitFor({ state: 'hidden' })
    await nav(page, 'Sobre')
    await nav(page, 'Painel')
    await page.getByTestId('empty-dashboard').waitFor()
    assert.equal(await page.getByTestId('start-guide').count(), 0, 'the guide stays hidden')
    await nav(page, 'Sobre')
    await page.getByTestId('guide-show').click()
    await page.getByText('O guia voltou ao Painel.').waitFor()
    await nav(page, 'Painel')
    await page.getByTestId('start-guide').waitFor()

    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})
