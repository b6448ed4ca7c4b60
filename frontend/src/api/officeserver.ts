import * as OfficeServer from '../../wailsjs/go/app/OfficeServer'
import { call } from './errors'
import type { GoOfficeServerStatus } from './models'

/**
 * The office's `selo server` as Integrações shows it: known is false on one
 * PC (or before any server ran); answering is its public /health just now;
 * silentSince, when not answering, the last time it was known alive.
 */
export type OfficeServerStatus = GoOfficeServerStatus

export const officeServerApi = {
  status: (): Promise<OfficeServerStatus> => call(() => OfficeServer.Status()),
}
