// A component's subscription to a backend event, kept apart from events.ts
// so that specs mocking eventsApi drive it too.
import { onBeforeUnmount, onMounted } from 'vue'
import { eventsApi, type EventData } from './events'
import type { GoEvent } from './models'

/**
 * Listens to a backend event while the calling component is mounted: the
 * listener goes with the component, so a screen left behind hears nothing.
 */
export function useAppEvent<E extends GoEvent>(event: E, fn: (data: EventData[E]) => void): void {
  let stop: (() => void) | null = null
  onMounted(() => {
    stop = eventsApi.on(event, fn)
  })
  onBeforeUnmount(() => {
    stop?.()
    stop = null
  })
}
