import { EventsEmit } from '../../wailsjs/runtime/runtime'
import { GoEvent } from './models'
import { hasRuntime } from './window'
import { afterNextFrame } from '../lib/firstPaint'

let reported = false

/**
 * Tells Go the Painel's title has been drawn, once per window: the window
 * bench times the first meaningful paint with it (app.ReportPaint, which
 * listens only when SELO_REPORT_PAINT=1), from a task queued in the next
 * animation frame: it runs once that frame, with the title, is drawn.
 */
export function reportFirstPaint(): void {
  if (reported || !hasRuntime()) return
  reported = true
  afterNextFrame(() => EventsEmit(GoEvent.WindowPainted))
}
