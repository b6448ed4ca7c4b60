import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NMessageProvider } from 'naive-ui'
import UserForm from './UserForm.vue'
import { i18n } from '../../i18n'
import type { User } from '../../api'

const carla: User = {
  id: 4, name: 'Carla Menezes', email: 'carla@imob.com.br', role: 'corretor', active: true, activeTokens: 0,
  createdAt: '', updatedAt: '', updatedByName: 'Ana Gestora', version: 4,
}

async function mountIt(save: (input: unknown) => Promise<unknown>) {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(UserForm, { show: true, editing: carla, save })))
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}

const modal = () => document.querySelector('[data-testid="user-form"]') as HTMLElement

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
})

describe('UserForm: another PC saved first', () => {
  it('sends the version it read, says who changed it and when, and keeps the form open with the typing', async () => {
    const save = vi.fn().mockRejectedValue({ code: 'record.conflict', data: { by: 'Ana Gestora', at: '2026-12-07T17:32:00Z' } })
    const w = await mountIt(save)
    const name = modal().querySelector('[data-testid="user-name"] input') as HTMLInputElement
    name.value = 'Carla Menezes Lima'
    name.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(modal().querySelector('[data-testid="user-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(save).toHaveBeenCalledWith({ id: 4, name: 'Carla Menezes Lima', email: 'carla@imob.com.br', role: 'corretor', version: 4 })
    expect(modal().textContent).toContain('Ana Gestora alterou este registro às 14:32 de 07/12.')
    expect((modal().querySelector('[data-testid="user-name"] input') as HTMLInputElement).value).toBe('Carla Menezes Lima')
    w.unmount()
  })
})
