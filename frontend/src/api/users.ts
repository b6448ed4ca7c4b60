import * as Users from '../../wailsjs/go/app/Users'
import { call } from './errors'
import type { GoGeneratedToken, GoToken, GoUser, GoUserInput } from './models'
import { oneOf, type Refine } from './refine'

export type Role = 'gestor' | 'corretor'
export const roles: Role[] = ['gestor', 'corretor']

/** An administrative user; activeTokens counts tokens not revoked (they work only while the user is active). */
export type User = Refine<GoUser, { role: Role }>

/** id 0 creates. */
export type UserInput = Refine<GoUserInput, { role: Role | '' }>

/** What may be known of a token after it was generated: never the token (active is false once revoked). */
export type Token = GoToken

/** plain is the token itself: in this answer only, to be shown once. */
export type GeneratedToken = GoGeneratedToken

const user = (u: GoUser): User => ({ ...u, role: oneOf(roles, u.role, 'corretor') })

export const usersApi = {
  list: (): Promise<User[]> => call(async () => ((await Users.List()) ?? []).map(user)),
  save: (input: UserInput): Promise<User> =>
    call(async () => user(await Users.Save({ ...input }))),
  setActive: (id: number, active: boolean): Promise<User> =>
    call(async () => user(await Users.SetActive(id, active))),
  tokens: (userId: number): Promise<Token[]> => call(async () => (await Users.Tokens(userId)) ?? []),
  generateToken: (userId: number, name: string): Promise<GeneratedToken> =>
    call(() => Users.GenerateToken(userId, name)),
  revokeToken: (tokenId: number): Promise<Token> => call(() => Users.RevokeToken(tokenId)),
}
