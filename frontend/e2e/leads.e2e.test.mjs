import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { launch } from './harness.mjs'

async function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => ok(port))
    })
  })
}

// What JivoChat posts when a chat ends: the visitor's contacts, the session
// and the whole conversation (reference: jivochat-webhooks.md §5.4).
function chatFinished(chatId, messages) {
  const start = Math.floor(Date.now() / 1000) - 600
  return {
    event_name: 'chat_finished',
    widget_id: 'e2eWidget1',
    user_token: null,
    chat_id: chatId,
    visitor: {
      name: 'Joana Prado',
      email: 'joana.prado@exemplo.com.br',
      phone: '+55 (19) 99876-1234',
      description: '',
      number: '7001',
      chats_count: 1,
    },
    organization: null,
    status: null,
    assigned_agent: null,
    tags: [],
    topic: { topic_id: 2, title: 'Venda', parent_id: 0 },
    department: { id: 12, name: 'Vendas' },
    session: {
      geoip: { region_code: 'SP', country: 'Brazil', country_code: 'BR', region: 'Sao Paulo', city: 'Campinas', latitude: '-22.90', longitude: '-47.06' },
      utm: 'source=google|medium=cpc|campaign=jardins-e2e',
      utm_json: { source: 'google', medium: 'cpc', campaign: 'jardins-e2e' },
      ip_addr: '200.1.2.3',
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
    },
    page: { url: 'https://imobiliaria.exemplo/empreendimento/jardins', title: 'Residencial Jardins' },
    analytics: {},
    agents: [{ id: '401', name: 'Carlos Lima', email: 'carlos@imobiliaria.exemplo', phone: '' }],
    chat: {
      messages: messages.map(([type, text], i) => ({
        timestamp: start + i * 40,
        type,
        ...(type === 'agent' ? { agent_id: 401 } : {}),
        message: text,
      })),
      invitation: 'Posso ajudar?',
      rate: null,
      blacklisted: false,
    },
    plain_messages: '',
    html_messages: '',
  }
}

const conversation = [
  ['visitor', 'Olá! Ainda tem unidade de 3 quartos no Residencial Jardins?'],
  ['agent', 'Olá, Joana! Temos sim, a partir do 4º andar, com varanda gourmet.'],
  ['visitor', 'Qual o valor da entrada? Posso usar o FGTS?'],
  ['agent', 'Pode usar o FGTS, sim. Te envio uma simulação por e-mail ainda hoje.'],
  ['visitor', 'Ótimo, fico aguardando. Obrigada!'],
]

async function post(url, body) {
  const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  return { status: r.status, text: await r.text() }
}

