import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({ get: vi.fn(), choose: vi.fn() }))
vi.mock('vue-router', () => ({ useRoute: () => ({ fullPath: '/' }) }))
vi.mock('../../api/who', () => ({ whoApi: api }))

import WhoPicker from './WhoPicker.vue'
import { i18n } from '../../i18n'

const ana = { id: 1, name: 'Ana Gestora', role: 'gestor', email: '', active: true }
const bruno = { id: 2, name: 'Bruno Corretor', role: 'corretor', email: '', active: true }
const nobody = { userId: 0, name: '' }

async function mountIt() {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(WhoPicker)))
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}
const q = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  api.get.mockReset()
  api.choose.mockReset()
  document.body.innerHTML = ''
})

describe('WhoPicker', () => {
  it('in office mode with nobody chosen, asks who is using the PC and shows the choice in the shell', async () => {
    api.get.mockResolvedValue({ office: true, ask: true, actor: nobody, users: [ana, bruno] })
    api.choose.mockResolvedValue({ office: true, ask: false, actor: { userId: 2, name: 'Bruno Corretor' }, users: [ana, bruno] })
    const w = await mountIt()
    expect(q('who-picker')?.textContent).toContain('Quem está usando este computador?')
    expect(q('who-picker')?.textContent).toContain('Bruno Corretor — Corretor')
    ;(q('who-user-2')?.querySelector('input') as HTMLInputElement).click()
    await flushPromises()
    ;(q('who-confirm') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.choose).toHaveBeenCalledWith(2)
    expect(q('who-current')?.textContent).toBe('Usando: Bruno Corretor')
    w.unmount()
  })

  it('remembered person: no question, the name in the shell and Trocar opens the list', async () => {
    api.get.mockResolvedValue({ office: true, ask: false, actor: { userId: 1, name: 'Ana Gestora' }, users: [ana, bruno] })
    const w = await mountIt()
    expect(q('who-picker')).toBeNull()
    expect(q('who-current')?.textContent).toBe('Usando: Ana Gestora')
    ;(q('who-switch') as HTMLButtonElement).click()
    await flushPromises()
    expect(q('who-picker')?.textContent).toContain('Ana Gestora')
    w.unmount()
  })

  it('no users yet: does not block, says where to create one', async () => {
    api.get.mockResolvedValue({ office: true, ask: false, actor: nobody, users: [] })
    const w = await mountIt()
    expect(q('who-picker')).toBeNull()
    expect(q('who-no-users')?.textContent).toContain('crie um usuário em Configurações → Usuários')
    w.unmount()
  })

  it('single PC: shows nothing', async () => {
    api.get.mockResolvedValue({ office: false, ask: false, actor: nobody, users: [] })
    const w = await mountIt()
    expect(q('who')).toBeNull()
    w.unmount()
  })
})
