import { defineStore } from 'pinia'
import { ref } from 'vue'
import { systemApi, type AppError, type SystemInfo } from '../api'

export const useSystemStore = defineStore('system', () => {
  const info = ref<SystemInfo | null>(null)
  const error = ref<AppError | null>(null)
  const loading = ref(false)

  async function load() {
    loading.value = true
    error.value = null
    try {
      info.value = await systemApi.info()
    } catch (e) {
      error.value = e as AppError
    } finally {
      loading.value = false
    }
  }

  return { info, error, loading, load }
})
