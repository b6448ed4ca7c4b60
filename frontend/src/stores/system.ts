import { defineStore } from 'pinia'
import { ref } from 'vue'
import { systemApi, toAppError, type AppError, type SystemInfo } from '../api'

export const useSystemStore = defineStore('system', () => {
  const info = ref<SystemInfo | null>(null)
  const error = ref<AppError | null>(null)
  const loading = ref(false)
  /** "Tentar de novo" is running. */
  const retrying = ref(false)
  /** The retry found the problem gone; the window is closing to start over. */
  const restarting = ref(false)

  async function load() {
    loading.value = true
    error.value = null
    try {
      info.value = await systemApi.info()
    } catch (e) {
      error.value = toAppError(e)
    } finally {
      loading.value = false
    }
  }

  /** Checks the start-up problem again (the start-up error screen). */
  async function retry() {
    retrying.value = true
    error.value = null
    try {
      const next = await systemApi.retry()
      // Gone: this window has no services wired and is closing; it keeps
      // the error screen (saying it restarts) rather than show a dead app.
      if (next.startupError) info.value = next
      else restarting.value = true
    } catch (e) {
      error.value = toAppError(e)
    } finally {
      retrying.value = false
    }
  }

  return { info, error, loading, retrying, restarting, load, retry }
})
