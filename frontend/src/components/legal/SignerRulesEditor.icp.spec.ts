import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'

// ICP-Brasil "Vai a registro" on Configurar Assinantes: the editor reaches Go
// only through api/legal; keep its helpers, mock the calls.
const saveRules = vi.fn()
const preview = vi.fn()
vi.mock('../../api/legal', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../api/legal')>()
  return { ...real, legalApi: { ...real.legalApi, saveRules: (...a: unknown[]) => saveRules(...a), preview: (...a: unknown[]) => preview(...a) } }
})

import { association, checked, mountEditor, resetEditor } from '../../testing/signerRules'

beforeEach(() => resetEditor(saveRules, preview))

describe('Configurar Assinantes · Vai a registro', () => {
  it('shows why the parties need ICP-Brasil, offers it, and keeps it when the invitation channel changes', async () => {
    const w = mountEditor(association(true))
    await flushPromises()
    expect(w.get('[data-testid="signers-registry"]').text()).toContain('Lei 14.063/2020')
    const holder = () => w.get('[data-testid="rule-0"]')
    // Old rules are not changed behind the user's back: the row says what is missing.
    expect(holder().get('[data-testid="rule-icp-reason"]').text()).toContain('art. 5º, §2º, IV')
    expect(holder().get('[data-testid="rule-icp-missing"]').text()).toContain('Certificado ICP-Brasil')
    expect(w.get('[data-testid="rule-1"]').find('[data-testid="rule-icp"]').exists()).toBe(false)

    await holder().get('[data-testid="rule-auth"] input[value="icp_brasil"]').trigger('change')
    await flushPromises()
    expect(holder().find('[data-testid="rule-icp-missing"]').exists()).toBe(false)
    await holder().get('[data-testid="rule-delivery"] input[value="whatsapp"]').trigger('change')
    await flushPromises()
    expect(checked(holder().get('[data-testid="rule-auth"]').element)).toBe('icp_brasil')
  })

  it('puts Go\'s refusal of a simple signature on the signer row and keeps the list', async () => {
    saveRules.mockRejectedValue({
      code: 'validation.failed',
      problems: [{ code: 'signer_rule.icp_required', field: 'rules[0].auth', data: { n: 1, type: 'Titular' } }],
    })
    const w = mountEditor(association(true))
    await flushPromises()
    await w.get('[data-testid="rules-save"]').trigger('click')
    await flushPromises()
    const text = w.get('[data-testid="rule-0"]').text()
    expect(text).toContain('Assinante 1 (Titular): este contrato vai a registro e exige assinatura qualificada')
    expect(text).toContain('escolha “Certificado ICP-Brasil”')
  })

  it('starts a party added to a registry contract on ICP-Brasil, but not on an ordinary contract', async () => {
    const w = mountEditor(association(true))
    await flushPromises()
    await w.get('[data-testid="rule-remove"]').trigger('click')
    await w.get('[data-testid="rule-remove"]').trigger('click')
    await w.get('[data-testid="rule-add"]').trigger('click')
    await flushPromises()
    expect(checked(w.get('[data-testid="rule-0"] [data-testid="rule-auth"]').element)).toBe('icp_brasil')

    const plain = mountEditor(association(false))
    await flushPromises()
    expect(plain.find('[data-testid="signers-registry"]').exists()).toBe(false)
    expect(plain.find('[data-testid="rule-icp"]').exists()).toBe(false)
  })

  it('clears and disables selfie, biometrics and handwritten once ICP-Brasil is chosen, and approval for a registry party', async () => {
    const a = association(true)
    const [holder0, ...rest] = a.rules ?? []
    a.rules = [{ ...holder0, evidence: 'selfie', signatureKind: 'handwritten' }, ...rest]
    saveRules.mockResolvedValue({ ...a, version: 6 })
    const w = mountEditor(a)
    await flushPromises()
    const holder = () => w.get('[data-testid="rule-0"]')
    const radio = (group: string, v: string) => holder().get<HTMLInputElement>(`[data-testid="${group}"] input[value="${v}"]`).element
    expect(radio('rule-evidence', 'selfie').disabled).toBe(false)
    expect(radio('rule-kind', 'approval').disabled).toBe(true)
    expect(holder().get('[data-testid="rule-icp-approval"]').text()).toContain('a parte precisa assinar')

    await holder().get('[data-testid="rule-auth"] input[value="icp_brasil"]').trigger('change')
    await flushPromises()
    expect(checked(holder().get('[data-testid="rule-evidence"]').element)).toBe('none')
    expect(checked(holder().get('[data-testid="rule-kind"]').element)).toBe('signature')
    for (const v of ['selfie', 'facial_biometrics']) expect(radio('rule-evidence', v).disabled).toBe(true)
    expect(radio('rule-kind', 'handwritten').disabled).toBe(true)
    expect(holder().get('[data-testid="rule-icp-extras"]').text()).toContain('o certificado já identifica a pessoa')
    // The witness keeps every choice: it signs by e-mail.
    expect(w.get('[data-testid="rule-1"]').get<HTMLInputElement>('[data-testid="rule-evidence"] input[value="selfie"]').element.disabled).toBe(false)

    await w.get('[data-testid="rules-save"]').trigger('click')
    await flushPromises()
    const sent = saveRules.mock.calls[0].find((x: unknown) => Array.isArray(x)) as { evidence: string; signatureKind: string; auth: string }[]
    expect(sent[0]).toMatchObject({ auth: 'icp_brasil', evidence: 'none', signatureKind: 'signature' })
  })
})
