import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

// "Dados de uma pessoa" with src/api/privacy mocked: the Go side's answers
// (places with their action and reason, error payloads) are the contract.
const m = vi.hoisted(() => ({
  search: vi.fn(),
  exportJSON: vi.fn(),
  exportPDF: vi.fn(),
  anonymise: vi.fn(),
  accessLog: vi.fn(),
  retention: vi.fn(),
  previewRetention: vi.fn(),
  setRetention: vi.fn(),
}))
vi.mock('../api/privacy', () => ({ privacyApi: m, keyKinds: ['cpf', 'email', 'phone'] }))

import PeoplePage from './PeoplePage.vue'
import { i18n } from '../i18n'
import { makeRouter } from '../router'

const place = (over: Record<string, unknown>) => ({
  kind: 'holder', table: 'reservation_people', rowId: '1', title: 'Reserva 1 · Ipê · A 101', reservationId: 1, leadId: '',
  envelopeId: '', signed: false, envelopeState: '', fields: [{ name: 'role', value: 'holder' }, { name: 'name', value: 'Paula Pessoa' },
    { name: 'cpf', value: '529.982.247-25' }, { name: 'status', value: 'in_review' }, { name: 'createdAt', value: '2026-12-05T13:30:00.000000000Z' }],
  messages: [], action: 'anonymise', reason: '', ...over,
})
const signedContract = place({ kind: 'contract', table: 'reservation_contracts', rowId: '2', title: 'Reserva 2 · Ipê · A 102 · Promessa',
  signed: true, fields: [{ name: 'contract', value: 'Promessa' }], action: 'keep', reason: 'signed_contract' })
const lead = place({ kind: 'lead', table: 'leads', rowId: 'L1', title: 'Lead de 05/12/2026', fields: [{ name: 'email', value: 'paula@example.com' }] })
const transcript = place({ kind: 'transcript', table: 'lead_messages', rowId: 'L1', title: 'Conversa do lead (1 mensagens)', fields: [],
  messages: [{ at: '2026-12-05T13:30:00Z', author: 'visitor', text: 'Meu CPF é 529.982.247-25' }] })
const unsigned = place({ kind: 'contract', table: 'reservation_contracts', rowId: '1', title: 'Reserva 1 · Promessa', action: 'delete' })
const report = (places: unknown[]) => ({ key: { kind: 'cpf', value: '52998224725' }, masked: '529.***.***-25', generatedAt: '2026-12-07T12:00:00Z', places })

async function mountPage() {
  setActivePinia(createPinia())
  const router = makeRouter(true)
  await router.push('/people')
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(PeoplePage))))
  const wrapper = mount(Host, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const body = () => document.body.textContent ?? ''
const el = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement
const all = (id: string) => [...document.querySelectorAll(`[data-testid="${id}"]`)] as HTMLElement[]
function type(id: string, value: string) {
  const input = document.querySelector(`[data-testid="${id}"] input`) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}
async function searchFor(value: string) {
  type('people-key', value)
  el('people-search').click()
  await flushPromises()
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const f of Object.values(m)) f.mockReset()
  m.accessLog.mockResolvedValue([])
  m.retention.mockResolvedValue(0)
  document.body.innerHTML = ''
})

