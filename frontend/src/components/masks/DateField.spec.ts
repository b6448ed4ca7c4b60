import { describe, it, expect, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import DateField from './DateField.vue'
import { useFieldChecks, type FieldChecks } from '../../composables/useFieldChecks'
import { i18n } from '../../i18n'

// A form around one birth-date field; the test sets its value from outside
// (a reset) and asks the form's checks, as Salvar does.
const value = ref('')
let checks: FieldChecks
const Form = defineComponent(() => {
  checks = useFieldChecks()
  return () =>
    h(DateField, {
      value: value.value,
      label: 'Data de nascimento',
      past: true,
      testid: 'birth',
      'onUpdate:value': (v: string) => (value.value = v),
    })
})

const input = () => document.querySelector('[data-testid="birth"] input') as HTMLInputElement
const item = () => input().closest('.n-form-item') as HTMLElement
const feedback = () => item().querySelector('.n-form-item-feedback-wrapper')?.textContent ?? ''

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
})

// The form's value set back to '' by its owner (a reset after saving): the
// field empties, with no message left and nothing refused.
async function resetFromOutside() {
  value.value = ''
  await flushPromises()
  expect(input().value).toBe('')
  expect(feedback()).toBe('')
  expect(checks.ok()).toBe(true)
}

describe('DateField: the check judges what the field shows', () => {
  it('a value reset to "" from outside empties the text: no stale message, Salvar not refused', async () => {
    value.value = '2999-01-01'
    const w = mount(Form, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(input().value).toBe('01/01/2999')
    expect(checks.ok()).toBe(false)
    await flushPromises()
    expect(item().textContent).toContain('Data de nascimento no futuro')
    await resetFromOutside()
    w.unmount()
  })

  it('half a date typed, then the value reset while the user is elsewhere: nothing stale stays', async () => {
    value.value = '1990-05-20'
    const w = mount(Form, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    const el = input()
    el.dispatchEvent(new FocusEvent('focus'))
    el.value = '07/09/19'
    el.dispatchEvent(new Event('input'))
    await flushPromises()
    el.dispatchEvent(new FocusEvent('blur'))
    await flushPromises()
    expect(input().value).toBe('20/05/1990')
    await resetFromOutside()
    w.unmount()
  })
})
