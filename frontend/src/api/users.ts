import * as Users from '../../wailsjs/go/app/Users'
import { crm } from '../../wailsjs/go/models'
import { call } from './errors'

export type Role = 'gestor' | 'corretor'
export const roles: Role[] = ['gestor', 'corretor']

export interface User {
  id: number
  name: string
  email: string
  role: Role
  active: boolean
  /** Tokens not revoked (they work only while the user is active). */
  activeTokens: number
  createdAt: string
  updatedAt: string
  deactivatedAt?: string
}

export interface UserInput {
  /** 0 creates. */
  id: number
  name: string
  email: string
  role: Role | ''
}

/** What may be known of a token after it was generated: never the token. */
export interface Token {
  id: number
  userId: number
  name: string
  last4: string
  /** False once revoked. */
  active: boolean
  createdAt: string
  revokedAt?: string
}

export interface GeneratedToken {
  token: Token
  /** The token itself: in this answer only, to be shown once. */
  plain: string
}

export const usersApi = {
  list: (): Promise<User[]> => call(async () => ((await Users.List()) ?? []) as unknown as User[]),
  save: (input: UserInput): Promise<User> =>
    call(async () => (await Users.Save(crm.UserInput.createFrom(input))) as unknown as User),
  setActive: (id: number, active: boolean): Promise<User> =>
    call(async () => (await Users.SetActive(id, active)) as unknown as User),
  tokens: (userId: number): Promise<Token[]> => call(async () => ((await Users.Tokens(userId)) ?? []) as unknown as Token[]),
  generateToken: (userId: number, name: string): Promise<GeneratedToken> =>
    call(async () => (await Users.GenerateToken(userId, name)) as unknown as GeneratedToken),
  revokeToken: (tokenId: number): Promise<Token> => call(async () => (await Users.RevokeToken(tokenId)) as unknown as Token),
}
