import * as Integrations from '../../wailsjs/go/app/Integrations'
import { crm } from '../../wailsjs/go/models'
import { call } from './errors'

export type Environment = 'sandbox' | 'production' | 'simulator'

export interface Integration {
  id: number
  description: string
  provider: string
  environment: Environment
  tokenLast4: string
  hasToken: boolean
  /** 0 means the default (15 days). */
  deadlineDays: number
  usedBy: string[] | null
}

export interface IntegrationInput {
  id: number
  description: string
  environment: Environment
  /** Empty on edit keeps the stored token. */
  token: string
  /** Kept as typed so the Go side can say "abc" is not a number. */
  deadlineDays: string
}

export const integrationsApi = {
  list: (): Promise<Integration[]> => call(async () => ((await Integrations.List()) ?? []) as Integration[]),
  save: (input: IntegrationInput): Promise<Integration> =>
    call(async () => (await Integrations.Save(crm.IntegrationInput.createFrom(input))) as Integration),
  remove: (id: number): Promise<void> => call(() => Integrations.Delete(id)),
  testConnection: (id: number): Promise<void> => call(() => Integrations.TestConnection(id)),
}