test('a gestor gets a token, JivoChat is set up with it, a chat arrives as a lead, and revoking the token stops the URL', async (t) => {
  const app = await launch()
  const { page } = app
  const nav = (label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url }).catch(() => {})
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText()).catch(() => null)
  try {
    // 1. Usuários administrativos: a gestor.
    await nav('Usuários')
    await page.getByTestId('empty-users').waitFor()
    await page.getByTestId('user-add').click()
    const uf = page.getByTestId('user-form')
    await uf.getByTestId('user-name').locator('input').fill('Ana Gestora')
    await uf.getByTestId('user-email').locator('input').fill('ana.gestora@')
    await uf.getByTestId('role-gestor').click()
    await uf.getByTestId('user-save').click()
    await uf.getByText('Informe um e-mail válido.').waitFor()
    await uf.getByTestId('user-email').locator('input').fill('ana.gestora@imobiliaria.com.br')
    await uf.getByTestId('user-save').click()
    await uf.waitFor({ state: 'hidden' })
    const row = page.getByTestId('users-table').locator('tr', { hasText: 'Ana Gestora' })
    await row.getByText('Gestor', { exact: true }).waitFor()
    await row.getByText('Ativo', { exact: true }).waitFor()

    // 2. A named token, shown once.
    await row.getByRole('button', { name: 'Tokens' }).click()
    const drawer = page.getByTestId('user-tokens')
    await drawer.getByTestId('tokens-empty').waitFor()
    await drawer.getByTestId('token-name').locator('input').fill('JivoChat do site')
    await drawer.getByTestId('token-generate').click()
    const shown = page.getByTestId('token-shown')
    await shown.getByText('não será mostrado de novo', { exact: false }).waitFor()
    const token = (await shown.getByTestId('token-plain').textContent()).trim()
    assert.ok(token.length >= 20, `a long random token is shown (${token.length} chars)`)
    await shown.getByTestId('token-copy').click()
    const copiedToken = await clipboard()
    if (copiedToken !== null) assert.equal(copiedToken, token, 'the copy button puts the token on the clipboard')
    t.diagnostic(`clipboard ${copiedToken === null ? 'not readable headless: checked the text only' : 'checked'}`)
    await shown.getByTestId('token-shown-close').click()
    await shown.waitFor({ state: 'hidden' })
    assert.ok(!(await page.content()).includes(token), 'the token is not on the page once the dialog is closed')
    await drawer.getByTestId('tokens-table').getByText(`••••${token.slice(-4)}`).waitFor()
    await app.screenshot('usuarios-tokens')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    await row.locator('td').nth(4).getByText('1', { exact: true }).waitFor()

    // 3. Integrações → JivoChat: gestor, "Qual token?", public address, port.
    await nav('Integrações')
    await page.locator('.n-tabs-tab', { hasText: 'JivoChat' }).click()
    const port = await freePort()
    const gestor = page.getByTestId('jivochat-gestor')
    if (!(await gestor.textContent()).includes('Ana Gestora')) {
      await gestor.click()
      await page.locator('.n-base-select-option', { hasText: 'Ana Gestora' }).click()
    }
    const tokenSelect = page.getByTestId('jivochat-token')
    await tokenSelect.getByText('JivoChat do site', { exact: false }).waitFor()
    await page.getByTestId('jivochat-public-url').locator('input').fill('ftp://127.0.0.1')
    await page.getByText('Avançado: endereço de escuta deste computador').click()
    await page.getByTestId('jivochat-listen-port').locator('input').fill(String(port))
    await page.getByTestId('jivochat-listen-port').locator('input').press('Tab')
    await page.getByTestId('jivochat-save').click()
    await page.getByText('Informe um endereço http:// ou https:// sem parâmetros').waitFor()
    await page.getByTestId('jivochat-public-url').locator('input').fill(`http://127.0.0.1:${port}`)
    await page.getByTestId('jivochat-save').click()
    const urlBox = page.getByTestId('jivochat-url')
    await urlBox.waitFor()
    const publicUrl = (await urlBox.textContent()).trim()
    const localUrl = (await page.getByTestId('jivochat-local-url').textContent()).trim()
    assert.equal(publicUrl, `http://127.0.0.1:${port}/webhooks/jivochat/${token}`)
    assert.equal(localUrl, publicUrl, 'with a loopback public address both URLs are the same')
    await page.getByTestId('jivochat-copy').click()
    const copiedUrl = await clipboard()
    if (copiedUrl !== null) assert.equal(copiedUrl, publicUrl)
    await page.getByTestId('jivochat-state').getByText('Funcionando').waitFor()
    await page.getByTestId('jivochat-status').getByText(`127.0.0.1:${port}`).waitFor()
    await page.getByTestId('jivochat-last-event').getByText('Nenhum evento recebido ainda').waitFor()

    // 4. JivoChat posts a finished chat to the URL.
    const first = await post(localUrl, chatFinished(910001, conversation))
    assert.equal(first.status, 200, first.text)
    assert.deepEqual(JSON.parse(first.text), { result: 'ok' })
    const notice = page.getByTestId('lead-notice')
    const noticeTitle = page.locator('.n-notification', { hasText: 'Novo lead: Joana Prado' })
    await noticeTitle.waitFor({ timeout: 10_000 })
    await notice.waitFor()
    // The status refreshes by itself while the tab is open.
    await page.getByTestId('jivochat-last-event').getByText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/).waitFor({ timeout: 10_000 })
    await app.screenshot('jivochat')

    // 5. Leads: the row with the last message.
    await nav('Leads')
    const leadRow = page.getByTestId('leads-table').locator('tr', { hasText: 'Joana Prado' })
    await leadRow.getByText('joana.prado@exemplo.com.br').waitFor()
    await leadRow.getByText('+55 (19) 99876-1234').waitFor()
    await leadRow.getByText('Visitante:', { exact: false }).waitFor()
    await leadRow.getByText('Ótimo, fico aguardando. Obrigada!', { exact: false }).waitFor()
    await leadRow.getByText('JivoChat', { exact: true }).waitFor()
    await leadRow.getByText('Novo', { exact: true }).waitFor()
    await page.getByTestId('leads-total').getByText('1 lead').waitFor()
    await app.screenshot('leads')

    // 6. The lead page: the transcript in order, who said what.
    await noticeTitle.getByTestId('lead-notice-open').click().catch(async () => leadRow.click())
    await page.getByTestId('lead-page').waitFor()
    // JivoChat's proactive invitation comes first, as a system line in the middle.
    const system = page.locator('[data-testid="lead-message"][data-author="system"]')
    await system.getByText('Posso ajudar?', { exact: false }).waitFor()
    const lines = page.locator('[data-testid="lead-message"]:not([data-author="system"])')
    await lines.nth(conversation.length - 1).waitFor()
    assert.equal(await lines.count(), conversation.length)
    for (let i = 0; i < conversation.length; i++) {
      const line = lines.nth(i)
      assert.equal(await line.getAttribute('data-author'), conversation[i][0])
      assert.ok((await line.textContent()).includes(conversation[i][1]), `line ${i + 1} in order`)
    }
    assert.ok((await lines.nth(1).textContent()).includes('Carlos Lima'), 'the agent is named')
    await page.getByTestId('lead-utm-campaign').getByText('jardins-e2e').waitFor()
    await page.getByTestId('lead-location').getByText('Campinas', { exact: false }).waitFor()
    await page.getByTestId('lead-stage').click()
    await page.locator('.n-base-select-option', { hasText: 'Em atendimento' }).click()
    await page.getByText('Situação alterada para “Em atendimento”.').waitFor()
    await app.screenshot('lead')

    // "Converter em reserva" opens a new reservation with the lead as titular.
    const leadName = await page.getByTestId('lead-page').locator('h1').textContent()
    await page.getByTestId('lead-convert').click()
    await page.getByTestId('reservation-from-lead').waitFor()
    assert.equal(await page.getByTestId('holder-name').locator('input').inputValue(), leadName)

    // 7. Revoke the token: the URL stops at once and nothing new arrives.
    await nav('Usuários')
    await row.getByRole('button', { name: 'Tokens' }).click()
    await drawer.getByRole('button', { name: 'Revogar' }).click()
    const confirm = page.locator('.n-dialog', { hasText: 'para de funcionar imediatamente' })
    await confirm.waitFor()
    await confirm.getByRole('button', { name: 'Revogar' }).click()
    await drawer.getByText('Revogado em', { exact: false }).waitFor()
    await page.keyboard.press('Escape')
    const second = await post(localUrl, chatFinished(910002, [['visitor', 'Alguém aí? Quero visitar o decorado.']]))
    assert.equal(second.status, 401, second.text)

    await nav('Leads')
    await page.getByTestId('leads-table').locator('tr', { hasText: 'Joana Prado' }).getByText('Em atendimento').waitFor()
    await page.getByTestId('leads-total').getByText('1 lead').waitFor()
    assert.equal(await page.getByTestId('leads-table').locator('tbody tr').count(), 1, 'no new lead after revoking')

    await nav('Integrações')
    await page.locator('.n-tabs-tab', { hasText: 'JivoChat' }).click()
    await page.getByTestId('jivochat-problem').getByText('O token “JivoChat do site” foi revogado').waitFor()
    await page.getByTestId('jivochat-url-error').getByText('foi revogado', { exact: false }).waitFor()
    await app.screenshot('jivochat-revoked')

    const logs = app.logs()
    assert.ok(!logs.includes(token), 'the token is not in the app output')
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})

