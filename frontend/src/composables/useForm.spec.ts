import { describe, it, expect, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NMessageProvider } from 'naive-ui'
import { useForm, type Form, type FormOptions } from './useForm'
import { i18n } from '../i18n'

interface Unit {
  name: string
  floor: string
}

// A refusal as the api layer hands it on: app.ErrorPayload as JSON in an Error.
const refusal = (payload: object) => new Error(JSON.stringify(payload))
const nameRequired = refusal({ code: 'validation.failed', problems: [{ code: 'field.required', field: 'name' }] })

async function mountForm(options?: FormOptions, provider = true): Promise<{ form: Form<Unit>; unmount: () => void }> {
  let form!: Form<Unit>
  const Probe = defineComponent(() => {
    form = useForm<Unit>(() => ({ name: '', floor: '1' }), options)
    return () => h('span')
  })
  const Host = defineComponent(() => () => (provider ? h(NMessageProvider, () => h(Probe)) : h(Probe)))
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return { form, unmount: () => w.unmount() }
}

const notices = () => [...document.querySelectorAll('.n-message')].map((e) => e.textContent?.trim())

function deferred() {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
})

describe('useForm', () => {
  it('puts each refused field’s pt-BR message on that field, with no notice', async () => {
    const { form, unmount } = await mountForm()
    const ok = await form.submit(() => Promise.reject(nameRequired))
    await flushPromises()
    expect(ok).toBe(false)
    expect(form.fieldErrors.value).toEqual({ name: 'Preencha este campo.' })
    expect(form.status('name')).toBe('error')
    expect(form.status('floor')).toBeUndefined()
    expect(notices()).toEqual([])
    unmount()
  })

  it('shows a failure of no field as one notice, and no field message', async () => {
    const { form, unmount } = await mountForm()
    await form.submit(() => Promise.reject(refusal({ code: 'not_found' })))
    await flushPromises()
    expect(form.fieldErrors.value).toEqual({})
    expect(notices()).toEqual(['O registro não existe mais. Atualize a tela.'])
    unmount()
  })

  it('keeps messages of no field in the form when it shows them inline, without any provider', async () => {
    const { form, unmount } = await mountForm({ general: 'inline' }, false)
    await form.submit(() => {
      throw new TypeError('boom')
    })
    expect(form.generalErrors.value).toHaveLength(1)
    expect(form.generalErrors.value[0]).toContain('Algo deu errado do nosso lado')
    unmount()
  })

  it('sets saving while the save runs and resets it after a failure', async () => {
    const { form, unmount } = await mountForm()
    const d = deferred()
    const done = form.submit(() => d.promise)
    expect(form.saving.value).toBe(true)
    d.reject(nameRequired)
    await done
    expect(form.saving.value).toBe(false)
    unmount()
  })

  it('ignores a second submit while the first is saving', async () => {
    const { form, unmount } = await mountForm()
    const d = deferred()
    let calls = 0
    const save = () => {
      calls++
      return d.promise
    }
    const first = form.submit(save)
    const second = form.submit(save)
    expect(calls).toBe(1)
    d.resolve()
    expect(await second).toBe(false)
    expect(await first).toBe(true)
    // Once it is done, the next submit runs again.
    await form.submit(() => {
      calls++
    })
    expect(calls).toBe(2)
    unmount()
  })

  it('clears the previous messages when submitting again', async () => {
    const { form, unmount } = await mountForm()
    await form.submit(() => Promise.reject(nameRequired))
    expect(form.fieldErrors.value.name).toBeTruthy()
    const d = deferred()
    const again = form.submit(() => d.promise)
    expect(form.fieldErrors.value).toEqual({})
    d.resolve()
    await again
    unmount()
  })

  it('reset brings back the initial values (with overrides) and drops the messages', async () => {
    const { form, unmount } = await mountForm()
    form.model.name = 'Torre A'
    form.model.floor = '9'
    await form.submit(() => Promise.reject(nameRequired))
    form.reset({ floor: '3' })
    expect({ ...form.model }).toEqual({ name: '', floor: '3' })
    expect(form.fieldErrors.value).toEqual({})
    unmount()
  })

  it('lets the form move a message before it is shown', async () => {
    const { form, unmount } = await mountForm({
      general: 'inline',
      mapErrors: ({ fields, general }) => ({ fields: {}, general: [...general, ...Object.values(fields)] }),
    })
    await form.submit(() => Promise.reject(nameRequired))
    expect(form.fieldErrors.value).toEqual({})
    expect(form.generalErrors.value).toEqual(['Preencha este campo.'])
    unmount()
  })
})
