// Empreendimento → Jurídico: associated contracts, their scope and signer
// rules (Configurar Assinantes). Typed wrappers over the generated bindings.
import * as Legal from '../../wailsjs/go/app/Legal'
import { crm } from '../../wailsjs/go/models'
import { call } from './errors'

export type SignerType = 'holder' | 'spouse' | 'associate' | 'guarantor' | 'witness' | 'broker' | 'agency' | 'developer' | 'manager'
/** Screen order, the same as crm.SignerTypes(). */
export const signerTypes: SignerType[] = ['holder', 'spouse', 'associate', 'guarantor', 'broker', 'agency', 'developer', 'manager', 'witness']
/** Types that are parties of the reservation: the reservation supplies the person (crm.SignerType.IsParty). */
export const partyTypes: SignerType[] = ['holder', 'spouse', 'associate', 'guarantor', 'broker']
export const isParty = (t: string): boolean => (partyTypes as string[]).includes(t)

export type Evidence = 'none' | 'selfie' | 'facial_biometrics'
export const evidences: Evidence[] = ['none', 'selfie', 'facial_biometrics']
export type SignatureKind = 'approval' | 'signature' | 'handwritten'
export const signatureKinds: SignatureKind[] = ['approval', 'signature', 'handwritten']

export interface SignerRule {
  sendOrder: number
  signerType: SignerType
  name: string
  email: string
  phone: string
  cpf: string
  evidence: Evidence
  signatureKind: SignatureKind
  delivery: string
  reminder: string
  auth: string
}

/** The rule a new line starts with, as crm.NewSignerRule. */
export function newSignerRule(type: SignerType = 'holder', sendOrder = 1): SignerRule {
  return {
    sendOrder, signerType: type, name: '', email: '', phone: '', cpf: '',
    evidence: 'none', signatureKind: 'signature', delivery: 'email', reminder: 'email', auth: 'email',
  }
}

export interface Compromise {
  code: string
  message: string
}
export interface RulePreview {
  compromises: Compromise[] | null
}
export type Scope = 'development' | 'stages' | 'blocks' | 'units'
export const scopes: Scope[] = ['development', 'stages', 'blocks', 'units']
export interface ScopeItem {
  id: number
  label: string
}
export interface Association {
  id: number
  developmentId: number
  templateId: number
  templateName: string
  scope: Scope
  scopeItems: ScopeItem[] | null
  position: number
  rules: SignerRule[] | null
  previews: RulePreview[] | null
}
export interface ContractTemplate {
  id: number
  name: string
}

const toRules = (rules: SignerRule[]) => rules.map((r) => crm.SignerRule.createFrom({ ...r }))

export const legalApi = {
  templates: (): Promise<ContractTemplate[]> => call(async () => ((await Legal.Templates()) ?? []) as ContractTemplate[]),
  list: (developmentId: number): Promise<Association[]> =>
    call(async () => ((await Legal.List(developmentId)) ?? []) as unknown as Association[]),
  associate: (developmentId: number, templateId: number, scope: Scope, ids: number[]): Promise<Association> =>
    call(async () => (await Legal.Associate(developmentId, templateId, scope, ids)) as unknown as Association),
  setScope: (associationId: number, scope: Scope, ids: number[]): Promise<Association> =>
    call(async () => (await Legal.SetScope(associationId, scope, ids)) as unknown as Association),
  remove: (associationId: number): Promise<void> => call(() => Legal.Remove(associationId)),
  saveRules: (associationId: number, rules: SignerRule[]): Promise<Association> =>
    call(async () => (await Legal.SaveRules(associationId, toRules(rules))) as unknown as Association),
  preview: (rules: SignerRule[]): Promise<RulePreview[]> =>
    call(async () => ((await Legal.Preview(toRules(rules))) ?? []) as RulePreview[]),
  channelChange: (rule: SignerRule, field: string, value: string): Promise<SignerRule> =>
    call(async () => (await Legal.ChannelChange(crm.SignerRule.createFrom({ ...rule }), field, value)) as unknown as SignerRule),
  applicableContracts: (developmentId: number, unitId: number): Promise<Association[]> =>
    call(async () => ((await Legal.ApplicableContracts(developmentId, unitId)) ?? []) as unknown as Association[]),
}
