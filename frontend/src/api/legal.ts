// Empreendimento → Jurídico: associated contracts, their scope and signer
// rules (Configurar Assinantes). Typed wrappers over the generated bindings.
import * as Legal from '../../wailsjs/go/app/Legal'
import { call } from './errors'
import type { GoAssociation, GoCompromise, GoLegalTemplate, GoRegistryGap, GoRulePreview, GoScopeItem, GoSignerRule } from './models'
import { oneOf, type Refine } from './refine'

export type SignerType = 'holder' | 'spouse' | 'associate' | 'guarantor' | 'witness' | 'broker' | 'agency' | 'developer' | 'manager'
/** Screen order, the same as crm.SignerTypes(). */
export const signerTypes: SignerType[] = ['holder', 'spouse', 'associate', 'guarantor', 'broker', 'agency', 'developer', 'manager', 'witness']
/** Types that are parties of the reservation: the reservation supplies the person (crm.SignerType.IsParty). */
export const partyTypes: SignerType[] = ['holder', 'spouse', 'associate', 'guarantor', 'broker']
export const isParty = (t: string): boolean => partyTypes.some((p) => p === t)
/**
 * Types that must sign a contract going to registry with an ICP-Brasil
 * certificate (crm.RequiresICP: the parties to the transfer).
 */
export const registryTypes: SignerType[] = ['holder', 'spouse', 'associate', 'developer']
export const requiresICP = (t: string): boolean => registryTypes.some((p) => p === t)

export type Evidence = 'none' | 'selfie' | 'facial_biometrics'
export const evidences: Evidence[] = ['none', 'selfie', 'facial_biometrics']
export type SignatureKind = 'approval' | 'signature' | 'handwritten'
export const signatureKinds: SignatureKind[] = ['approval', 'signature', 'handwritten']

export type SignerRule = Refine<GoSignerRule, { signerType: SignerType; evidence: Evidence; signatureKind: SignatureKind }>

/** A rule from Go, with its enum fields as the screens know them. */
function signerRule(r: GoSignerRule): SignerRule {
  return {
    ...r,
    signerType: oneOf(signerTypes, r.signerType, 'holder'),
    evidence: oneOf(evidences, r.evidence, 'none'),
    signatureKind: oneOf(signatureKinds, r.signatureKind, 'signature'),
  }
}

/** The rule a new line starts with, as crm.NewSignerRule. */
export function newSignerRule(type: SignerType = 'holder', sendOrder = 1): SignerRule {
  return {
    sendOrder, signerType: type, name: '', email: '', phone: '', cpf: '',
    evidence: 'none', signatureKind: 'signature', delivery: 'email', reminder: 'email', auth: 'email',
  }
}

export type Compromise = GoCompromise
export type RulePreview = Refine<GoRulePreview, { compromises: Compromise[] | null }>
export type Scope = 'development' | 'stages' | 'blocks' | 'units'
export const scopes: Scope[] = ['development', 'stages', 'blocks', 'units']
export type ScopeItem = GoScopeItem
export type Association = Refine<
  GoAssociation,
  { scope: Scope; scopeItems: ScopeItem[] | null; rules: SignerRule[] | null; previews: RulePreview[] | null }
>
export type ContractTemplate = GoLegalTemplate

function association(a: GoAssociation): Association {
  return { ...a, scope: oneOf(scopes, a.scope, 'development'), rules: a.rules?.map(signerRule) ?? null }
}

const toRules = (rules: SignerRule[]) => rules.map((r) => ({ ...r }))

/** A development whose rules for a registry template still ask a simple signature (rows 1-based). */
export type RegistryGap = Refine<GoRegistryGap, { rows: number[] }>

export const legalApi = {
  /** Developments whose Jurídico must change for template templateId to go to registry. */
  registryGaps: (templateId: number): Promise<RegistryGap[]> =>
    call(async () => ((await Legal.RegistryGaps(templateId)) ?? []).map((g) => ({ ...g, rows: g.rows ?? [] }))),
  templates: (): Promise<ContractTemplate[]> => call(async () => (await Legal.Templates()) ?? []),
  list: (developmentId: number): Promise<Association[]> =>
    call(async () => ((await Legal.List(developmentId)) ?? []).map(association)),
  associate: (developmentId: number, templateId: number, scope: Scope, ids: number[]): Promise<Association> =>
    call(async () => association(await Legal.Associate(developmentId, templateId, scope, ids))),
  setScope: (associationId: number, scope: Scope, ids: number[]): Promise<Association> =>
    call(async () => association(await Legal.SetScope(associationId, scope, ids))),
  remove: (associationId: number): Promise<void> => call(() => Legal.Remove(associationId)),
  /** version: the association's version the editor read (0 skips the check). */
  saveRules: (associationId: number, rules: SignerRule[], version = 0): Promise<Association> =>
    call(async () => association(await Legal.SaveRules(associationId, version, toRules(rules)))),
  preview: (rules: SignerRule[]): Promise<RulePreview[]> =>
    call(async () => (await Legal.Preview(toRules(rules))) ?? []),
  channelChange: (rule: SignerRule, field: string, value: string): Promise<SignerRule> =>
    call(async () => signerRule(await Legal.ChannelChange({ ...rule }, field, value))),
  applicableContracts: (developmentId: number, unitId: number): Promise<Association[]> =>
    call(async () => ((await Legal.ApplicableContracts(developmentId, unitId)) ?? []).map(association)),
}
