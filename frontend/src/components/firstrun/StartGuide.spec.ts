import { describe, it, expect, vi, beforeAll, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

const m = vi.hoisted(() => ({
  steps: vi.fn(),
  hidden: vi.fn(),
  setHidden: vi.fn(),
  sampleStatus: vi.fn(),
  loadSample: vi.fn(),
  removeSample: vi.fn(),
}))
// The Painel's board reads an empty office.
vi.mock('../../api/board', async (orig) => ({
  ...(await orig<typeof import('../../api/board')>()),
  boardApi: {
    summary: async () => ({
      counts: { total: 0, em_andamento: 0, recusado: 0, vencido: 0, cancelado: 0, finalizado: 0 },
      any: false, waiting: [], expiringSoon: [], refusals: [], at: '',
    }),
    options: async () => ({ developments: [], brokers: [] }),
    csv: async () => '',
    exportCsv: async () => '',
  },
}))
vi.mock('../../api/firstrun', () => ({ firstRunApi: m }))

import StartGuide from './StartGuide.vue'
import DashboardPage from '../../pages/DashboardPage.vue'
import { i18n } from '../../i18n'
import { makeRouter } from '../../router'
import { loadLazyParts } from '../../testing/lazy'

const keys = ['key', 'development', 'contracts', 'reservation', 'send'] as const
const steps = (n: number, devId = 0) => keys.map((key, i) => ({ key, done: i < n, developmentId: key === 'contracts' ? devId : 0 }))
const status = (over: Record<string, unknown> = {}) => ({ loaded: false, canLoad: true, canRemove: false, blocked: '', data: {}, ...over })

async function mountWith(comp: unknown) {
  const router = makeRouter(true)
  await router.push('/dashboard')
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(NDialogProvider, () => h(comp as never))))
  const wrapper = mount(Host, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

function confirmDialog() {
  const btn = document.querySelector('[data-testid="firstrun-confirm"]') as HTMLButtonElement | null
  expect(btn).not.toBeNull()
  btn!.click()
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const f of Object.values(m)) f.mockReset()
  m.hidden.mockResolvedValue(false)
  m.setHidden.mockResolvedValue(undefined)
  document.body.innerHTML = ''
})

// The Painel's board and guide, and the screens it links to, load on demand.
beforeAll(loadLazyParts)