describe('Dados de uma pessoa', () => {
  it('finds a person by CPF and lists each place with what anonymising does and why a signed contract stays', async () => {
    m.search.mockResolvedValue(report([place({}), signedContract, lead, transcript]))
    await mountPage()
    await searchFor('529.982.247-25')
    expect(m.search).toHaveBeenCalledWith('cpf', '529.982.247-25')
    expect(el('people-count').textContent).toContain('4 lugares encontrados')
    expect(el('people-count').textContent).toContain('529.***.***-25')
    const rows = all('people-place')
    expect(rows.map((r) => r.dataset.kind)).toEqual(['holder', 'contract', 'lead', 'transcript'])
    expect(rows[0].textContent).toContain('Titular de reserva')
    expect(rows[0].textContent).toContain('Paula Pessoa')
    // Stored codes and times read as on the other screens.
    expect(rows[0].textContent).toContain('PapelTitular')
    expect(rows[0].textContent).toContain('Em análise')
    expect(rows[0].textContent).toContain('05/12/2026')
    expect(rows[0].textContent).not.toContain('in_review')
    expect(rows[0].textContent).toContain('Será anonimizado')
    expect(rows[1].textContent).toContain('Mantido')
    expect(rows[1].querySelector('[data-testid="people-place-reason"]')!.textContent).toContain('LGPD art. 16, I')
    expect(rows[3].textContent).toContain('Mensagens (1)')
  })

  it('searches by e-mail or phone when that kind is chosen', async () => {
    m.search.mockResolvedValue(report([]))
    await mountPage()
    ;(el('people-kind-phone').querySelector('input') as HTMLInputElement).click()
    await flushPromises()
    await searchFor('(11) 98765-4321')
    expect(m.search).toHaveBeenCalledWith('phone', '(11) 98765-4321')
    expect(el('people-nothing').textContent).toContain('não guarda nenhum dado')
    expect(el('people-export-json')).toBeNull()
  })

  it('says on the field what to fix when the key cannot be read', async () => {
    m.search.mockRejectedValue(new Error(JSON.stringify({ code: 'privacy.key_invalid', message: '', field: 'key', data: { kind: 'cpf' } })))
    await mountPage()
    await searchFor('123')
    expect(el('people-key-item').textContent).toContain('informe um CPF válido')
    expect(el('people-report')).toBeNull()
  })

  it('shows what will be kept and why before anonymising, and after it only what the law keeps', async () => {
    m.search.mockResolvedValueOnce(report([place({}), unsigned, signedContract, lead, transcript]))
    m.search.mockResolvedValueOnce(report([signedContract]))
    m.anonymise.mockResolvedValue({ ...report([]), anonymised: 3, deleted: 1, kept: [signedContract] })
    await mountPage()
    await searchFor('529.982.247-25')
    el('people-anonymise').click()
    await flushPromises()
    expect(el('people-confirm-anonymise').textContent).toContain(': 3')
    expect(el('people-confirm-delete').textContent).toContain(': 1')
    const kept = all('people-confirm-kept')
    expect(kept).toHaveLength(1)
    expect(kept[0].textContent).toContain('Reserva 2 · Ipê · A 102 · Promessa')
    expect(kept[0].textContent).toContain('Contrato assinado')
    expect(m.anonymise).not.toHaveBeenCalled()
    el('people-confirm-cancel').click()
    await flushPromises()
    expect(m.anonymise).not.toHaveBeenCalled()

    el('people-anonymise').click()
    await flushPromises()
    el('people-confirm-go').click()
    await flushPromises()
    expect(m.anonymise).toHaveBeenCalledWith('cpf', '529.982.247-25')
    expect(body()).toContain('3 alterados, 1 excluídos, 1 mantidos')
    const rows = all('people-place')
    expect(rows.map((r) => r.dataset.action)).toEqual(['keep'])
    expect(rows[0].textContent).toContain('Código Civil')
  })

  it('does not let a running envelope be anonymised away', async () => {
    m.search.mockResolvedValue(report([place({}), place({ kind: 'envelope_signer', table: 'envelope_signers', rowId: 'e:s',
      title: 'Reserva 1 · Ipê · A 101', action: 'blocked', reason: 'envelope_running' })]))
    await mountPage()
    await searchFor('529.982.247-25')
    el('people-anonymise').click()
    await flushPromises()
    expect(el('people-confirm-blocked').textContent).toContain('cancele o envio')
    expect((el('people-confirm-go') as HTMLButtonElement).disabled).toBe(true)
  })

  it('exports the searched person, not what was typed since, and says where the file went', async () => {
    m.search.mockResolvedValue(report([lead]))
    m.exportJSON.mockResolvedValue('/home/ana/Documentos/Dados pessoais.json')
    await mountPage()
    await searchFor('529.982.247-25')
    type('people-key', 'outra coisa')
    el('people-export-json').click()
    await flushPromises()
    expect(m.exportJSON).toHaveBeenCalledWith('cpf', '529.982.247-25')
    expect(body()).toContain('Arquivo salvo em /home/ana/Documentos/Dados pessoais.json')
  })

  it('saves the lead retention and shows the shared access log', async () => {
    m.accessLog.mockResolvedValue([
      { id: 2, at: '2026-12-07T12:05:00Z', userId: 1, userName: 'Carla Gestora', action: 'anonymise', subject: '529.***.***-25',
        counts: { anonymised: 3, kept: 1 } },
      { id: 1, at: '2026-12-07T03:00:00Z', userId: 0, userName: 'automático', action: 'retention', subject: '', counts: { removed: 4 } },
    ])
    m.previewRetention.mockResolvedValue({ months: 12, ran: false, removed: 0, deliveries: 0 })
    m.setRetention.mockResolvedValue({ months: 12, ran: true, removed: 4 })
    await mountPage()
    const rows = all('people-log-row')
    expect(rows).toHaveLength(2)
    expect(rows[0].textContent).toContain('Carla Gestora')
    expect(rows[0].textContent).toContain('Anonimização')
    expect(rows[0].textContent).toContain('529.***.***-25')
    expect(rows[0].textContent).toContain('3 anonimizados, 1 mantidos')
    expect(rows[1].textContent).toContain('4 removidos')

    el('people-retention-on').click()
    await flushPromises()
    el('people-retention-save').click()
    await flushPromises()
    expect(m.setRetention).toHaveBeenCalledWith(12)
    expect(body()).toContain('Removidos agora: 4')
  })

  it('turning retention on shows how many leads it would delete now and deletes only once confirmed', async () => {
    m.previewRetention.mockResolvedValue({ months: 12, ran: false, removed: 37, deliveries: 5 })
    m.setRetention.mockResolvedValue({ months: 12, ran: true, removed: 37 })
    await mountPage()
    el('people-retention-on').click()
    await flushPromises()
    el('people-retention-save').click()
    await flushPromises()
    expect(m.previewRetention).toHaveBeenCalledWith(12)
    expect(el('people-retention-count').textContent).toContain('37 leads sem reserva')
    expect(el('people-retention-count').textContent).toContain('5 eventos do JivoChat')
    expect(m.setRetention).not.toHaveBeenCalled()
    // Cancelling deletes nothing and keeps the setting as it was.
    el('people-retention-cancel').click()
    await flushPromises()
    expect(m.setRetention).not.toHaveBeenCalled()
    expect(el('people-retention-count')).toBeNull()
    el('people-retention-save').click()
    await flushPromises()
    el('people-retention-go').click()
    await flushPromises()
    expect(m.setRetention).toHaveBeenCalledWith(12)
    expect(body()).toContain('Removidos agora: 37')
  })

  it('the access log says which PC acted, when no user was chosen there, and how the retention setting changed', async () => {
    m.accessLog.mockResolvedValue([
      { id: 3, at: '2026-12-07T12:06:00Z', userId: 1, userName: 'Carla Gestora', host: 'RECEPCAO-2', action: 'retention', subject: '',
        counts: { from: 0, to: 12 } },
      { id: 2, at: '2026-12-07T12:05:00Z', userId: 0, userName: '', host: 'SALA-3', action: 'search', subject: '529.***.***-25',
        counts: { places: 2 } },
    ])
    await mountPage()
    const rows = all('people-log-row')
    expect(rows[0].textContent).toContain('Carla Gestora · computador RECEPCAO-2')
    expect(rows[0].textContent).toContain('Configuração alterada: de desligada para 12 meses')
    expect(rows[1].textContent).toContain('(nenhum usuário escolhido neste PC) · computador SALA-3')
  })

  it('shows only the chat lines that mention the person, and an attached PDF kept for the office to review', async () => {
    const mention = place({ kind: 'chat_mention', table: 'lead_messages', rowId: 'L9:3', title: 'Chat de 05/12/2026 (1 mensagens citam a chave)',
      fields: [], messages: [{ at: '2026-12-05T13:30:00Z', author: 'visitor', text: 'CPF 529 982 247 25' }] })
    const attached = place({ kind: 'contract', table: 'reservation_contracts', rowId: '4', title: 'Reserva 1 · Proposta',
      fields: [{ name: 'origin', value: 'attached' }], action: 'keep', reason: 'attached_contract' })
    m.search.mockResolvedValue(report([mention, attached]))
    await mountPage()
    await searchFor('529.982.247-25')
    const rows = all('people-place')
    expect(rows[0].textContent).toContain('Mensagens do chat que citam a pessoa')
    expect(rows[0].textContent).toContain('Será anonimizado')
    expect(rows[1].textContent).toContain('Anexado de fora')
    expect(rows[1].textContent).toContain('Mantido')
    expect(rows[1].querySelector('[data-testid="people-place-reason"]')!.textContent).toContain('não consegue gerá-lo de novo')
  })
})
