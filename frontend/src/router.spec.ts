import { describe, it, expect } from 'vitest'
import { routes } from './router'
import DashboardPage from './pages/DashboardPage.vue'

// The window paints the shell and the Painel from the entry chunk alone; the
// other screens are fetched the first time they are opened (issue #18: the
// JavaScript before the first paint stays small as screens are added).
describe('routes', () => {
  it('ship the Painel in the entry and load every other screen on demand', async () => {
    const screens = routes.filter((r) => r.component)
    expect(screens.find((r) => r.name === 'dashboard')?.component).toBe(DashboardPage)
    const lazy = screens.filter((r) => r.name !== 'dashboard')
    expect(lazy.map((r) => r.name)).toEqual(
      expect.arrayContaining(['reservations', 'reservation', 'developments', 'contracts', 'leads', 'integrations', 'users', 'office', 'about']),
    )
    for (const r of lazy) {
      // A lazy route is a loader (a function resolving to the page), not the page object.
      expect(typeof r.component, String(r.name)).toBe('function')
      const page = ((await (r.component as () => Promise<{ default: unknown }>)()) as { default: unknown }).default
      expect(page, String(r.name)).toBeTypeOf('object')
    }
  })
})
