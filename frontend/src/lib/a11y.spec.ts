import { describe, it, expect, beforeEach } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { NCard, NForm, NFormItem, NIcon, NInput, NInputNumber, NModal, NSwitch } from 'naive-ui'
import { fixNaiveA11y, watchNaiveA11y } from './a11y'

beforeEach(() => {
  document.body.innerHTML = ''
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
