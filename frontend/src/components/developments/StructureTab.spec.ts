import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const api = vi.hoisted(() => ({ deleteStage: vi.fn(), deleteBlock: vi.fn() }))
vi.mock('../../api', async (orig) => {
  const real = await orig<typeof import('../../api')>()
  return {
    ...real,
    developmentsApi: {
      ...real.developmentsApi,
      deleteStage: (...a: unknown[]) => api.deleteStage(...a),
      deleteBlock: (...a: unknown[]) => api.deleteBlock(...a),
    },
  }
})

import StructureTab from './StructureTab.vue'
import type { Development } from '../../api'
import { i18n } from '../../i18n'

const dev = {
  id: 1, name: 'Residencial Acácias', city: '', state: 'SP', integrated: false, provider: 'clicksign', integrationId: 0,
  integrationName: '', archived: false, unitCounts: {},
  stages: [{ id: 10, name: 'Etapa 1', blocks: [{ id: 100, name: 'Bloco A', units: [] }] }],
} as unknown as Development

// Estrutura → "Excluir" on a stage: the question, then what each answer does.
async function mountTab() {
  const changed: unknown[] = []
  const Host = defineComponent(
    () => () =>
      h(NMessageProvider, () => h(NDialogProvider, () => h(StructureTab, { development: dev, onChanged: () => changed.push(1) }))),
  )
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  const stageDelete = () =>
    [...document.querySelectorAll<HTMLButtonElement>('[data-testid="stage-Etapa 1"] .n-card-header button')].find(
      (b) => b.textContent?.trim() === 'Excluir',
    )!
  const dialogButton = (text: string) =>
    [...document.querySelectorAll<HTMLButtonElement>('.n-dialog button')].filter((b) => b.textContent?.trim() === text).pop()!
  return { w, changed, stageDelete, dialogButton }
}

const notices = () => [...document.querySelectorAll('.n-message')].map((e) => e.textContent?.trim())

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  document.body.innerHTML = ''
  api.deleteStage.mockReset()
  api.deleteBlock.mockReset()
})

describe('Estrutura: excluir etapa', () => {
  it('asks first, naming the stage, and Cancelar deletes nothing', async () => {
    const { w, changed, stageDelete, dialogButton } = await mountTab()
    stageDelete().click()
    await flushPromises()
    expect(document.querySelector('.n-dialog')?.textContent).toContain('Excluir a etapa “Etapa 1” com seus blocos e unidades?')
    dialogButton('Cancelar').click()
    await flushPromises()
    expect(api.deleteStage).not.toHaveBeenCalled()
    expect(changed).toEqual([])
    w.unmount()
  })

  it('Excluir deletes the stage and reloads the structure', async () => {
    api.deleteStage.mockResolvedValue(undefined)
    const { w, changed, stageDelete, dialogButton } = await mountTab()
    stageDelete().click()
    await flushPromises()
    dialogButton('Excluir').click()
    await flushPromises()
    expect(api.deleteStage).toHaveBeenCalledWith(10)
    expect(changed).toEqual([1])
    w.unmount()
  })

  it('a refusal shows its pt-BR text as a notice and changes nothing', async () => {
    api.deleteStage.mockRejectedValue({ code: 'not_found' })
    const { w, changed, stageDelete, dialogButton } = await mountTab()
    stageDelete().click()
    await flushPromises()
    dialogButton('Excluir').click()
    await flushPromises()
    expect(notices()).toEqual(['O registro não existe mais. Atualize a tela.'])
    expect(changed).toEqual([])
    w.unmount()
  })
})
