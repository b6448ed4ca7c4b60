import * as System from '../../wailsjs/go/app/System'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { app } from '../../wailsjs/go/models'
import { call, type AppError } from './errors'

export interface SystemInfo {
  version: string
  dataDir: string
  logsDir: string
  databasePath: string
  schemaVersion: number
  platform: string
  startupError?: AppError
  /** Problems at start-up that leave the app usable (the webhook port in use). */
  startupWarnings?: AppError[]
}

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

/** Data of app.Event.CallRejected. */
export interface CallRejection {
  callbackId: string
  error: string
}

interface WailsRuntime {
  wails?: { Callback?: (message: string) => void }
}

/**
 * Answers calls Wails failed before reaching Go (arguments of the wrong type,
 * say): the backend emits app.Event.CallRejected with the call's id and an
 * error payload, and this hands it to the runtime as that call's answer. The
 * dev server otherwise never answers such a call, so its screen would spin
 * for ever. Installed once, at start-up.
 */
export function answerRejectedCalls(): void {
  const w = window as unknown as WailsRuntime & { runtime?: unknown }
  if (!w.runtime) return
  EventsOn(app.Event.CallRejected, (d: CallRejection) => {
    if (!d || typeof d.callbackId !== 'string') return
    try {
      w.wails?.Callback?.(JSON.stringify({ callbackid: d.callbackId, error: d.error, result: null }))
    } catch {
      // The runtime already had an answer for it (the production window
      // sends its own, in English): the call is settled either way.
    }
  })
}
