import * as Integrations from '../../wailsjs/go/app/Integrations'
import { call } from './errors'
import type { GoIntegration, GoIntegrationInput } from './models'
import { oneOf, type Refine, type Without } from './refine'

export type Environment = 'sandbox' | 'production' | 'simulator'
const environments: readonly Environment[] = ['sandbox', 'production', 'simulator']

/** An environment from Go, as the screens know it. */
export const environmentOf = (e: string): Environment => oneOf(environments, e, 'sandbox')

/**
 * Whether this computer's keyring holds the key's token (Go's crm.TokenHere):
 * ok, missing, mismatch (a token that is not the office's), or unknown when
 * the keyring could not be asked.
 */
export type TokenHere = 'ok' | 'missing' | 'mismatch' | 'unknown'
const tokenStates: readonly TokenHere[] = ['ok', 'missing', 'mismatch', 'unknown']

/** The e-signature service behind a key (Go's crm.Provider). */
export type Provider = 'clicksign' | 'docusign'
const providers: readonly Provider[] = ['clicksign', 'docusign']

/**
 * An e-signature key. deadlineDays 0 means the default (15 days). The
 * DocuSign account fields are empty on a Clicksign key (optional here so a
 * Clicksign key can be written without them); for a DocuSign key tokenHere
 * says whether this computer is signed in.
 */
export type Integration = Refine<
  Without<GoIntegration, 'createdAt' | 'updatedAt'>,
  {
    provider: Provider
    environment: Environment
    usedBy: string[] | null
    tokenHere: TokenHere
    docuSignAccountId?: string
    docuSignAccountName?: string
    docuSignBaseUri?: string
  }
>

/**
 * A key as typed: token empty on edit keeps the stored one; deadlineDays is
 * kept as typed so the Go side can say "abc" is not a number.
 */
export type IntegrationInput = Refine<GoIntegrationInput, { environment: Environment; provider?: Provider }>

export const integration = (i: GoIntegration): Integration => ({
  ...i,
  provider: oneOf(providers, i.provider || 'clicksign', 'clicksign'),
  environment: environmentOf(i.environment),
  tokenHere: oneOf(tokenStates, i.tokenHere, 'unknown'),
})

export const integrationsApi = {
  list: (): Promise<Integration[]> => call(async () => ((await Integrations.List()) ?? []).map(integration)),
  save: (input: IntegrationInput): Promise<Integration> =>
    call(async () => integration(await Integrations.Save({ ...input, provider: input.provider ?? '' }))),
  remove: (id: number): Promise<void> => call(() => Integrations.Delete(id)),
  testConnection: (id: number): Promise<void> => call(() => Integrations.TestConnection(id)),
}
