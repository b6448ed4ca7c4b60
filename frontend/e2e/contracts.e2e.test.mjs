import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { launch } from './harness.mjs'

const testdata = resolve(import.meta.dirname, '..', '..', 'backend', 'pdfs', 'testdata')
const pdf = (name) => join(testdata, name)

test('a manager uploads a contract template, sees what Selo read, and bad files or names are refused with clear messages', async () => {
  const app = await launch()
  const { page } = app
  const nav = (label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()
  const storedFiles = () => {
    try {
      return readdirSync(join(app.dataDir, 'files', 'templates')).filter((f) => !f.startsWith('.'))
    } catch {
      return []
    }
  }
  try {
    await nav('Contratos')
    await page.getByTestId('empty-contracts').waitFor()

    // Upload the contract through the file input (the desktop window uses the
    // native dialog; a browser gets the input).
    await page.getByTestId('template-add').click()
    const form = page.getByTestId('template-form')
    await form.getByTestId('template-name').locator('input').fill('Contrato de Compra e Venda')
    await form.getByTestId('template-file-input').setInputFiles(pdf('contract.pdf'))
    await form.getByTestId('template-chosen').getByText('contract.pdf').waitFor()
    await form.getByTestId('template-save').click()
    await form.waitFor({ state: 'hidden' })

    // The detail opens with what Selo read once: pages, marks, matches.
    const detail = page.getByTestId('template-detail')
    await detail.getByTestId('template-pages').getByText('2 página(s)').waitFor()
    await detail.getByText('As marcas de assinatura e rubrica serão desligadas no envio').waitFor()
    await detail.getByText('a Clicksign acrescenta ao documento a própria página de assinaturas').waitFor()
    const fields = detail.getByTestId('template-fields')
    await fields.locator('tr', { hasText: 'Assinatura do Comprador' }).getByText('Marca de assinatura — será desligada no envio').waitFor()
    await fields.locator('tr', { hasText: 'rubrica_1' }).getByText('Marca de rubrica — será desligada no envio').waitFor()
    await fields.locator('tr', { hasText: 'titular_nome' }).getByText('Preenchido com: Nome do titular').waitFor()
    await fields.locator('tr', { hasText: 'titular_cpf' }).getByText('Preenchido com: CPF do titular').waitFor()
    await fields.locator('tr', { hasText: 'observacoes' }).getByText('Não preenchido').waitFor()
    await detail.getByTestId('data-key-titular_nome').getByText('Usado neste modelo').waitFor()
    await detail.getByTestId('data-key-corretor_nome').waitFor()
    await detail.getByTestId('template-preview').waitFor({ state: 'attached' })
    await app.screenshot('contratos-detalhe')

    // Renaming follows the same rules: "/" is refused on the field, saying why.
    const rename = detail.getByTestId('template-rename').locator('input')
    await rename.fill('Contrato/2026')
    await detail.getByTestId('template-rename-save').click()
    await detail.getByText('O nome não pode ter “/”, porque ele vira parte do nome do arquivo').waitFor()
    await rename.fill('Contrato de Compra e Venda 2026')
    await detail.getByTestId('template-rename-save').click()
    await page.getByText('Nome alterado.').waitFor()
    await page.getByTestId('templates-table').getByText('Contrato de Compra e Venda 2026').waitFor()
    await detail.getByTestId('template-close').click()
    await detail.waitFor({ state: 'hidden' })

    const table = page.getByTestId('templates-table')
    const row = table.locator('tbody tr', { hasText: 'Contrato de Compra e Venda' })
    await row.getByText('6 marcas de assinatura/rubrica').waitFor()
    await app.screenshot('contratos-lista')
    assert.equal(storedFiles().length, 1)

    // A name with "/" is refused, saying why; the chosen file stays.
    await page.getByTestId('template-add').click()
    await form.getByTestId('template-name').locator('input').fill('Aditivo 1/2')
    await form.getByTestId('template-file-input').setInputFiles(pdf('letter.pdf'))
    await form.getByTestId('template-chosen').waitFor()
    await form.getByTestId('template-save').click()
    await form.getByTestId('template-name-item').getByText('O nome não pode ter “/”, porque ele vira parte do nome do arquivo').waitFor()
    await form.getByTestId('template-chosen').getByText('letter.pdf').waitFor()

    // Encrypted and corrupt files are refused on the file field.
    await form.getByTestId('template-name').locator('input').fill('Aditivo protegido')
    await form.getByTestId('template-file-input').setInputFiles(pdf('encrypted.pdf'))
    await form.getByTestId('template-chosen').getByText('encrypted.pdf').waitFor()
    await form.getByTestId('template-save').click()
    await form.getByTestId('template-file-item').getByText('Este PDF está protegido por senha: ele só abre com a senha').waitFor()
    await form.getByTestId('template-file-input').setInputFiles(pdf('garbage.pdf'))
    await form.getByTestId('template-chosen').getByText('garbage.pdf').waitFor()
    await form.getByTestId('template-save').click()
    await form.getByTestId('template-file-item').getByText('Não foi possível ler este PDF: o arquivo está danificado').waitFor()
    assert.equal(await form.getByTestId('template-name').locator('input').inputValue(), 'Aditivo protegido')
    await page.waitForTimeout(400) // let the feedback fade in for the artifact
    await app.screenshot('contratos-recusado')
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'hidden' })

    // Nothing of the refused uploads was kept.
    assert.equal(await table.locator('tbody tr').count(), 1)
    assert.equal(storedFiles().length, 1)

    // Deleting a template nobody uses removes it and its file.
    await row.getByRole('button', { name: 'Abrir' }).click()
    await detail.getByTestId('template-delete').click()
    await page.locator('.n-dialog').getByRole('button', { name: 'Excluir modelo' }).click()
    await page.getByTestId('empty-contracts').waitFor()
    assert.equal(storedFiles().length, 0)
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})
