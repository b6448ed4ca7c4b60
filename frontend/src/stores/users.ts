import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { toAppError, usersApi, type AppError, type User, type UserInput } from '../api'

// Administrative users, shared by Usuários and Integrações → JivoChat (which
// offers the active gestores).
export const useUsersStore = defineStore('users', () => {
  const users = ref<User[]>([])
  const loaded = ref(false)
  const error = ref<AppError | null>(null)

  const activeGestores = computed(() => users.value.filter((u) => u.active && u.role === 'gestor'))

  async function load() {
    try {
      users.value = await usersApi.list()
      error.value = null
    } catch (e) {
      error.value = toAppError(e)
    } finally {
      loaded.value = true
    }
  }

  async function save(input: UserInput) {
    let saved: User
    try {
      saved = await usersApi.save(input)
    } catch (e) {
      // Another PC saved this user first: the list shows the current
      // version, so the next "Editar" starts from it (the open form keeps
      // what was typed).
      if (toAppError(e).code === 'record.conflict') await load()
      throw e
    }
    await load()
    return saved
  }

  async function setActive(id: number, active: boolean) {
    const u = await usersApi.setActive(id, active)
    await load()
    return u
  }

  return { users, loaded, error, activeGestores, load, save, setActive }
})
