import { describe, it, expect, vi, beforeEach } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

const api = vi.hoisted(() => ({ list: vi.fn(), save: vi.fn(), setActive: vi.fn() }))
vi.mock('../api', async (orig) => ({ ...(await orig<typeof import('../api')>()), usersApi: api }))

import { useUsersStore } from './users'

const carla = (version: number, name: string) => ({
  id: 4, name, email: 'carla@imob.com.br', role: 'corretor', active: true, activeTokens: 0,
  createdAt: '', updatedAt: '', updatedByName: 'Ana Gestora', version,
})

beforeEach(() => {
  setActivePinia(createPinia())
  for (const f of Object.values(api)) f.mockReset()
})

describe('users store', () => {
  it('after a save refused because another PC saved first, the list holds the current version', async () => {
    api.list.mockResolvedValueOnce([carla(1, 'Carla Menezes')]).mockResolvedValue([carla(2, 'Carla Menezes Lima')])
    api.save.mockRejectedValue({ code: 'record.conflict', data: { by: 'Ana Gestora', at: '2026-12-07T17:32:00Z' } })
    const store = useUsersStore()
    await store.load()
    await expect(store.save({ id: 4, name: 'Carla M.', email: 'carla@imob.com.br', role: 'corretor', version: 1 })).rejects.toMatchObject({
      code: 'record.conflict',
    })
    expect(store.users[0].version).toBe(2)
    expect(store.users[0].name).toBe('Carla Menezes Lima')
  })
})
