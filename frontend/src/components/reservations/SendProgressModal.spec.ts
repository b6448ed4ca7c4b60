import { describe, it, expect, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import SendProgressModal from './SendProgressModal.vue'
import { i18n } from '../../i18n'
import type { SendView } from './SendProblems'

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
})

// Office mode: a send refused at "Validando" because this PC does not have the
// office's token for the key. The progress window names the key and says what
// to do, as Go's validation problem (the send_failed event) carries it.
describe('SendProgressModal, the key’s token on this computer', () => {
  const failedWith = (code: string): SendView => ({
    opId: null,
    done: 0,
    phase: 'failed',
    failure: { code: 'validation.failed', problems: [{ code, field: 'token', data: { description: 'Chave do escritório' } }] },
    resumable: false,
    canceling: false,
  })

  for (const [code, text] of [
    ['integration.token_missing', 'Esta chave ainda não está neste computador: cole o token da chave “Chave do escritório”'],
    ['integration.token_mismatch', 'O token deste computador não é o da chave “Chave do escritório” do escritório: cole o token certo'],
  ]) {
    it(`shows ${code} on the send`, async () => {
      const Host = defineComponent(() => () => h(SendProgressModal, { show: true, view: failedWith(code) }))
      const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
      await flushPromises()
      const items = [...document.body.querySelectorAll('[data-testid="send-problem"]')].map((li) => li.textContent)
      expect(items).toHaveLength(1)
      expect(items[0]).toContain(text)
      expect(document.body.querySelector('[data-testid="send-step-0"]')?.getAttribute('data-state')).toBe('stopped')
      wrapper.unmount()
    })
  }
})
