import { EventsEmit } from '../../wailsjs/runtime/runtime'
import { GoEvent } from './models'
import { hasRuntime } from './window'

let reported = false

/**
 * Tells Go the Painel's title has been drawn, once per window: the window
 * bench times the first meaningful paint with it (app.ReportPaint, which
 * listens only when SELO_REPORT_PAINT=1). Two animation frames: the first
 * runs before the browser paints the mounted title, the second after.
 */
export function reportFirstPaint(): void {
  if (reported || !hasRuntime()) return
  reported = true
  requestAnimationFrame(() => requestAnimationFrame(() => EventsEmit(GoEvent.WindowPainted)))
}