describe('StartGuide', () => {
  it('shows the five steps, none done, on an empty database', async () => {
    m.steps.mockResolvedValue(steps(0))
    m.sampleStatus.mockResolvedValue(status())
    const { wrapper } = await mountWith(StartGuide)
    expect(wrapper.get('[data-testid="guide-progress"]').text()).toBe('0 de 5 passos feitos')
    for (const k of keys) expect(wrapper.get(`[data-testid="guide-step-${k}"]`).attributes('data-done')).toBe('false')
    expect(wrapper.text()).toContain('Criar a chave de assinatura')
    expect(wrapper.text()).toContain('Simulador local')
    expect(wrapper.find('[data-testid="sample-load"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="sample-remove"]').exists()).toBe(false)
  })

  it('ticks done steps and links each to its screen', async () => {
    m.steps.mockResolvedValue(steps(4, 7))
    m.sampleStatus.mockResolvedValue(status({ loaded: true, canLoad: false, canRemove: true }))
    const { wrapper, router } = await mountWith(StartGuide)
    expect(wrapper.get('[data-testid="guide-progress"]').text()).toBe('4 de 5 passos feitos')
    expect(wrapper.get('[data-testid="guide-step-reservation"]').attributes('data-done')).toBe('true')
    expect(wrapper.get('[data-testid="guide-step-send"]').attributes('data-done')).toBe('false')
    const want: Record<string, string> = {
      key: 'integrations', development: 'developments', contracts: 'development', reservation: 'reservation-new', send: 'reservations',
    }
    for (const k of keys) {
      await wrapper.get(`[data-testid="guide-go-${k}"]`).trigger('click')
      await flushPromises()
      expect(router.currentRoute.value.name).toBe(want[k])
      if (k === 'contracts') expect(router.currentRoute.value.params.id).toBe('7')
    }
    expect(wrapper.find('[data-testid="sample-remove"]').exists()).toBe(true)
  })

  it('loads the sample after confirmation and refreshes the steps', async () => {
    m.steps.mockResolvedValueOnce(steps(0)).mockResolvedValue(steps(4, 1))
    m.sampleStatus.mockResolvedValueOnce(status()).mockResolvedValue(status({ loaded: true, canRemove: true }))
    m.loadSample.mockResolvedValue(undefined)
    const { wrapper } = await mountWith(StartGuide)
    await wrapper.get('[data-testid="sample-load"]').trigger('click')
    await flushPromises()
    confirmDialog()
    await flushPromises()
    expect(m.loadSample).toHaveBeenCalledOnce()
    expect(wrapper.get('[data-testid="guide-progress"]').text()).toBe('4 de 5 passos feitos')
    expect(document.body.textContent).toContain('Dados de exemplo carregados.')
  })

  it('explains calmly, before any click, why loading is disabled: no error out of nowhere', async () => {
    m.steps.mockResolvedValue(steps(1))
    m.sampleStatus.mockResolvedValue(status({ canLoad: false, blocked: 'sample.not_empty', data: { tables: ['integrations'] } }))
    const { wrapper } = await mountWith(DashboardPage)
    expect(wrapper.get('[data-testid="sample-blocked"]').text()).toBe(
      'Os dados de exemplo são para um banco vazio; este já tem cadastros do seu escritório.',
    )
    expect(wrapper.get('[data-testid="sample-load"]').attributes('disabled')).toBeDefined()
    expect(document.body.textContent).not.toContain('Nada foi alterado')
    expect(document.body.textContent).not.toContain('só podem ser carregados')
    expect(wrapper.findAll('.n-alert--error-type, .n-alert--warning-type')).toHaveLength(0)
    await wrapper.get('[data-testid="sample-load"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-testid="firstrun-confirm"]')).toBeNull()
    expect(m.loadSample).not.toHaveBeenCalled()
  })

  it('shows the pt-BR reason as the answer to a click the backend refuses', async () => {
    m.steps.mockResolvedValue(steps(1))
    // The status said it could load; the database changed in between.
    m.sampleStatus.mockResolvedValue(status())
    m.loadSample.mockRejectedValue({ code: 'sample.not_empty', data: { tables: ['integrations'] } })
    const { wrapper } = await mountWith(StartGuide)
    expect(wrapper.find('[data-testid="sample-blocked"]').exists()).toBe(false)
    await wrapper.get('[data-testid="sample-load"]').trigger('click')
    await flushPromises()
    confirmDialog()
    await flushPromises()
    expect(document.body.textContent).toContain('só podem ser carregados em um banco vazio')
  })

  it('says why removing is disabled, naming the changed record', async () => {
    m.steps.mockResolvedValue(steps(4, 1))
    m.sampleStatus.mockResolvedValue(
      status({ loaded: true, canLoad: false, canRemove: false, blocked: 'sample.changed', data: { name: 'Mariana Alves Rocha (exemplo)' } }),
    )
    const { wrapper } = await mountWith(StartGuide)
    expect(wrapper.get('[data-testid="sample-blocked"]').text()).toContain('desfaça antes a alteração em “Mariana Alves Rocha (exemplo)”')
    expect(wrapper.get('[data-testid="sample-remove"]').attributes('disabled')).toBeDefined()
    expect(document.body.textContent).not.toContain('Nada foi apagado')
  })

  it('names the changed record when removal is refused', async () => {
    m.steps.mockResolvedValue(steps(4, 1))
    m.sampleStatus.mockResolvedValue(status({ loaded: true, canRemove: true }))
    m.removeSample.mockRejectedValue({ code: 'sample.changed', data: { kind: 'reservation', name: 'Mariana Alves Rocha (exemplo)' } })
    const { wrapper } = await mountWith(StartGuide)
    await wrapper.get('[data-testid="sample-remove"]').trigger('click')
    await flushPromises()
    confirmDialog()
    await flushPromises()
    expect(document.body.textContent).toContain('você alterou “Mariana Alves Rocha (exemplo)”')
  })
})

describe('DashboardPage', () => {
  it('hides the guide with "Ocultar guia" and keeps the board empty state', async () => {
    m.steps.mockResolvedValue(steps(0))
    m.sampleStatus.mockResolvedValue(status())
    const { wrapper } = await mountWith(DashboardPage)
    expect(wrapper.find('[data-testid="start-guide"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="empty-dashboard"]').exists()).toBe(true)
    await wrapper.get('[data-testid="guide-hide"]').trigger('click')
    await flushPromises()
    expect(m.setHidden).toHaveBeenCalledWith(true)
    expect(wrapper.find('[data-testid="start-guide"]').exists()).toBe(false)
  })

  it('does not show a hidden guide', async () => {
    m.hidden.mockResolvedValue(true)
    const { wrapper } = await mountWith(DashboardPage)
    expect(wrapper.find('[data-testid="start-guide"]').exists()).toBe(false)
    expect(m.steps).not.toHaveBeenCalled()
  })
})