// The shortest way a gestor wires JivoChat up: a gestor, a token, the
// integration on a free port. Returns the local webhook URL.
async function setUpJivoChat(page) {
  const nav = (label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()
  await nav('Usuários')
  await page.getByTestId('empty-users').waitFor()
  await page.getByTestId('user-add').click()
  const uf = page.getByTestId('user-form')
  await uf.getByTestId('user-name').locator('input').fill('Ana Gestora')
  await uf.getByTestId('user-email').locator('input').fill('ana.gestora@imobiliaria.com.br')
  await uf.getByTestId('role-gestor').click()
  await uf.getByTestId('user-save').click()
  await uf.waitFor({ state: 'hidden' })
  const row = page.getByTestId('users-table').locator('tr', { hasText: 'Ana Gestora' })
  await row.getByRole('button', { name: 'Tokens' }).click()
  const drawer = page.getByTestId('user-tokens')
  await drawer.getByTestId('token-name').locator('input').fill('JivoChat do site')
  await drawer.getByTestId('token-generate').click()
  const shown = page.getByTestId('token-shown')
  await shown.getByTestId('token-plain').waitFor()
  await shown.getByTestId('token-shown-close').click()
  await shown.waitFor({ state: 'hidden' })
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })

  await nav('Integrações')
  await page.locator('.n-tabs-tab', { hasText: 'JivoChat' }).click()
  const port = await freePort()
  const gestor = page.getByTestId('jivochat-gestor')
  if (!(await gestor.textContent()).includes('Ana Gestora')) {
    await gestor.click()
    await page.locator('.n-base-select-option', { hasText: 'Ana Gestora' }).click()
  }
  await page.getByTestId('jivochat-token').getByText('JivoChat do site', { exact: false }).waitFor()
  await page.getByTestId('jivochat-public-url').locator('input').fill(`http://127.0.0.1:${port}`)
  await page.getByText('Avançado: endereço de escuta deste computador').click()
  await page.getByTestId('jivochat-listen-port').locator('input').fill(String(port))
  await page.getByTestId('jivochat-listen-port').locator('input').press('Tab')
  await page.getByTestId('jivochat-save').click()
  await page.getByTestId('jivochat-state').getByText('Funcionando').waitFor()
  return (await page.getByTestId('jivochat-local-url').textContent()).trim()
}

