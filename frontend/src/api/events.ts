import { ClipboardSetText, EventsOff, EventsOn } from '../../wailsjs/runtime/runtime'
import { GoEvent, type GoChangeArea } from './models'
import { hasRuntime } from './window'
import type { EnvelopeFailed, EnvelopeProgress, EnvelopeSent } from './contracts'
import type { EnvelopeChanged } from './envelopes'
import type { CallRejection } from './system'
import type { OfficeCopyProgress } from './office'
import type { DocuSignLoginProgress } from './docusign'

export const AppEvent = GoEvent
export type AppEvent = GoEvent

/** Data of AppEvent.DataChanged: what changed in the office database (see useLiveRefresh). */
export interface DataChangedData {
  areas: GoChangeArea[]
}

/** Data of AppEvent.LeadNew. */
export interface LeadNewData {
  id: string
  name: string
}

/** Data of AppEvent.OfficeConnection (app.ConnectionStatus). */
export interface OfficeConnectionData {
  online: boolean
  /** RFC 3339, UTC: when the server stopped or started answering. */
  since: string
}

export interface EventData {
  [GoEvent.LeadNew]: LeadNewData
  [GoEvent.EnvelopeProgress]: EnvelopeProgress
  [GoEvent.EnvelopeSent]: EnvelopeSent
  [GoEvent.EnvelopeFailed]: EnvelopeFailed
  [GoEvent.EnvelopeChanged]: EnvelopeChanged
  [GoEvent.CallRejected]: CallRejection
  [GoEvent.OfficeCopy]: OfficeCopyProgress
  [GoEvent.DataChanged]: DataChangedData
  [GoEvent.OfficeConnection]: OfficeConnectionData
  [GoEvent.DocuSignLogin]: DocuSignLoginProgress
  /** Sent by the page to Go (reportFirstPaint in ./paint), without data. */
  [GoEvent.WindowPainted]: undefined
}

export const eventsApi = {
  /** Listens to a backend event; call the returned function to stop. */
  on<E extends GoEvent>(event: E, fn: (data: EventData[E]) => void): () => void {
    // Outside the app (unit tests of other screens, a page opened without
    // the Wails runtime) there is nothing to listen to.
    if (!hasRuntime()) return () => {}
    const cancel = EventsOn(event, (data: EventData[E]) => fn(data))
    return () => cancel()
  },
  /** Removes every listener of an event. */
  off(event: GoEvent): void {
    if (hasRuntime()) EventsOff(event)
  },
}

export const clipboardApi = {
  /**
   * Copies text: the browser's clipboard first (works in Chromium and
   * WebView2), then the desktop one through Wails (WebKitGTK may refuse the
   * browser API). Resolves false when neither worked.
   */
  async copy(text: string): Promise<boolean> {
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text)
        return true
      }
    } catch {
      /* try the desktop clipboard */
    }
    try {
      return await ClipboardSetText(text)
    } catch {
      return false
    }
  },
}
