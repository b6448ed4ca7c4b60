// DocuSign keys: the sign-in through the system browser, its cancel, and
// the account choice. Saving, listing, deleting and "Testar conexão" go
// through integrationsApi like any key.
import * as Integrations from '../../wailsjs/go/app/Integrations'
import { call } from './errors'
import type { GoDocuSignAccount, GoLoginResult } from './models'
import { integration, type Integration } from './integrations'
import type { Refine } from './refine'

/** A DocuSign account the signed-in user may send from. */
export type DocuSignAccount = GoDocuSignAccount

/**
 * How a sign-in ended: chosen when the key's account is stored; otherwise
 * the office picks one of accounts (docusignApi.chooseAccount).
 */
export type DocuSignLoginResult = Refine<GoLoginResult, { key: Integration; accounts: DocuSignAccount[] }>

/** A step of a sign-in (Go's integrations.LoginStep). */
export type DocuSignLoginStep = 'browser' | 'choose' | 'done' | 'failed'

/** Data of AppEvent.DocuSignLogin (Go's integrations.LoginProgress). */
export interface DocuSignLoginProgress {
  keyId: number
  step: DocuSignLoginStep
  /** The error code when step is failed. */
  code?: string
}

export const docusignApi = {
  /** Opens DocuSign's sign-in in the system browser and waits for it to come back. */
  login: (id: number): Promise<DocuSignLoginResult> =>
    call(async () => {
      const r = await Integrations.DocuSignLogin(id)
      return { ...r, key: integration(r.key), accounts: r.accounts ?? [] }
    }),
  /** Ends the sign-in waiting for the browser; login then rejects with docusign.login_canceled. */
  cancelLogin: (): Promise<void> => call(() => Integrations.DocuSignCancelLogin()),
  /** Stores the account picked after a sign-in with several. */
  chooseAccount: (id: number, accountId: string): Promise<Integration> =>
    call(async () => integration(await Integrations.DocuSignChooseAccount(id, accountId))),
}
