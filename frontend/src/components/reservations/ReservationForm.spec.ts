import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, nextTick } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({
  brokers: vi.fn(),
  availableUnits: vi.fn(),
  save: vi.fn(),
  usersSave: vi.fn(),
  devs: vi.fn(),
}))
vi.mock('vue-router', () => ({ useRoute: () => ({ query: {} }) }))
vi.mock('../../api/reservations', async (orig) => ({
  ...(await orig<typeof import('../../api/reservations')>()),
  reservationsApi: { brokers: api.brokers, availableUnits: api.availableUnits, save: api.save },
}))
vi.mock('../../api/users', async (orig) => ({
  ...(await orig<typeof import('../../api/users')>()),
  usersApi: { save: api.usersSave },
}))
vi.mock('../../api', async (orig) => ({
  ...(await orig<typeof import('../../api')>()),
  developmentsApi: { list: api.devs },
  leadsApi: { get: vi.fn(), setStage: vi.fn() },
}))

import ReservationForm from './ReservationForm.vue'
import { i18n } from '../../i18n'

async function mountIt(props: Record<string, unknown> = {}) {
  const Host = defineComponent(() => () =>
    h(NMessageProvider, () => h(NDialogProvider, () => h(ReservationForm, props))),
  )
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return w
}

const brokerField = () => document.querySelector('[data-testid="reservation-broker"]') as HTMLElement

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const f of Object.values(api)) f.mockReset()
  api.devs.mockResolvedValue([{ id: 1, name: 'Residencial Aurora' }])
  api.availableUnits.mockResolvedValue([])
  document.body.innerHTML = ''
})

