import { describe, it, expect, afterEach, beforeEach, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { NCard, NDataTable, NForm, NFormItem, NIcon, NInput, NInputNumber, NModal, NSwitch } from 'naive-ui'
import { fixNaiveA11y, watchNaiveA11y } from './a11y'

beforeEach(() => {
  document.body.innerHTML = ''
})
afterEach(() => {
  vi.restoreAllMocks()
})

const Screen = defineComponent({
  props: { modal: { type: Boolean, default: false } },
  setup(props) {
    return () =>
      h('div', [
        h(NCard, { title: 'Titular' }, { default: () => 'conteúdo', 'header-extra': () => h('button', 'Editar') }),
        h(NIcon, null, { default: () => h('svg') }),
        h(NForm, null, {
          default: () => [
            h(NFormItem, { label: 'Nome completo' }, { default: () => h(NInput, { value: '' }) }),
            h(NFormItem, { label: 'Integrado' }, { default: () => h(NSwitch, { value: false }) }),
            h(NFormItem, { label: 'Ordem' }, { default: () => h(NInputNumber, { value: 1 }) }),
            h(NFormItem, { label: 'Já tem nome' }, { default: () => h(NInput, { value: '', inputProps: { 'aria-label': 'Outro nome' } }) }),
          ],
        }),
        h(NModal, { show: props.modal, preset: 'card', title: 'Novo usuário' }, { default: () => 'x' }),
      ])
  },
})

function byLabelledBy(el: Element): string {
  const id = el.getAttribute('aria-labelledby')
  return id ? (document.getElementById(id)?.textContent?.trim() ?? '') : ''
}

describe('fixNaiveA11y', () => {
  it('gives card titles a level, names inputs after their form label, hides decorative icons and names dialogs', async () => {
    const w = mount(Screen, { props: { modal: true }, attachTo: document.body })
    await flushPromises()
    fixNaiveA11y(document.body)

    const main = document.querySelector('.n-card-header__main')!
    expect(main.getAttribute('role')).toBe('heading')
    expect(main.getAttribute('aria-level')).toBe('2')
    expect(document.querySelector('.n-card-header')!.getAttribute('role')).toBe('none')

    const inputs = document.querySelectorAll('.n-form-item input')
    expect(byLabelledBy(inputs[0])).toBe('Nome completo')
    expect(byLabelledBy(document.querySelector('[role="switch"]')!)).toBe('Integrado')
    expect(byLabelledBy(document.querySelector('.n-input-number input')!)).toBe('Ordem')
    // An input already named keeps its own name.
    expect(inputs[inputs.length - 1].getAttribute('aria-labelledby')).toBeNull()
    expect(inputs[inputs.length - 1].getAttribute('aria-label')).toBe('Outro nome')

    for (const icon of document.querySelectorAll('.n-icon[role="img"]')) expect(icon.getAttribute('aria-hidden')).toBe('true')
    for (const step of document.querySelectorAll('.n-input-number .n-button')) expect(step.getAttribute('aria-hidden')).toBe('true')

    const dialog = document.querySelector('[role="dialog"]')!
    expect(byLabelledBy(dialog)).toBe('Novo usuário')
    w.unmount()
  })

  it('keeps up with what appears later (a modal opened after start)', async () => {
    const w = mount(Screen, { props: { modal: false }, attachTo: document.body })
    await flushPromises()
    const stop = watchNaiveA11y(document.body)
    await w.setProps({ modal: true })
    await flushPromises()
    await new Promise((r) => requestAnimationFrame(() => r(null)))
    const dialog = document.querySelector('[role="dialog"]')
    expect(dialog).toBeTruthy()
    expect(byLabelledBy(dialog!)).toBe('Novo usuário')
    stop()
    w.unmount()
  })
})

const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)))

// A list screen: a card with a form item and a table whose rows come and go
// (a virtual list scrolling replaces its rows on every frame), and a dialog
// that opens later.
const rows = ref<Array<{ id: number; name: string }>>([])
const dialogOpen = ref(false)
const ListScreen = defineComponent(() => () =>
  h('div', [
    h(NCard, { title: 'Reservas' }, () => [
      h(NFormItem, { label: 'Buscar' }, () => h(NInput, { value: '' })),
      h(NDataTable, {
        rowKey: (r: { id: number }) => r.id,
        data: rows.value,
        columns: [
          { title: 'Titular', key: 'name' },
          { title: '', key: 'icon', render: () => h(NIcon, null, { default: () => h('svg') }) },
        ],
      }),
    ]),
    h(NModal, { show: dialogOpen.value, preset: 'card', title: 'Nova reserva' }, () =>
      h(NFormItem, { label: 'Unidade' }, () => h(NInput, { value: '' })),
    ),
  ]),
)

describe('watchNaiveA11y', () => {
  it('a list scrolling mends only its new rows: no scan of the whole page, no label lookup per form item', async () => {
    rows.value = [1, 2, 3].map((id) => ({ id, name: `Titular ${id}` }))
    dialogOpen.value = false
    const w = mount(ListScreen, { attachTo: document.body })
    await flushPromises()
    const card = document.querySelector('.n-card') as HTMLElement
    const tbody = () => document.querySelector('.n-data-table-tbody') as HTMLElement
    const stop = watchNaiveA11y(document.body)
    const bodyScans = vi.spyOn(document.body, 'querySelectorAll')
    const cardScans = vi.spyOn(card, 'querySelectorAll')
    const labelLookups = vi.spyOn(document, 'querySelector')
    // Three frames of scrolling: rows leave, others arrive.
    for (const first of [4, 7, 10]) {
      rows.value = [first, first + 1, first + 2].map((id) => ({ id, name: `Titular ${id}` }))
      await flushPromises()
      await frame()
    }
    expect(bodyScans).not.toHaveBeenCalled()
    expect(cardScans).not.toHaveBeenCalled()
    expect(labelLookups).not.toHaveBeenCalled()
    expect(tbody().textContent).toContain('Titular 12')
    // The rows that arrived are mended all the same.
    const icons = tbody().querySelectorAll('.n-icon[role="img"]')
    expect(icons.length).toBe(3)
    for (const icon of icons) expect(icon.getAttribute('aria-hidden')).toBe('true')
    stop()
    w.unmount()
  })

  it('a dialog opened later still gets its name and its field its label, without a scan of the page', async () => {
    rows.value = [{ id: 1, name: 'Titular 1' }]
    dialogOpen.value = false
    const w = mount(ListScreen, { attachTo: document.body })
    await flushPromises()
    const stop = watchNaiveA11y(document.body)
    const bodyScans = vi.spyOn(document.body, 'querySelectorAll')
    dialogOpen.value = true
    await flushPromises()
    await frame()
    expect(bodyScans).not.toHaveBeenCalled()
    const dialog = document.querySelector('[role="dialog"]')
    expect(dialog).toBeTruthy()
    expect(byLabelledBy(dialog!)).toBe('Nova reserva')
    expect(byLabelledBy(dialog!.querySelector('input')!)).toBe('Unidade')
    stop()
    w.unmount()
  })
})
