import { describe, it, expect } from 'vitest'
import { shellEnUS, shellPtBR } from './shell'
import ptBR from './pt-BR'
import enUS from './en-US'

// What the window shows before the catalogue arrives must be what it shows
// after: the same sidebar, title and banner texts, in both languages.
describe('first-paint texts', () => {
  for (const [name, shell, full] of [
    ['pt-BR', shellPtBR, ptBR],
    ['en-US', shellEnUS, enUS],
  ] as const) {
    it(`agree with the ${name} catalogue`, () => {
      expect(shell.app).toEqual(full.app)
      expect(shell.nav).toEqual(full.nav)
      expect(shell.pages.dashboard.title).toBe(full.pages.dashboard.title)
      expect(shell.connection).toEqual(full.connection)
      expect(shell.a11y).toEqual(full.a11y)
    })
  }
})