describe('ReservationForm: Corretor', () => {
  it('with no corretor yet, shows no raw 0 and says to create one right there', async () => {
    api.brokers.mockResolvedValue([])
    const w = await mountIt()
    const text = brokerField().textContent ?? ''
    expect(text).not.toMatch(/(^|\s)0(\s|$)/)
    expect(text).toContain('Nenhum corretor cadastrado: crie um ao lado')
    expect(w.get('[data-testid="reservation-broker-add"]').text()).toBe('Novo corretor')
    w.unmount()
  })

  it('creates a corretor without leaving the form; it becomes the selected one and is saved', async () => {
    api.brokers.mockResolvedValueOnce([]).mockResolvedValue([{ id: 9, name: 'Carla Menezes', role: 'corretor' }])
    api.usersSave.mockResolvedValue({ id: 9, name: 'Carla Menezes', email: 'carla@imob.com.br', role: 'corretor' })
    api.save.mockImplementation(async (input: unknown) => ({ ...(input as object), id: 5 }))
    const w = await mountIt()
    const holder = document.querySelector('[data-testid="holder-name"] input') as HTMLInputElement
    holder.value = 'José da Conceição'
    holder.dispatchEvent(new Event('input'))
    await w.get('[data-testid="reservation-broker-add"]').trigger('click')
    await flushPromises()
    const modal = document.querySelector('[data-testid="user-form"]') as HTMLElement
    expect(modal).not.toBeNull()
    const name = modal.querySelector('[data-testid="user-name"] input') as HTMLInputElement
    name.value = 'Carla Menezes'
    name.dispatchEvent(new Event('input'))
    const email = modal.querySelector('[data-testid="user-email"] input') as HTMLInputElement
    email.value = 'carla@imob.com.br'
    email.dispatchEvent(new Event('input'))
    ;(modal.querySelector('[data-testid="user-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.usersSave).toHaveBeenCalledWith({ id: 0, name: 'Carla Menezes', email: 'carla@imob.com.br', role: 'corretor' })
    expect(brokerField().textContent).toContain('Carla Menezes')
    // What was typed before is still there.
    expect((document.querySelector('[data-testid="holder-name"] input') as HTMLInputElement).value).toBe('José da Conceição')
    ;(document.querySelector('[data-testid="reservation-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.save).toHaveBeenCalledOnce()
    expect(api.save.mock.calls[0][0].brokerId).toBe(9)
    w.unmount()
  })

  it('keeps the form open with the field error when the corretor cannot be created', async () => {
    api.brokers.mockResolvedValue([])
    api.usersSave.mockRejectedValue({ code: 'validation.failed', data: { fields: { email: 'email.invalid' } } })
    const w = await mountIt()
    await w.get('[data-testid="reservation-broker-add"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-testid="user-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(document.querySelector('[data-testid="user-form"]')).not.toBeNull()
    expect(brokerField().textContent).toContain('Nenhum corretor cadastrado')
    w.unmount()
  })
})

describe('ReservationForm: Data de nascimento', () => {
  const reservation = {
    id: 5, unitId: 3, unitNumber: '102', blockName: 'Bloco A', stageName: 'Etapa 1', developmentId: 1,
    developmentName: 'Residencial Aurora', brokerId: 0, brokerName: '', priceCents: 45000000, status: 'in_review',
    holder: { name: 'Maria', cpf: '', email: '', phone1: '', phone2: '', birthDate: '1990-05-20', address: '' },
    associates: [], createdAt: '',
  }

  it('shows a stored date as dd/mm/aaaa and an empty one with a pt-BR hint', async () => {
    api.brokers.mockResolvedValue([])
    const w = await mountIt({ reservation })
    const input = document.querySelector('[data-testid="holder-birthDate"] input') as HTMLInputElement
    expect(input.value).toBe('20/05/1990')
    w.unmount()
    document.body.innerHTML = ''
    const w2 = await mountIt()
    const empty = document.querySelector('[data-testid="holder-birthDate"] input') as HTMLInputElement
    expect(empty.value).toBe('')
    expect(empty.placeholder).toBe('dd/mm/aaaa')
    w2.unmount()
  })

  it('a date typed as dd/mm/aaaa is saved as AAAA-MM-DD', async () => {
    api.brokers.mockResolvedValue([])
    api.save.mockImplementation(async (input: unknown) => ({ ...(input as object), id: 5 }))
    const w = await mountIt({ reservation: { ...reservation, holder: { ...reservation.holder, birthDate: '' } } })
    const input = document.querySelector('[data-testid="holder-birthDate"] input') as HTMLInputElement
    input.dispatchEvent(new FocusEvent('focus'))
    input.value = '07/09/1985'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    input.dispatchEvent(new FocusEvent('blur'))
    await flushPromises()
    ;(document.querySelector('[data-testid="reservation-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.save).toHaveBeenCalledOnce()
    expect(api.save.mock.calls[0][0].holder.birthDate).toBe('1985-09-07')
    w.unmount()
  })
})

describe('ReservationForm: another PC saved first', () => {
  const reservation = {
    id: 5, unitId: 3, unitNumber: '102', blockName: 'Bloco A', stageName: 'Etapa 1', developmentId: 1,
    developmentName: 'Residencial Aurora', brokerId: 0, brokerName: '', priceCents: 45000000, status: 'in_review',
    holder: { name: 'Maria', cpf: '', email: '', phone1: '', phone2: '', birthDate: '', address: '' },
    associates: [], createdAt: '', createdByName: 'Bruno Corretor', updatedByName: '', version: 3,
  }

  it('sends the version it read, names who changed it and when, and keeps what was typed', async () => {
    api.brokers.mockResolvedValue([])
    api.save.mockRejectedValue({ code: 'record.conflict', data: { by: 'Ana Gestora', at: '2026-12-07T17:32:00Z' } })
    const w = await mountIt({ reservation })
    const holder = document.querySelector('[data-testid="holder-name"] input') as HTMLInputElement
    holder.value = 'Maria da Silva Souza'
    holder.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-testid="reservation-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.save).toHaveBeenCalledOnce()
    expect(api.save.mock.calls[0][0].version).toBe(3)
    // 17:32 UTC is 14:32 in São Paulo.
    expect(w.get('[data-testid="reservation-form"]').text()).toContain(
      'Ana Gestora alterou este registro às 14:32 de 07/12. Recarregue para ver a versão atual; o que você digitou continua no formulário.',
    )
    expect((document.querySelector('[data-testid="holder-name"] input') as HTMLInputElement).value).toBe('Maria da Silva Souza')
    // "Recarregar" asks the page for the current version.
    ;(document.querySelector('[data-testid="reservation-reload"]') as HTMLButtonElement).click()
    expect(w.findComponent(ReservationForm).emitted('reload')).toHaveLength(1)
    w.unmount()
  })

  it('opens with the reservation already in its fields, and keeps what is typed before the lists arrive', async () => {
    // The developments and corretores are still on their way from Go.
    let arrive: (v: unknown[]) => void = () => {}
    api.brokers.mockReturnValue(new Promise((r) => (arrive = r)))
    const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(ReservationForm, { reservation } as never))))
    const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
    await nextTick()
    const holder = () => document.querySelector('[data-testid="holder-name"] input') as HTMLInputElement
    expect(holder().value).toBe('Maria')
    holder().value = 'Maria da Silva Souza'
    holder().dispatchEvent(new Event('input'))
    arrive([])
    await flushPromises()
    expect(holder().value).toBe('Maria da Silva Souza')
    w.unmount()
  })

  it('says "Outra pessoa" when the desktop that saved had nobody chosen', async () => {
    api.brokers.mockResolvedValue([])
    api.save.mockRejectedValue({ code: 'record.conflict', data: { by: '', at: '2026-12-07T17:32:00Z' } })
    const w = await mountIt({ reservation })
    ;(document.querySelector('[data-testid="reservation-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(w.get('[data-testid="reservation-form"]').text()).toContain('Outra pessoa alterou este registro às 14:32 de 07/12.')
    w.unmount()
  })
})

describe('ReservationForm: masks and checks as you type', () => {
  const input = (testid: string) => document.querySelector(`[data-testid="${testid}"] input`) as HTMLInputElement
  const item = (testid: string) => input(testid).closest('.n-form-item') as HTMLElement
  async function type(testid: string, value: string) {
    const el = input(testid)
    el.dispatchEvent(new FocusEvent('focus'))
    el.value = value
    el.dispatchEvent(new Event('input'))
    await flushPromises()
  }
  async function leave(testid: string) {
    input(testid).dispatchEvent(new FocusEvent('blur'))
    await flushPromises()
  }
  const unit = {
    id: 5, unitId: 3, unitNumber: '102', blockName: 'Bloco A', stageName: 'Etapa 1', developmentId: 1,
    developmentName: 'Residencial Aurora', brokerId: 0, brokerName: '', priceCents: 45000000, status: 'in_review',
    holder: { name: 'Maria Souza', cpf: '', email: 'maria@exemplo.com.br', phone1: '', phone2: '', birthDate: '', address: '' },
    associates: [], createdAt: '', version: 1,
  }

  it('typing digits shows CPF, phones and price the way they are written in Brazil', async () => {
    api.brokers.mockResolvedValue([])
    const w = await mountIt()
    await type('holder-cpf', '52998224725')
    expect(input('holder-cpf').value).toBe('529.982.247-25')
    await type('holder-phone1', '11987654321')
    expect(input('holder-phone1').value).toBe('(11) 98765-4321')
    await type('holder-phone2', '1134567890')
    expect(input('holder-phone2').value).toBe('(11) 3456-7890')
    await type('reservation-price', '450000')
    expect(input('reservation-price').value).toBe('450.000')
    expect(item('reservation-price').textContent).toContain('R$')
    await type('holder-birthDate', '07091985')
    expect(input('holder-birthDate').value).toBe('07/09/1985')
    w.unmount()
  })

  it('the price keeps its value key by key: "." typed as the decimal point, a digit deleted, a spreadsheet value pasted', async () => {
    api.brokers.mockResolvedValue([])
    const w = await mountIt()
    // Key by key, as the browser hands each new text to the field.
    async function keys(text: string) {
      for (const c of text) await type('reservation-price', input('reservation-price').value + c)
    }
    await keys('1500.50')
    expect(input('reservation-price').value).toBe('1.500,50')
    await type('reservation-price', '')
    await keys('1234')
    expect(input('reservation-price').value).toBe('1.234')
    // Backspace: the thousands dot stays a thousands dot.
    await type('reservation-price', input('reservation-price').value.slice(0, -1))
    expect(input('reservation-price').value).toBe('123')
    // A whole value pasted from a spreadsheet.
    await type('reservation-price', '')
    const paste = new Event('paste', { cancelable: true }) as Event & { clipboardData: { getData: () => string } }
    paste.clipboardData = { getData: () => '1500.50' }
    input('reservation-price').dispatchEvent(paste)
    await flushPromises()
    expect(input('reservation-price').value).toBe('1.500,50')
    w.unmount()
  })

  it('a pasted CPF works formatted or bare, and a pasted +55 phone loses its country code', async () => {
    api.brokers.mockResolvedValue([])
    const w = await mountIt()
    await type('holder-cpf', '529.982.247-25')
    expect(input('holder-cpf').value).toBe('529.982.247-25')
    expect(item('holder-cpf').textContent).not.toContain('inválido')
    await type('holder-cpf', '')
    await type('holder-cpf', '52998224725')
    expect(input('holder-cpf').value).toBe('529.982.247-25')
    await type('holder-phone1', '+55 (11) 98765-4321')
    expect(input('holder-phone1').value).toBe('(11) 98765-4321')
    expect(item('holder-phone1').textContent).not.toContain('inválido')
    w.unmount()
  })

  it('a wrong CPF is named under its field once complete, not at the first digits', async () => {
    api.brokers.mockResolvedValue([])
    const w = await mountIt()
    await type('holder-cpf', '529')
    // Only the label: no message while the first digits go in.
    expect(item('holder-cpf').textContent).toBe('CPF')
    await type('holder-cpf', '52998224724')
    expect(item('holder-cpf').textContent).toContain('CPF inválido: confira os dígitos.')
    // Fixed: the message goes.
    await type('holder-cpf', '52998224725')
    expect(item('holder-cpf').textContent).not.toContain('inválido')
    w.unmount()
  })

  it('an unfinished phone is named when the user leaves the field', async () => {
    api.brokers.mockResolvedValue([])
    const w = await mountIt()
    await type('holder-phone1', '119876')
    expect(item('holder-phone1').textContent).not.toContain('incompleto')
    await leave('holder-phone1')
    expect(item('holder-phone1').textContent).toContain('Telefone 1 incompleto: informe DDD e número')
    w.unmount()
  })

  it('a day that does not exist is named, and a birth date in the future too', async () => {
    api.brokers.mockResolvedValue([])
    const w = await mountIt()
    await type('holder-birthDate', '31021990')
    // Said as soon as the day is whole, while the field still shows it.
    expect(item('holder-birthDate').textContent).toContain('Data de nascimento inválida: use dd/mm/aaaa')
    await type('holder-birthDate', '01012999')
    await leave('holder-birthDate')
    expect(item('holder-birthDate').textContent).toContain('Data de nascimento no futuro')
    w.unmount()
  })

  it('a day the calendar drops on leaving: the field shows the stored date again, its message agrees and Salvar saves', async () => {
    api.brokers.mockResolvedValue([])
    api.save.mockImplementation(async (i: unknown) => ({ ...unit, ...(i as object) }))
    const w = await mountIt({ reservation: { ...unit, holder: { ...unit.holder, birthDate: '1990-05-20' } } })
    await type('holder-birthDate', '31021985')
    expect(input('holder-birthDate').value).toBe('31/02/1985')
    expect(item('holder-birthDate').textContent).toContain('Data de nascimento inválida')
    await leave('holder-birthDate')
    // NDatePicker took no 31/02: it shows the date it had.
    expect(input('holder-birthDate').value).toBe('20/05/1990')
    const said = item('holder-birthDate').textContent ?? ''
    expect(said).not.toContain('inválida')
    expect(said).toContain('Data de nascimento: “31/02/1985” não foi aceita e o campo voltou ao que era')
    ;(document.querySelector('[data-testid="reservation-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.save).toHaveBeenCalledOnce()
    expect(api.save.mock.calls[0][0].holder.birthDate).toBe('1990-05-20')
    w.unmount()
  })

  it('a date left half-typed: the field empties, no "incompleta" under it, and Salvar saves', async () => {
    api.brokers.mockResolvedValue([])
    api.save.mockImplementation(async (i: unknown) => ({ ...unit, ...(i as object) }))
    const w = await mountIt({ reservation: unit })
    await type('holder-birthDate', '070919')
    expect(input('holder-birthDate').value).toBe('07/09/19')
    await leave('holder-birthDate')
    expect(input('holder-birthDate').value).toBe('')
    expect(item('holder-birthDate').textContent).not.toContain('incompleta')
    ;(document.querySelector('[data-testid="reservation-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.save).toHaveBeenCalledOnce()
    expect(api.save.mock.calls[0][0].holder.birthDate).toBe('')
    expect(item('holder-birthDate').textContent).not.toContain('incompleta')
    w.unmount()
  })

  it('a wrong CPF is refused before save; nothing goes to Go', async () => {
    api.brokers.mockResolvedValue([])
    const w = await mountIt({ reservation: unit })
    await type('holder-cpf', '111.111.111-12')
    await leave('holder-cpf')
    ;(document.querySelector('[data-testid="reservation-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.save).not.toHaveBeenCalled()
    expect(item('holder-cpf').textContent).toContain('CPF inválido: confira os dígitos.')
    w.unmount()
  })

  it('an unfinished CPF left untouched is said on save', async () => {
    api.brokers.mockResolvedValue([])
    const w = await mountIt({ reservation: { ...unit, holder: { ...unit.holder, cpf: '529982' } } })
    expect(item('holder-cpf').textContent).not.toContain('incompleto')
    ;(document.querySelector('[data-testid="reservation-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.save).not.toHaveBeenCalled()
    expect(item('holder-cpf').textContent).toContain('CPF incompleto')
    w.unmount()
  })

  it('saving sends what Go parses: masked CPF and phones, price as pt-BR text, birth date AAAA-MM-DD', async () => {
    api.brokers.mockResolvedValue([])
    api.save.mockImplementation(async (i: unknown) => ({ ...unit, ...(i as object) }))
    const w = await mountIt({ reservation: unit })
    // A value stored bare (or a lead's E.164 phone) shows masked.
    expect(input('reservation-price').value).toBe('450.000,00')
    await type('holder-cpf', '52998224725')
    await type('holder-phone1', '+55 11 98765-4321')
    await type('reservation-price', '1234567,8')
    await type('holder-birthDate', '07091985')
    await leave('holder-birthDate')
    ;(document.querySelector('[data-testid="reservation-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.save).toHaveBeenCalledOnce()
    const sent = api.save.mock.calls[0][0]
    expect(sent.holder.cpf).toBe('529.982.247-25')
    expect(sent.holder.phone1).toBe('(11) 98765-4321')
    expect(sent.price).toBe('1.234.567,8')
    expect(sent.holder.birthDate).toBe('1985-09-07')
    w.unmount()
  })

  it('a refusal from Go still shows on its field until the value is edited', async () => {
    api.brokers.mockResolvedValue([])
    api.save.mockRejectedValue({
      code: 'validation.failed',
      problems: [{ code: 'reservation.duplicate_cpf', field: 'holder.cpf' }],
    })
    const w = await mountIt({ reservation: { ...unit, holder: { ...unit.holder, cpf: '529.982.247-25', phone1: '11987654321' } } })
    ;(document.querySelector('[data-testid="reservation-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.save).toHaveBeenCalledOnce()
    expect(item('holder-cpf').textContent).toContain('Esta pessoa já está na reserva (mesmo CPF).')
    await type('holder-cpf', '52998224')
    expect(item('holder-cpf').textContent).not.toContain('mesmo CPF')
    w.unmount()
  })
})

describe('ReservationForm: Data de nascimento while typing', () => {
  it('says nothing while the digits of the date go in, slashes added as they come', async () => {
    api.brokers.mockResolvedValue([])
    api.save.mockImplementation(async (i: unknown) => ({ ...(i as object), id: 5 }))
    const w = await mountIt()
    const el = document.querySelector('[data-testid="holder-birthDate"] input') as HTMLInputElement
    const item = el.closest('.n-form-item') as HTMLElement
    el.dispatchEvent(new FocusEvent('focus'))
    for (const v of ['07', '0709', '070919']) {
      el.value = v
      el.dispatchEvent(new Event('input'))
      await flushPromises()
    }
    expect(el.value).toBe('07/09/19')
    expect(item.textContent).toBe('Data de nascimento')
    el.value = '07/09/1985'
    el.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(item.textContent).toBe('Data de nascimento')
    w.unmount()
  })
})
