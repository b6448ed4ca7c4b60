// Live updates for a screen: in an office several PCs share one database, and
// what another PC writes must show here without a click (issue #15). The
// backend listens to the database and emits AppEvent.DataChanged; this
// reloads the calling screen when one of its areas changed. Kept beside
// useAppEvent so specs that mock eventsApi drive it too.
import { onBeforeUnmount } from 'vue'
import { GoChangeArea, GoEvent } from './models'
import { useAppEvent } from './useAppEvent'

/** A part of the data the screens show (crm.ChangeArea in Go). */
export const ChangeArea = GoChangeArea
export type ChangeArea = GoChangeArea

/**
 * How long a screen waits after the last change before it reloads: a send
 * or a sync writes in several steps, and the screen should reload once,
 * well within the 2 s the office expects.
 */
export const liveRefreshDelay = 250

/**
 * Calls reload (debounced) while the component is mounted whenever the data
 * of one of areas changed. reload must refresh data only: what the user is
 * typing, the filter and the scroll position stay as they are.
 */
export function useLiveRefresh(areas: readonly ChangeArea[], reload: () => unknown, delay = liveRefreshDelay): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  useAppEvent(GoEvent.DataChanged, (d) => {
    if (!d?.areas?.some((a) => areas.includes(a))) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      void reload()
    }, delay)
  })
  onBeforeUnmount(() => {
    clearTimeout(timer)
    timer = undefined
  })
}
