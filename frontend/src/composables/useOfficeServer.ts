// The office server's status, shared by every card of Integrações that
// shows it (JivoChat and each Clicksign key), so one health check serves
// them all. Polled while at least one card is on screen and the window is
// visible.
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { officeServerApi, type OfficeServerStatus } from '../api'

const POLL_MS = 15000

const status = ref<OfficeServerStatus | null>(null)
let users = 0
let timer: ReturnType<typeof setInterval> | undefined
let inflight: Promise<void> | null = null

function refresh(): Promise<void> {
  if (inflight) return inflight
  inflight = officeServerApi
    .status()
    .then((s) => {
      status.value = s
    })
    .catch(() => {
      // Unknown now (this PC lost the database, say): never keep showing
      // "respondendo" from an old answer. The next poll tries again.
      const last = status.value
      if (last?.answering) {
        status.value = { ...last, answering: false, silentSince: last.checkedAt }
      }
    })
    .finally(() => {
      inflight = null
    })
  return inflight
}

export function useOfficeServer() {
  onMounted(() => {
    users++
    if (users === 1) {
      refresh()
      timer = setInterval(() => {
        if (document.visibilityState === 'visible') refresh()
      }, POLL_MS)
    }
  })
  onBeforeUnmount(() => {
    users--
    if (users === 0) clearInterval(timer)
  })
  return { status, refresh }
}

/** Forgets the shared status (tests). */
export function resetOfficeServer() {
  status.value = null
  inflight = null
}
