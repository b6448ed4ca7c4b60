// DocuSign Connect for a real DocuSign key: the address to paste in
// DocuSign's Connect settings, and the HMAC secret DocuSign generated,
// which Go keeps in this computer's keyring and never sends back.
import * as DocuSignConnect from '../../wailsjs/go/app/DocuSignConnect'
import { call } from './errors'
import type { GoDocuSignConnectStatus } from './models'

/**
 * One key's Connect status. path: the key's route (/webhooks/docusign/<id>);
 * publicUrl: the office's public address ('' until given); connectUrl: the
 * full address for DocuSign ('' until then); localUrl: the route as reached
 * from this computer.
 */
export type DocuSignConnectStatus = GoDocuSignConnectStatus

export const dsconnectApi = {
  status: (id: number): Promise<DocuSignConnectStatus> => call(() => DocuSignConnect.Status(id)),
  enable: (id: number, publicUrl: string, secret: string): Promise<DocuSignConnectStatus> =>
    call(() => DocuSignConnect.Enable(id, publicUrl, secret)),
  disable: (id: number): Promise<DocuSignConnectStatus> => call(() => DocuSignConnect.Disable(id)),
}
