import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { artifacts, launch } from './harness.mjs'
import { contractPdf } from './seed.mjs'

test('a manager associates a contract with a block and configures three signers, with the channel rules acting on screen', async () => {
  const app = await launch()
  const { page } = app
  const nav = (label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()
  try {
    // A development with one stage, one block and four units.
    await nav('Empreendimentos')
    await page.getByTestId('development-add').click()
    const df = page.getByTestId('development-form')
    await df.getByTestId('development-name').locator('input').fill('Residencial Jardim das Acácias')
    await df.getByTestId('development-state').locator('input').fill('SP')
    await df.getByTestId('development-save').click()
    await page.getByTestId('stage-name').locator('input').fill('Etapa 1')
    await page.getByTestId('stage-add').click()
    await page.getByTestId('block-name').locator('input').fill('Bloco A')
    await page.getByTestId('block-add').click()
    await page.getByTestId('bulk-open').click()
    const bf = page.getByTestId('bulk-form')
    await bf.getByTestId('bulk-floor-from').locator('input').fill('1')
    await bf.getByTestId('bulk-floor-to').locator('input').fill('2')
    await bf.getByTestId('bulk-per-floor').locator('input').fill('2')
    await bf.getByTestId('bulk-save').click()
    await bf.waitFor({ state: 'hidden' })
    await page.getByText('Bloco A · 4 unidades').waitFor()

    // The contract template, through the real Contratos binding.
    const uploaded = await page.evaluate(
      (b64) => (window.go.app.Templates?.Upload ? window.go.app.Templates.Upload('Promessa de compra e venda', 'contract.pdf', b64).then((t) => t.id) : null),
      contractPdf,
    )
    assert.ok(uploaded, 'the Templates binding uploaded the template')

    // Jurídico → Associar contratos: the template, scoped to Bloco A.
    await page.locator('.n-tabs-tab', { hasText: 'Jurídico' }).click()
    const tab = page.getByTestId('legal-tab')
    await tab.getByTestId('legal-empty').waitFor()
    await tab.getByTestId('associate-template').click()
    await page.locator('.n-base-select-option', { hasText: 'Promessa de compra e venda' }).click()
    await tab.getByTestId('scope-kind').getByText('Blocos escolhidos').click()
    // Nothing chosen yet: refused on the field, the form keeps its choices.
    await tab.getByTestId('associate-save').click()
    await tab.getByText('Escolha pelo menos uma etapa, bloco ou unidade.').waitFor()
    await tab.getByTestId('scope-items').click()
    await page.locator('.n-tree-node', { hasText: 'Bloco A' }).locator('.n-tree-node-checkbox').click()
    await page.keyboard.press('Escape')
    await tab.getByTestId('associate-save').click()
    const card = tab.getByTestId('association-Promessa de compra e venda')
    await card.getByTestId('association-summary').getByText('Blocos: Bloco A (Etapa 1)').waitFor()
    await card.getByText('Nenhum assinante configurado').waitFor()

    // Configurar Assinantes (opened right after associating). An empty list is refused.
    const editor = card.getByTestId('signers-editor')
    await editor.getByText('R$ 0,01').waitFor()
    await editor.getByText('SMS e WhatsApp têm custo adicional na Clicksign').waitFor()
    await editor.getByTestId('rules-save').click()
    await editor.getByText('Configure pelo menos um assinante para este contrato.').waitFor()

    const checked = async (rule, field) => rule.getByTestId(`rule-${field}`).locator('input:checked').getAttribute('value')
    const channels = async (rule) => [await checked(rule, 'delivery'), await checked(rule, 'reminder'), await checked(rule, 'auth')]
    const pick = (rule, field, label) => rule.getByTestId(`rule-${field}`).getByText(label, { exact: true }).click()

    // 1. Titular, all by e-mail (the new line's defaults).
    await editor.getByTestId('rule-add').click()
    const holder = editor.getByTestId('rule-0')
    await holder.getByText('Nome, e-mail, celular e CPF vêm da reserva.').waitFor()
    assert.deepEqual(await channels(holder), ['email', 'email', 'email'])
    await holder.getByTestId('rule-compromises').getByText('Assinar como parte').waitFor()

    // 2. Cônjuge by WhatsApp: the channels follow each other live.
    await editor.getByTestId('rule-add').click()
    const spouse = editor.getByTestId('rule-1')
    assert.equal(await spouse.getByTestId('rule-order').locator('input').inputValue(), '2', 'a new signer gets the next Ordem de envio')
    await spouse.getByTestId('rule-type').click()
    await page.locator('.n-base-select-option', { hasText: /^Cônjuge$/ }).click()
    await pick(spouse, 'reminder', 'SMS')
    assert.deepEqual(await channels(spouse), ['email', 'sms', 'sms'])
    await pick(spouse, 'delivery', 'WhatsApp')
    assert.deepEqual(await channels(spouse), ['whatsapp', 'email', 'whatsapp'], 'WhatsApp in Envio flips Autenticação to WhatsApp and Notificação to E-mail')
    await spouse.getByTestId('rule-cost-note').waitFor()
    await pick(spouse, 'auth', 'PIX')
    assert.deepEqual(await channels(spouse), ['whatsapp', 'email', 'pix'])
    await spouse.getByTestId('rule-pix-note').waitFor()
    await pick(spouse, 'reminder', 'WhatsApp')
    assert.deepEqual(await channels(spouse), ['whatsapp', 'whatsapp', 'whatsapp'], 'WhatsApp in Notificação sets Autenticação')
    await spouse.getByTestId('rule-compromises').getByText('mensagem personalizada').waitFor()
    await spouse.getByTestId('rule-compromises').getByText('Lembretes por WhatsApp não existem na API 3.0').waitFor()

    // 3. Testemunha with her own data, second in order, but no e-mail yet.
    await editor.getByTestId('rule-add').click()
    const witness = editor.getByTestId('rule-2')
    await witness.getByTestId('rule-person').waitFor()
    assert.equal(await witness.getByTestId('rule-order').locator('input').inputValue(), '3')
    await witness.getByTestId('rule-order').locator('input').fill('2')
    await witness.getByTestId('rule-name').locator('input').fill('Ana Lima')
    // CPF and Celular are masked as the keys arrive; a wrong CPF is said
    // under it and the save stops there, on that field, before Go.
    const phoneIn = witness.getByTestId('rule-phone').locator('input')
    const cpfIn = witness.getByTestId('rule-cpf').locator('input')
    // A landline is refused as soon as it is whole: SMS and WhatsApp reach
    // a mobile only.
    await phoneIn.pressSequentially('1134567890')
    await witness.getByText('SMS e WhatsApp não chegam a um telefone fixo').waitFor()
    await phoneIn.fill('')
    await phoneIn.pressSequentially('11987654321')
    assert.equal(await phoneIn.inputValue(), '(11) 98765-4321')
    await witness.getByText('SMS e WhatsApp não chegam a um telefone fixo').waitFor({ state: 'detached' })
    await cpfIn.pressSequentially('52998224726')
    assert.equal(await cpfIn.inputValue(), '529.982.247-26')
    await witness.getByText('CPF inválido: confira os dígitos.').waitFor()
    await phoneIn.focus()
    await editor.getByTestId('rules-save').click()
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="rule-cpf"]'))
    assert.equal(await witness.getByText('Preencha este campo.').count(), 0, 'nothing went to Go')
    await cpfIn.fill('')
    await cpfIn.pressSequentially('52998224725')
    assert.equal(await cpfIn.inputValue(), '529.982.247-25')
    await witness.getByText('CPF inválido').waitFor({ state: 'detached' })
    await editor.getByTestId('rules-save').click()
    await witness.getByText('Preencha este campo.').waitFor()
    assert.equal(await holder.getByText('Preencha este campo.').count(), 0, 'the message is on the witness only')
    assert.equal(await witness.getByTestId('rule-name').locator('input').inputValue(), 'Ana Lima', 'nothing typed is lost')
    await witness.getByTestId('rule-email').locator('input').fill('ana.lima@exemplo.com.br')
    await editor.getByTestId('rules-save').click()
    await page.getByText('Assinantes gravados.').waitFor()
    await card.getByText('3 assinantes').waitFor()
    await page.screenshot({ path: join(artifacts, 'juridico-assinantes.png'), fullPage: true })

    // Reload: everything comes back from the database.
    await page.reload()
    await page.locator('.n-tabs-tab', { hasText: 'Jurídico' }).click()
    const card2 = page.getByTestId('legal-tab').getByTestId('association-Promessa de compra e venda')
    await card2.getByText('3 assinantes').waitFor()
    await card2.getByTestId('association-configure').click()
    const ed2 = card2.getByTestId('signers-editor')
    await ed2.getByTestId('rule-2').waitFor()
    assert.deepEqual(await channels(ed2.getByTestId('rule-0')), ['email', 'email', 'email'])
    assert.deepEqual(await channels(ed2.getByTestId('rule-1')), ['whatsapp', 'whatsapp', 'whatsapp'])
    await ed2.getByTestId('rule-1').locator('legend', { hasText: 'Cônjuge' }).waitFor()
    const w2 = ed2.getByTestId('rule-2')
    assert.equal(await w2.getByTestId('rule-name').locator('input').inputValue(), 'Ana Lima')
    assert.equal(await w2.getByTestId('rule-email').locator('input').inputValue(), 'ana.lima@exemplo.com.br')
    assert.equal(await w2.getByTestId('rule-order').locator('input').inputValue(), '2')
    // Go kept the masked text it was sent.
    assert.equal(await w2.getByTestId('rule-phone').locator('input').inputValue(), '(11) 98765-4321')
    assert.equal(await w2.getByTestId('rule-cpf').locator('input').inputValue(), '529.982.247-25')

    // The block in the contract's scope cannot be deleted; the message says where.
    await page.locator('.n-tabs-tab', { hasText: 'Estrutura' }).click()
    await page.getByTestId('block-Bloco A').locator('.block-head').getByRole('button', { name: 'Excluir' }).click()
    await page.getByRole('button', { name: 'Excluir' }).last().click()
    await page.getByText('Bloco A (Etapa 1) está no escopo do contrato “Promessa de compra e venda”').waitFor()
    await page.getByText('Bloco A · 4 unidades').waitFor()

    // Widening the scope to the whole development frees the block.
    await page.locator('.n-tabs-tab', { hasText: 'Jurídico' }).click()
    const card3 = page.getByTestId('legal-tab').getByTestId('association-Promessa de compra e venda')
    await card3.getByTestId('association-scope').click()
    const sf = page.getByTestId('scope-form')
    await sf.getByTestId('scope-kind').getByText('Todo o empreendimento').click()
    await sf.getByTestId('scope-save').click()
    await card3.getByTestId('association-summary').getByText('Todo o empreendimento').waitFor()
    await card3.getByText('3 assinantes').waitFor()
    await page.locator('.n-tabs-tab', { hasText: 'Estrutura' }).click()
    await page.getByTestId('block-Bloco A').locator('.block-head').getByRole('button', { name: 'Excluir' }).click()
    await page.getByRole('button', { name: 'Excluir' }).last().click()
    await page.getByText('Bloco A · 4 unidades').waitFor({ state: 'detached' })

    assert.deepEqual(app.pageErrors, [])
    await app.screenshot('juridico')
  } finally {
    await app.stop()
  }
})
