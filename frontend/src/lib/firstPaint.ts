// The first frame comes first: the screens, the Painel's board and the text
// catalogue start loading only once the window has drawn the shell and the
// first screen's title, so their parsing never holds that frame back.

let painted: () => void = () => {}

/** Resolves once the window has drawn its first frame (markFirstPaint). */
export const firstPaint = new Promise<void>((resolve) => (painted = resolve))

/**
 * Called when the app has mounted: a task queued from an animation frame runs
 * after that frame is drawn. Unit tests call it at once (testing/setup.ts).
 */
export function afterNextFrame(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn))
  else setTimeout(fn)
}

/** Marks the first frame as drawn; later calls do nothing. */
export function markFirstPaint(): void {
  painted()
}
