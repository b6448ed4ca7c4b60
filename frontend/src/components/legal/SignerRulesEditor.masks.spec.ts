import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'

// The fixed signer's CPF and Celular on Configurar Assinantes, typed the way
// a manager types them: masked as the digits arrive, a wrong one refused
// under its field before anything reaches Go, and the saved text the one
// Go reads (backend/legal TestSaveRulesTakesWhatTheMasksSend checks Go's side).
const saveRules = vi.fn()
const preview = vi.fn()
vi.mock('../../api/legal', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../api/legal')>()
  return { ...real, legalApi: { ...real.legalApi, saveRules: (...a: unknown[]) => saveRules(...a), preview: (...a: unknown[]) => preview(...a) } }
})

import type { SignerRule } from '../../api/legal'
import { association, mountEditor, resetEditor } from '../../testing/signerRules'

const input = (row: number, field: string) =>
  document.querySelector<HTMLInputElement>(`[data-testid="rule-${row}"] [data-testid="rule-${field}"] input`)!

// One key at a time, as the window delivers them: the mask rewrites the
// field after each one.
async function typeKeys(row: number, field: string, keys: string) {
  const el = input(row, field)
  el.focus()
  el.dispatchEvent(new FocusEvent('focus'))
  for (const k of keys) {
    el.value += k
    el.dispatchEvent(new Event('input'))
    await flushPromises()
  }
}
async function leave(row: number, field: string) {
  input(row, field).dispatchEvent(new FocusEvent('blur'))
  await flushPromises()
}
const save = async () => {
  document.querySelector<HTMLButtonElement>('[data-testid="rules-save"]')!.click()
  await flushPromises()
}
const rowText = (row: number) => document.querySelector(`[data-testid="rule-${row}"]`)!.textContent ?? ''
const sentRules = () => saveRules.mock.calls[0][1] as SignerRule[]

beforeEach(() => resetEditor(saveRules, preview))

