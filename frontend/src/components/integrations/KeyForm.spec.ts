import { describe, it, expect, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import KeyForm from './KeyForm.vue'
import { i18n } from '../../i18n'
import type { IntegrationInput } from '../../api'
import { toAppError } from '../../api/errors'

// The token field of "Nova chave", as the manager meets a token longer than
// the system keyring holds: the reason, in pt-BR, under that field, naming
// it and the limit, and nothing saved.
beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
})

describe('KeyForm', () => {
  it('names the token field and the keyring limit when the token is too long', async () => {
    const long = 'a'.repeat(2049)
    const calls: IntegrationInput[] = []
    const save = async (input: IntegrationInput) => {
      calls.push(input)
      // What the Go binding rejects with (app.ErrorPayload as JSON in the
      // message), as the api layer hands it on.
      throw toAppError(
        new Error(
          JSON.stringify({
            code: 'validation.failed',
            problems: [{ code: 'integration.token_too_long', field: 'token', data: { max: 2048, length: 2049 } }],
          }),
        ),
      )
    }
    const Host = defineComponent(() => () => h(KeyForm, { show: true, editing: null, firstKey: false, save }))
    const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    const form = document.body.querySelector('[data-testid="key-form"]')!
    const set = async (testid: string, value: string) => {
      const input = form.querySelector(`[data-testid="${testid}"] input`) as HTMLInputElement
      input.value = value
      input.dispatchEvent(new Event('input'))
      await flushPromises()
    }
    await set('key-description', 'Chave Clicksign')
    await set('key-token', long)
    ;(form.querySelector('[data-testid="key-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(calls).toHaveLength(1)
    expect(calls[0].token).toBe(long)
    const items = [...form.querySelectorAll('.n-form-item')]
    const tokenItem = items.find((i) => i.textContent?.includes('Chave de integração (Access Token)'))!
    expect(tokenItem.querySelector('.n-form-item-feedback')?.textContent).toBe(
      'A chave de integração (Access Token) tem 2049 caracteres; o cofre de senhas guarda no máximo 2048. Copie só o Access Token, em Clicksign → Configurações → API.',
    )
    wrapper.unmount()
  })
})
