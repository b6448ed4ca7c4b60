import { describe, it, expect, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { useNotify, type Notify } from './useNotify'
import { i18n } from '../i18n'

// Mounts a component that only hands out its useNotify, inside the same
// providers App.vue puts around every screen.
async function mountNotify(): Promise<{ notify: Notify; unmount: () => void }> {
  let notify!: Notify
  const Probe = defineComponent(() => {
    notify = useNotify()
    return () => h('span')
  })
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(Probe))))
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return { notify, unmount: () => w.unmount() }
}

const notices = () => [...document.querySelectorAll('.n-message')].map((e) => e.textContent?.trim())
const dialog = () => document.querySelector('.n-dialog')
const button = (text: string) =>
  // The newest dialog's: an answered one may still be leaving.
  [...document.querySelectorAll<HTMLButtonElement>('.n-dialog button')].filter((b) => b.textContent?.trim() === text).pop()!

// Naive removes a dialog after its leave transition; jsdom has no animation
// events, so give it the frames it waits for.
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}

const ask = (notify: Notify, extra: Partial<Parameters<Notify['confirm']>[0]> = {}) =>
  notify.confirm({ title: 'Excluir', content: 'Excluir “Torre A”?', positiveText: 'Excluir', negativeText: 'Cancelar', ...extra })

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
})

describe('useNotify', () => {
  it('shows the pt-BR text of an error a binding rejected with, never its code', async () => {
    const { notify, unmount } = await mountNotify()
    notify.error(new Error(JSON.stringify({ code: 'development.archived' })))
    await flushPromises()
    expect(notices()).toEqual(['Este empreendimento está arquivado. Restaure-o para alterar.'])
    expect(document.body.textContent).not.toContain('development.archived')
    unmount()
  })

  it('shows the generic text for something that is not an AppError', async () => {
    const { notify, unmount } = await mountNotify()
    notify.error(new TypeError('x is undefined'))
    await flushPromises()
    expect(notices()[0]).toContain('Algo deu errado do nosso lado')
    expect(document.body.textContent).not.toContain('x is undefined')
    unmount()
  })

  it('confirm resolves true when the user confirms', async () => {
    const { notify, unmount } = await mountNotify()
    const answer = ask(notify)
    await flushPromises()
    expect(dialog()?.textContent).toContain('Excluir “Torre A”?')
    button('Excluir').click()
    expect(await answer).toBe(true)
    unmount()
  })

  it('confirm resolves false on Cancelar', async () => {
    const { notify, unmount } = await mountNotify()
    const answer = ask(notify)
    await flushPromises()
    button('Cancelar').click()
    expect(await answer).toBe(false)
    unmount()
  })

  it('confirm resolves false on Esc', async () => {
    const { notify, unmount } = await mountNotify()
    const answer = ask(notify)
    await settle()
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
    await settle()
    expect(await answer).toBe(false)
    unmount()
  })

  it('confirm resolves false when the dialog is closed with its ×', async () => {
    const { notify, unmount } = await mountNotify()
    const answer = ask(notify)
    await flushPromises()
    ;(document.querySelector('.n-dialog .n-base-close') as HTMLElement).click()
    expect(await answer).toBe(false)
    unmount()
  })

  it('runs the action with the dialog still open, then closes it; a failure becomes a notice', async () => {
    const { notify, unmount } = await mountNotify()
    let finish!: () => void
    let ran = false
    const answer = ask(notify, {
      action: () =>
        new Promise<void>((resolve) => {
          ran = true
          finish = resolve
        }),
    })
    await flushPromises()
    button('Excluir').click()
    await flushPromises()
    expect(ran).toBe(true)
    expect(dialog()).not.toBeNull()
    finish()
    expect(await answer).toBe(true)

    const failing = ask(notify, { action: () => Promise.reject(new Error(JSON.stringify({ code: 'not_found' }))) })
    await flushPromises()
    button('Excluir').click()
    expect(await failing).toBe(true)
    await flushPromises()
    expect(notices()).toContain('O registro não existe mais. Atualize a tela.')
    unmount()
  })

  it('stays a yes when Esc is pressed while the confirmed action runs', async () => {
    const { notify, unmount } = await mountNotify()
    let finish!: () => void
    const answer = ask(notify, { action: () => new Promise<void>((resolve) => (finish = resolve)) })
    await settle()
    button('Excluir').click()
    await flushPromises()
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
    await settle()
    finish()
    expect(await answer).toBe(true)
    unmount()
  })
})