// A long chat as JivoChat would send it: many lines, the transcript repeated
// in plain_messages. About `size` bytes.
function longChat(chatId, size) {
  const lines = []
  let total = 0
  for (let i = 0; total < size; i++) {
    const text = `Linha ${i}: ` + 'Gostaria de saber mais sobre a planta e o financiamento. '.repeat(6)
    lines.push([i % 2 ? 'agent' : 'visitor', text])
    total += 2 * text.length + 40
  }
  const body = chatFinished(chatId, lines)
  body.visitor = { ...body.visitor, name: 'Cliente Prolixo', email: 'prolixo@exemplo.com.br', phone: '', number: '7003' }
  body.plain_messages = lines.map(([, text]) => text).join('\n')
  return { body, lines: lines.length }
}

test('a chat that goes on, a redelivery, a visitor without contact and an 8 MB chat all reach the Leads screen', async (t) => {
  const app = await launch()
  const { page } = app
  const nav = (label) => page.getByTestId('sidebar').getByText(label, { exact: true }).click()
  try {
    const url = await setUpJivoChat(page)

    // JivoChat sends chat_finished, then again for the same chat with one
    // more line, then that second body once more.
    const three = conversation.slice(0, 3)
    const four = conversation.slice(0, 4)
    for (const [i, body] of [chatFinished(920001, three), chatFinished(920001, four), chatFinished(920001, four)].entries()) {
      const r = await post(url, body)
      assert.equal(r.status, 200, `delivery ${i + 1}: ${r.text}`)
    }

    // A visitor who typed neither e-mail nor phone.
    const anon = chatFinished(920002, [
      ['visitor', 'Quanto custa o apartamento de 2 quartos?'],
      ['agent', 'A partir de R$ 450 mil. Quer deixar um telefone para o corretor?'],
      ['visitor', 'Depois eu passo.'],
    ])
    anon.visitor = { name: '', email: '', phone: '', description: '', number: '7002', chats_count: 1 }
    assert.equal((await post(url, anon)).status, 200)

    // A real-sized long chat of over 8 MB is accepted; past the limit the
    // answer says so.
    const big = longChat(920003, 8.2 * 1024 * 1024)
    const bigText = JSON.stringify(big.body)
    assert.ok(bigText.length > 8 * 1024 * 1024, `${bigText.length} bytes`)
    const started = Date.now()
    const bigReply = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: bigText })
    assert.equal(bigReply.status, 200, await bigReply.text())
    t.diagnostic(`${(bigText.length / 1024 / 1024).toFixed(1)} MB chat (${big.lines} lines) stored in ${Date.now() - started} ms`)
    const huge = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ event_name: 'chat_finished', chat_id: 920004, pad: 'x'.repeat(17 * 1024 * 1024) }),
    })
    assert.equal(huge.status, 413)
    const hugeReply = await huge.json()
    assert.equal(hugeReply.error, 'body_too_large')
    assert.ok(hugeReply.limit_bytes >= 8 * 1024 * 1024, JSON.stringify(hugeReply))

    // Leads: Joana once, with four lines; the visitor without contact listed.
    await nav('Leads')
    const table = page.getByTestId('leads-table')
    const joana = table.locator('tr', { hasText: 'Joana Prado' })
    await joana.getByText(four[3][1], { exact: false }).waitFor()
    await page.getByTestId('leads-total').getByText('3 leads').waitFor()
    const anonRow = table.locator('tr', { hasText: 'Depois eu passo.' })
    await anonRow.getByText('Visitante sem contato').first().waitFor()
    await table.locator('tr', { hasText: 'Cliente Prolixo' }).waitFor()
    await app.screenshot('leads-without-contact')

    await joana.click()
    await page.getByTestId('lead-page').waitFor()
    const lines = page.locator('[data-testid="lead-message"]:not([data-author="system"])')
    await lines.nth(3).waitFor()
    assert.equal(await lines.count(), 4, 'the fourth line was added once, not lost and not doubled')
    assert.ok((await lines.nth(3).textContent()).includes(four[3][1]))

    // The visitor without contact: transcript, then a contact makes it a lead.
    await nav('Leads')
    await anonRow.click()
    await page.getByTestId('lead-page').waitFor()
    await page.getByTestId('lead-no-contact').waitFor()
    assert.equal(await page.locator('[data-testid="lead-message"]:not([data-author="system"])').count(), 3)
    assert.equal(await page.getByTestId('lead-convert').count(), 0, 'no reservation from a visitor without contact')
    await nav('Leads')
    await anonRow.getByRole('button', { name: 'Adicionar contato' }).click()
    const dialog = page.getByTestId('contact-dialog')
    await dialog.getByTestId('contact-phone').locator('input').fill('1234')
    await dialog.getByTestId('contact-email').locator('input').fill('visitante.exemplo')
    await dialog.getByTestId('contact-save').click()
    // An unfinished phone is refused before save; the e-mail is the backend's word.
    await dialog.getByText('Telefone incompleto: informe DDD e número').waitFor()
    await dialog.getByTestId('contact-phone').locator('input').fill('(11) 91234-5678')
    await dialog.getByTestId('contact-save').click()
    await dialog.getByText('O e-mail informado não é válido.').waitFor()
    await dialog.getByTestId('contact-email').locator('input').fill('')
    await dialog.getByTestId('contact-phone').locator('input').fill('(11) 91234-5678')
    await dialog.getByTestId('contact-save').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText('Contato gravado: a conversa agora é um lead.').waitFor()
    await anonRow.getByText('+55 (11) 91234-5678').waitFor()
    await anonRow.getByText('Novo', { exact: true }).waitFor()
    assert.equal(await anonRow.getByText('Visitante sem contato').count(), 0)

    // Now it behaves as any lead: stage and "Converter em reserva".
    await anonRow.click()
    await page.getByTestId('lead-page').waitFor()
    await page.getByTestId('lead-phone').getByText('+55 (11) 91234-5678').waitFor()
    await page.getByTestId('lead-stage').click()
    await page.locator('.n-base-select-option', { hasText: 'Em atendimento' }).click()
    await page.getByText('Situação alterada para “Em atendimento”.').waitFor()
    await page.getByTestId('lead-convert').click()
    await page.getByTestId('reservation-from-lead').waitFor()
    const holderPhone = await page.getByTestId('holder-phone1').locator('input').inputValue()
    assert.ok(holderPhone.replace(/\D/g, '').endsWith('11912345678'), `titular phone from the added contact: ${holderPhone}`)
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
  }
})
