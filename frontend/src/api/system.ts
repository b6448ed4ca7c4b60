import * as System from '../../wailsjs/go/app/System'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { call } from './errors'
import { GoEvent, type GoSystemInfo } from './models'
import { hasRuntime } from './window'

/** startupWarnings: problems at start-up that leave the app usable (the webhook port in use). */
export type SystemInfo = GoSystemInfo

export const systemApi = {
  info: (): Promise<SystemInfo> => call(() => System.Info()),
  openLogsFolder: (): Promise<void> => call(() => System.OpenLogsFolder()),
  openDataFolder: (): Promise<void> => call(() => System.OpenDataFolder()),
  /**
   * Checks the start-up problem again. Still there: the info says what it is
   * now. Gone: the window closes and Selo starts again by itself.
   */
  retry: (): Promise<SystemInfo> => call(() => System.Retry()),
  quit: (): Promise<void> => call(() => System.Quit()),
}

/** Data of AppEvent.CallRejected. */
export interface CallRejection {
  callbackId: string
  error: string
}

/**
 * Answers calls Wails failed before reaching Go (arguments of the wrong type,
 * say): the backend emits app.Event.CallRejected with the call's id and an
 * error payload, and this hands it to the runtime as that call's answer. The
 * dev server otherwise never answers such a call, so its screen would spin
 * for ever. Installed once, at start-up.
 */
export function answerRejectedCalls(): void {
  if (!hasRuntime()) return
  EventsOn(GoEvent.CallRejected, (d: CallRejection) => {
    if (!d || typeof d.callbackId !== 'string') return
    try {
      window.wails?.Callback?.(JSON.stringify({ callbackid: d.callbackId, error: d.error, result: null }))
    } catch {
      // The runtime already had an answer for it (the production window
      // sends its own, in English): the call is settled either way.
    }
  })
}
