import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'

// The editor reaches Go only through api/legal; keep its helpers, mock the calls.
const saveRules = vi.fn()
const preview = vi.fn()
vi.mock('../../api/legal', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../api/legal')>()
  return { ...real, legalApi: { ...real.legalApi, saveRules: (...a: unknown[]) => saveRules(...a), preview: (...a: unknown[]) => preview(...a) } }
})

import { newSignerRule } from '../../api/legal'
import { association as plain, checked, mountEditor as mountFor, resetEditor } from '../../testing/signerRules'

// The holder's row carries a compromise Clicksign imposes, shown under it.
const association = () => ({
  ...plain(),
  previews: [
    { compromises: [{ code: 'clicksign.role_party', message: 'A Clicksign não tem o papel “Titular”: no documento aparece “Assinar como parte”.' }] },
    { compromises: [] },
  ],
})
const mountEditor = (a = association()) => mountFor(a)

beforeEach(() => resetEditor(saveRules, preview))

describe('Configurar Assinantes', () => {
  it('asks for the person only for signers outside the reservation, and shows notes and compromises', async () => {
    const w = mountEditor()
    await flushPromises()
    const rule0 = w.get('[data-testid="rule-0"]')
    const rule1 = w.get('[data-testid="rule-1"]')
    expect(rule0.find('[data-testid="rule-person"]').exists()).toBe(false)
    expect(rule0.text()).toContain('vêm da reserva')
    expect(rule1.find('[data-testid="rule-person"]').exists()).toBe(true)
    expect(rule0.get('[data-testid="rule-compromises"]').text()).toContain('Assinar como parte')
    const notes = w.get('[data-testid="signers-notes"]').text()
    expect(notes).toContain('R$ 0,01')
    expect(notes).toContain('custo adicional')
  })

  it('applies the channel rules as the user clicks', async () => {
    const w = mountEditor()
    await flushPromises()
    const rule = () => w.get('[data-testid="rule-0"]')
    const pick = async (field: string, value: string) => {
      await rule().get(`[data-testid="rule-${field}"] input[value="${value}"]`).trigger('change')
      await flushPromises()
    }
    const state = () => ['delivery', 'reminder', 'auth'].map((f) => checked(rule().get(`[data-testid="rule-${f}"]`).element))
    await pick('reminder', 'sms')
    expect(state()).toEqual(['email', 'sms', 'sms'])
    await pick('delivery', 'whatsapp')
    expect(state()).toEqual(['whatsapp', 'email', 'whatsapp'])
    expect(rule().find('[data-testid="rule-cost-note"]').exists()).toBe(true)
    await pick('auth', 'pix')
    expect(state()).toEqual(['whatsapp', 'email', 'pix'])
    expect(rule().find('[data-testid="rule-pix-note"]').exists()).toBe(true)
  })

  it('sends the whole list and puts Go\'s messages on the exact rule and field, keeping what was typed', async () => {
    saveRules.mockRejectedValue({
      code: 'validation.failed',
      problems: [
        { code: 'field.required', field: 'rules[1].email' },
        { code: 'signer_rule.order_invalid', field: 'rules[0].sendOrder', data: { min: 1 } },
      ],
    })
    const w = mountEditor()
    await flushPromises()
    await w.get('[data-testid="rule-1"] [data-testid="rule-email"] input').setValue('')
    await w.get('[data-testid="rules-save"]').trigger('click')
    await flushPromises()
    expect(saveRules).toHaveBeenCalledTimes(1)
    const [id, rules] = saveRules.mock.calls[0]
    expect(id).toBe(7)
    expect(rules.map((r: { signerType: string }) => r.signerType)).toEqual(['holder', 'witness'])
    expect(w.get('[data-testid="rule-1"]').text()).toContain('Preencha este campo.')
    expect(w.get('[data-testid="rule-0"]').text()).not.toContain('Preencha este campo.')
    expect(w.get('[data-testid="rule-0"]').text()).toContain('A ordem de envio começa em 1.')
    expect((w.get('[data-testid="rule-1"] [data-testid="rule-name"] input').element as HTMLInputElement).value).toBe('Ana Lima')
  })

  it('sends the version it read; another PC\'s save in between names who and when and keeps the rows typed', async () => {
    saveRules.mockRejectedValue({ code: 'record.conflict', data: { by: 'Ana Gestora', at: '2026-12-07T17:32:00Z' } })
    const w = mountEditor()
    await flushPromises()
    await w.get('[data-testid="rule-1"] [data-testid="rule-name"] input').setValue('Tânia Testemunha')
    await w.get('[data-testid="rules-save"]').trigger('click')
    await flushPromises()
    expect(saveRules).toHaveBeenCalledTimes(1)
    expect(saveRules.mock.calls[0][2]).toBe(5)
    expect(w.get('[data-testid="signers-error"]').text()).toContain('Ana Gestora alterou este registro às 14:32 de 07/12.')
    expect((w.get('[data-testid="rule-1"] [data-testid="rule-name"] input').element as HTMLInputElement).value).toBe('Tânia Testemunha')
  })

  it('adds, moves and removes lines', async () => {
    const w = mountEditor()
    await flushPromises()
    await w.get('[data-testid="rule-add"]').trigger('click')
    expect(w.findAll('fieldset.rule')).toHaveLength(3)
    await w.get('[data-testid="rule-1"] [data-testid="rule-up"]').trigger('click')
    expect(w.get('[data-testid="rule-0"] legend').text()).toContain('Testemunha')
    await w.get('[data-testid="rule-0"] [data-testid="rule-remove"]').trigger('click')
    expect(w.findAll('fieldset.rule')).toHaveLength(2)
    expect(w.get('[data-testid="rule-0"] legend').text()).toContain('Titular')
  })

  it('gives a new signer the next Ordem de envio (max existing + 1)', async () => {
    const a = association()
    // Out of order on purpose: the highest order is not on the last line.
    a.rules = [{ ...newSignerRule('holder', 3) }, { ...newSignerRule('witness', 2), name: 'Ana Lima', email: 'ana@exemplo.com.br' }]
    const w = mountEditor(a)
    await flushPromises()
    await w.get('[data-testid="rule-add"]').trigger('click')
    await flushPromises()
    expect((w.get('[data-testid="rule-2"] [data-testid="rule-order"] input').element as HTMLInputElement).value).toBe('4')
    await w.get('[data-testid="rule-add"]').trigger('click')
    await flushPromises()
    expect((w.get('[data-testid="rule-3"] [data-testid="rule-order"] input').element as HTMLInputElement).value).toBe('5')
  })

  it('gives the first signer of an empty list order 1', async () => {
    const a = association()
    a.rules = []
    a.previews = []
    const w = mountEditor(a)
    await flushPromises()
    await w.get('[data-testid="rule-add"]').trigger('click')
    await flushPromises()
    expect((w.get('[data-testid="rule-0"] [data-testid="rule-order"] input').element as HTMLInputElement).value).toBe('1')
  })
})
