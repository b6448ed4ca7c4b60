// What another PC of the office does, as a screen spec sees it: the office's
// change feed arrives as AppEvent.DataChanged through eventsApi. A spec
// swaps eventsApi for one that records the screen's handlers:
//
//   vi.mock('../api/events', async (orig) => (await import('../testing/otherPC')).withRecordedEvents(await orig()))
//
// and plays a change with otherPC(['leads']).
import { flushPromises } from '@vue/test-utils'

type Handler = (d: unknown) => void

/** The handlers the mounted screen registered, by event name. */
export const recorded = new Map<string, Handler>()

/** The events module with eventsApi replaced by one that records handlers. */
export function withRecordedEvents<M extends object>(events: M): M {
  return {
    ...events,
    eventsApi: {
      on: (event: string, fn: Handler) => {
        recorded.set(event, fn)
        return () => recorded.delete(event)
      },
      off: () => {},
    },
  }
}

/**
 * Longer than useLiveRefresh's debounce. Not imported from it: this module
 * is loaded while ../api/events is being mocked, and useLiveRefresh imports
 * that module.
 */
const afterDebounce = 350

/** Another PC changed areas: the feed's event, then the screen's debounce. */
export async function otherPC(areas: string[]): Promise<void> {
  recorded.get('data:changed')!({ areas })
  await new Promise((r) => setTimeout(r, afterDebounce))
  await flushPromises()
}
