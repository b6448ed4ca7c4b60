import * as Users from '../../wailsjs/go/app/Users'
import { call } from './errors'
import type { GoGeneratedToken, GoToken, GoUser, GoUserInput } from './models'
import { oneOf, type Refine } from './refine'

export type Role = 'gestor' | 'corretor'
export const roles: Role[] = ['gestor', 'corretor']

/** An administrative user; activeTokens counts tokens not revoked (they work only while the user is active). */
export type User = Refine<GoUser, { role: Role }>

/** id 0 creates; version is the User.version an edit was read at (absent for a new user). */
export type UserInput = Refine<GoUserInput, { role: Role | ''; version?: number }>

/** What may be known of a token after it was generated: never the token (active is false once revoked). */
export type Token = GoToken

/** plain is the token itself: in this answer only, to be shown once. */
export type GeneratedToken = GoGeneratedToken

const user = (u: GoUser): User => ({ ...u, role: oneOf(roles, u.role, 'corretor') })

export const usersApi = {
  list: (): Promise<User[]> => call(async () => ((await Users.List()) ?? []).map(user)),
  save: (input: UserInput): Promise<User> =>
    // A new user has no version to check: 0 tells Go to skip it.
    call(async () => user(await Users.Save({ ...input, version: input.version ?? 0 }))),
  setActive: (id: number, active: boolean): Promise<User> =>
    call(async () => user(await Users.SetActive(id, active))),
  tokens: (userId: number): Promise<Token[]> => call(async () => (await Users.Tokens(userId)) ?? []),
  generateToken: (userId: number, name: string): Promise<GeneratedToken> =>
    call(() => Users.GenerateToken(userId, name)),
  revokeToken: (tokenId: number): Promise<Token> => call(() => Users.RevokeToken(tokenId)),
}
