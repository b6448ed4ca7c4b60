import * as Who from '../../wailsjs/go/app/Who'
import { call } from './errors'
import type { GoWhoView } from './models'
import { roles, type User } from './users'
import { oneOf, type Refine } from './refine'

/**
 * Who uses this PC (office mode only): whether to ask, who is chosen (userId
 * 0 when nobody) and the active Usuários to choose from.
 */
export type WhoView = Refine<GoWhoView, { users: User[] }>

const view = (v: GoWhoView): WhoView => ({
  ...v,
  users: (v.users ?? []).map((u) => ({ ...u, role: oneOf(roles, u.role, 'corretor') })),
})

export const whoApi = {
  get: (): Promise<WhoView> => call(async () => view(await Who.Get())),
  choose: (userId: number): Promise<WhoView> => call(async () => view(await Who.Choose(userId))),
}
