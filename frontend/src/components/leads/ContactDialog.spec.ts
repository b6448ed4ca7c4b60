import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'

const api = vi.hoisted(() => ({ setContact: vi.fn() }))
vi.mock('../../api', async (orig) => ({
  ...(await orig<typeof import('../../api')>()),
  leadsApi: { setContact: api.setContact },
}))

import ContactDialog from './ContactDialog.vue'
import { i18n } from '../../i18n'

async function mountIt() {
  const Host = defineComponent(() => () => h(ContactDialog, { show: true, leadId: 'V9' }))
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}
const input = () => document.querySelector('[data-testid="contact-phone"] input') as HTMLInputElement
const dialog = () => document.querySelector('[data-testid="contact-dialog"]')?.textContent ?? ''
async function type(value: string) {
  input().value = value
  input().dispatchEvent(new Event('input'))
  await flushPromises()
}
const save = async () => {
  ;(document.querySelector('[data-testid="contact-save"]') as HTMLButtonElement).click()
  await flushPromises()
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  api.setContact.mockReset()
  document.body.innerHTML = ''
})

describe('ContactDialog: the visitor’s phone', () => {
  it('typing digits shows (DDD) number; a landline too', async () => {
    const w = await mountIt()
    await type('11912345678')
    expect(input().value).toBe('(11) 91234-5678')
    await type('1134567890')
    expect(input().value).toBe('(11) 3456-7890')
    w.unmount()
  })

  it('an unfinished phone is refused before save, with a pt-BR message naming the field', async () => {
    const w = await mountIt()
    await type('1234')
    expect(dialog()).not.toContain('Telefone incompleto')
    await save()
    expect(api.setContact).not.toHaveBeenCalled()
    expect(dialog()).toContain('Telefone incompleto: informe DDD e número, como (11) 98765-4321.')
    w.unmount()
  })

  it('keeps a foreign number written with + as typed and sends it', async () => {
    api.setContact.mockResolvedValue({ id: 'V9' })
    const w = await mountIt()
    await type('+351912345678')
    expect(input().value).toBe('+351912345678')
    await save()
    expect(api.setContact).toHaveBeenCalledWith('V9', { email: '', phone: '+351912345678' })
    w.unmount()
  })

  it('a foreign number too short is refused with what a number outside Brazil needs, not a DDD', async () => {
    const w = await mountIt()
    await type('+1555')
    expect(input().value).toBe('+1555')
    await save()
    expect(api.setContact).not.toHaveBeenCalled()
    expect(dialog()).toContain('Telefone incompleto: de fora do Brasil, informe + código do país e o número inteiro, como +351912345678.')
    expect(dialog()).not.toContain('DDD')
    w.unmount()
  })

  it('sends a Brazilian phone as shown, the text Go parses', async () => {
    api.setContact.mockResolvedValue({ id: 'V9' })
    const w = await mountIt()
    await type('+55 11 91234-5678')
    expect(input().value).toBe('(11) 91234-5678')
    await save()
    expect(api.setContact).toHaveBeenCalledWith('V9', { email: '', phone: '(11) 91234-5678' })
    w.unmount()
  })
})