describe('Configurar Assinantes · CPF e Celular com máscara', () => {
  it('masks the CPF and the Celular key by key and sends that text, which Go reads', async () => {
    saveRules.mockImplementation(async (_id: number, rules: SignerRule[]) => ({ ...association(), rules, version: 6 }))
    mountEditor()
    await flushPromises()
    await typeKeys(1, 'cpf', '52998224725')
    expect(input(1, 'cpf').value).toBe('529.982.247-25')
    await typeKeys(1, 'phone', '11987654321')
    expect(input(1, 'phone').value).toBe('(11) 98765-4321')
    await leave(1, 'phone')
    expect(rowText(1)).not.toContain('inválido')

    await save()
    expect(saveRules).toHaveBeenCalledTimes(1)
    expect(sentRules()[1]).toMatchObject({ name: 'Ana Lima', cpf: '529.982.247-25', phone: '(11) 98765-4321' })
    expect(document.body.textContent).toContain('Assinantes gravados.')
  })

  it('says a wrong CPF under the field as soon as it is complete, and refuses the save without calling Go', async () => {
    mountEditor()
    await flushPromises()
    await typeKeys(1, 'cpf', '52998224726')
    expect(input(1, 'cpf').value).toBe('529.982.247-26')
    expect(rowText(1)).toContain('CPF inválido: confira os dígitos.')
    expect(input(1, 'cpf').getAttribute('aria-invalid')).toBe('true')

    await save()
    expect(saveRules).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(input(1, 'cpf'))

    // Corrected, the same save goes through.
    saveRules.mockResolvedValue({ ...association(), version: 6 })
    const el = input(1, 'cpf')
    el.value = ''
    el.dispatchEvent(new Event('input'))
    await typeKeys(1, 'cpf', '52998224725')
    expect(rowText(1)).not.toContain('CPF inválido')
    await save()
    expect(saveRules).toHaveBeenCalledTimes(1)
    expect(sentRules()[1].cpf).toBe('529.982.247-25')
  })

  it('refuses an unfinished Celular or CPF on save, naming the field', async () => {
    mountEditor()
    await flushPromises()
    await typeKeys(1, 'phone', '1198765')
    // Still typing: nobody wants "incompleto" after the first digits.
    expect(rowText(1)).not.toContain('incompleto')
    await typeKeys(1, 'cpf', '5299822')
    // The Celular was left unfinished (the focus went to the CPF).
    expect(rowText(1)).toContain('Celular incompleto')
    expect(rowText(1)).not.toContain('CPF incompleto')
    await save()
    expect(saveRules).not.toHaveBeenCalled()
    expect(rowText(1)).toContain('Celular incompleto: informe o DDD e os 9 dígitos do celular')
    expect(rowText(1)).toContain('CPF incompleto: o CPF tem 11 dígitos.')
    expect(document.activeElement).toBe(input(1, 'phone'))
  })

  it('refuses a landline in Celular as soon as it is whole, saying why, and again after an edit', async () => {
    mountEditor()
    await flushPromises()
    const why = 'Celular inválido: informe um celular brasileiro com DDD, como (11) 98765-4321; SMS e WhatsApp não chegam a um telefone fixo.'
    await typeKeys(1, 'phone', '1134567890')
    expect(input(1, 'phone').value).toBe('(11) 3456-7890')
    // Said while still in the field: no digit more makes it a mobile.
    expect(rowText(1)).toContain(why)
    // The example offered is a mobile, never a landline like the one refused.
    expect(rowText(1)).not.toContain('ou (11) 3456-7890')
    await save()
    expect(saveRules).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(input(1, 'phone'))

    // Unfinished again: no longer called a landline; whole again, it is.
    const el = input(1, 'phone')
    el.value = '(11) 3456-789'
    el.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(rowText(1)).not.toContain('Celular inválido')
    await typeKeys(1, 'phone', '0')
    expect(rowText(1)).toContain(why)
    await save()
    expect(saveRules).not.toHaveBeenCalled()

    // A mobile in its place is sent.
    el.value = ''
    el.dispatchEvent(new Event('input'))
    await flushPromises()
    await typeKeys(1, 'phone', '11987654321')
    expect(rowText(1)).not.toContain('Celular inválido')
    await typeKeys(1, 'cpf', '52998224725')
    await save()
    expect(saveRules).toHaveBeenCalledTimes(1)
  })

  it('shows a stored bare CPF and phone masked, and keeps Go\'s ICP-Brasil messages on the row and on the CPF', async () => {
    saveRules.mockRejectedValue({
      code: 'validation.failed',
      problems: [
        { code: 'signer_rule.icp_required', field: 'rules[0].auth', data: { n: 1, type: 'Titular' } },
        { code: 'signer.cpf_required_for_icp', field: 'rules[1].cpf' },
      ],
    })
    mountEditor(association(true, { phone: '11987654321', cpf: '', auth: 'icp_brasil' }))
    await flushPromises()
    expect(input(1, 'phone').value).toBe('(11) 98765-4321')
    await save()
    expect(saveRules).toHaveBeenCalledTimes(1)
    expect(rowText(0)).toContain('Assinante 1 (Titular): este contrato vai a registro e exige assinatura qualificada')
    expect(rowText(1)).toContain('Informe o CPF: a assinatura com certificado ICP-Brasil confere o CPF do certificado.')
    expect(input(1, 'cpf').getAttribute('aria-invalid')).toBe('true')

    // Typing the CPF answers Go's message: it goes, and the masked CPF is sent.
    saveRules.mockReset()
    saveRules.mockResolvedValue({ ...association(true), version: 6 })
    await typeKeys(1, 'cpf', '52998224725')
    expect(rowText(1)).not.toContain('Informe o CPF')
    await save()
    expect(sentRules()[1]).toMatchObject({ cpf: '529.982.247-25', phone: '11987654321', auth: 'icp_brasil' })
  })
})
