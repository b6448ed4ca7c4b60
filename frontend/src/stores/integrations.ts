import { defineStore } from 'pinia'
import { ref } from 'vue'
import { integrationsApi, toAppError, type AppError, type Integration, type IntegrationInput } from '../api'

export const useIntegrationsStore = defineStore('integrations', () => {
  const keys = ref<Integration[]>([])
  const loaded = ref(false)
  const error = ref<AppError | null>(null)

  async function load() {
    try {
      keys.value = await integrationsApi.list()
      error.value = null
    } catch (e) {
      error.value = toAppError(e)
    } finally {
      loaded.value = true
    }
  }

  async function save(input: IntegrationInput) {
    const saved = await integrationsApi.save(input)
    await load()
    return saved
  }

  async function remove(id: number) {
    await integrationsApi.remove(id)
    await load()
  }

  return { keys, loaded, error, load, save, remove }
})
