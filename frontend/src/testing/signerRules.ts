import { mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import type { Mock } from 'vitest'
import SignerRulesEditor from '../components/legal/SignerRulesEditor.vue'
import { newSignerRule, type Association, type SignerRule } from '../api/legal'
import { i18n } from '../i18n'

// What the SignerRulesEditor specs share. Each spec still mocks api/legal
// itself: vi.mock is hoisted per file and cannot come from here.

/** A template's rules on a development: the holder, and a witness from outside the reservation. */
export function association(registry = false, witness: Partial<SignerRule> = {}): Association {
  return {
    id: 7, developmentId: 1, templateId: 3, templateName: 'Promessa de compra e venda', registry, scope: 'development',
    scopeItems: [], position: 0, version: 5, updatedByName: '',
    rules: [newSignerRule('holder'), { ...newSignerRule('witness', 2), name: 'Ana Lima', email: 'ana@exemplo.com.br', ...witness }],
    previews: [{ compromises: [] }, { compromises: [] }],
  }
}

/** Configurar Assinantes for a, inside the providers the page gives it. */
export function mountEditor(a: Association = association()) {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, () => h(NDialogProvider, () => h(SignerRulesEditor, { association: a }))),
  })
  return mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
}

/** The value of the radio checked inside el. */
export const checked = (el: Element | undefined) =>
  [...(el?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? [])].find((i) => i.checked)?.value

/** Each test starts in pt-BR, on an empty page, with fresh mocks of the two calls the editor makes. */
export function resetEditor(saveRules: Mock, preview: Mock): void {
  i18n.global.locale.value = 'pt-BR'
  saveRules.mockReset()
  preview.mockReset()
  preview.mockResolvedValue([{ compromises: [] }, { compromises: [] }])
  document.body.innerHTML = ''
}
