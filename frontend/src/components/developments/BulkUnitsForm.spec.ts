import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import { NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({ createUnits: vi.fn() }))
vi.mock('../../api', async (orig) => {
  const real = await orig<typeof import('../../api')>()
  return { ...real, developmentsApi: { ...real.developmentsApi, createUnits: (...a: unknown[]) => api.createUnits(...a) } }
})

import BulkUnitsForm from './BulkUnitsForm.vue'
import type { Block } from '../../api'
import { i18n } from '../../i18n'

const block = { id: 100, name: 'Bloco A', units: [] } as unknown as Block

// "Criar unidades" of a block, as the manager opens it from Estrutura.
async function openForm() {
  const show = ref(false)
  const created: number[] = []
  const Host = defineComponent(
    () => () =>
      h(NMessageProvider, () =>
        h(BulkUnitsForm, {
          show: show.value,
          block,
          'onUpdate:show': (v: boolean) => (show.value = v),
          onCreated: (n: number) => created.push(n),
        }),
      ),
  )
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  show.value = true
  await nextTick()
  await flushPromises()
  const form = document.querySelector('[data-testid="bulk-form"] form') as HTMLFormElement
  const set = async (testid: string, value: string) => {
    const input = document.querySelector(`[data-testid="${testid}"] input`) as HTMLInputElement
    input.value = value
    input.dispatchEvent(new Event('input'))
    await nextTick()
  }
  const submit = () => form.dispatchEvent(new Event('submit', { cancelable: true }))
  return { w, show, created, set, submit }
}

const notices = () => [...document.querySelectorAll('.n-message')].map((e) => e.textContent?.trim())
const feedback = () => [...document.querySelectorAll('[data-testid="bulk-form"] .n-form-item-feedback')].map((e) => e.textContent?.trim()).filter(Boolean)

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
  api.createUnits.mockReset()
})

describe('Criar unidades (BulkUnitsForm)', () => {
  it('puts a refused field’s message under that field and keeps the form open', async () => {
    // developmentsApi rejects with an AppError (the api layer parses Wails' Error).
    api.createUnits.mockRejectedValue({ code: 'validation.failed', problems: [{ code: 'field.required', field: 'floorTo' }] })
    const { w, show, submit } = await openForm()
    submit()
    await flushPromises()
    expect(feedback()).toEqual(['Preencha este campo.'])
    expect(notices()).toEqual([])
    expect(show.value).toBe(true)
    w.unmount()
  })

  it('shows a refusal that names no field as a notice instead of dropping it', async () => {
    api.createUnits.mockRejectedValue({ code: 'units.overlap', data: { numbers: '101, 102' } })
    const { w, show, submit } = await openForm()
    submit()
    await flushPromises()
    expect(notices()).toEqual(['Já existem as unidades 101, 102 neste bloco. Ajuste os andares ou a quantidade; nada foi criado.'])
    expect(show.value).toBe(true)
    w.unmount()
  })

  it('creates once when Criar is pressed again while the first request runs', async () => {
    let finish!: (n: number) => void
    api.createUnits.mockImplementation(() => new Promise<number>((r) => (finish = r)))
    const { w, show, created, set, submit } = await openForm()
    await set('bulk-floor-to', '3')
    submit()
    submit()
    await flushPromises()
    expect(api.createUnits).toHaveBeenCalledTimes(1)
    expect(api.createUnits.mock.calls[0][0]).toMatchObject({ blockId: 100, floorFrom: '1', floorTo: '3', unitsPerFloor: '4' })
    finish(12)
    await flushPromises()
    expect(created).toEqual([12])
    expect(show.value).toBe(false)
    w.unmount()
  })

  it('shows Preço in R$ with pt-BR grouping and sends the text Go parses', async () => {
    api.createUnits.mockResolvedValue(4)
    const { w, set, submit } = await openForm()
    await set('bulk-floor-to', '1')
    await set('bulk-area', '65,4')
    await set('bulk-price', '450000')
    const value = (id: string) => (document.querySelector(`[data-testid="${id}"] input`) as HTMLInputElement).value
    expect(value('bulk-price')).toBe('450.000')
    expect(document.querySelector('[data-testid="bulk-price"]')?.textContent).toContain('R$')
    expect(document.querySelector('[data-testid="bulk-area"]')?.textContent).toContain('m²')
    // A price pasted from a spreadsheet in English: the paste is read whole.
    await set('bulk-price', '')
    const paste = new Event('paste', { cancelable: true }) as Event & { clipboardData: { getData: () => string } }
    paste.clipboardData = { getData: () => '1234.5' }
    document.querySelector('[data-testid="bulk-price"] input')!.dispatchEvent(paste)
    await flushPromises()
    expect(value('bulk-price')).toBe('1.234,5')
    submit()
    await flushPromises()
    expect(api.createUnits.mock.calls[0][0]).toMatchObject({ area: '65,4', price: '1.234,5' })
    w.unmount()
  })
})
