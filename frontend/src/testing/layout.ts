// jsdom lays nothing out: every element is 0 px tall, so a virtual scroll
// (Naive's n-data-table virtual-scroll, vueuc VirtualList) draws no row at
// all. Specs of the long lists install this before Naive is imported
// (vi.hoisted): the virtual list's box reports a window's height, and
// scrollTo moves scrollTop and fires scroll, so a spec scrolls the list.
export const LAID_OUT_HEIGHT = 600

export class LaidOutResizeObserver implements ResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    // Only the scrolling box gets a size: rows keep the height the table
    // estimates, as fixed-height rows have.
    if (!target.classList.contains('v-vl')) return
    const size = { width: 1000, height: LAID_OUT_HEIGHT }
    const entry = {
      target,
      contentRect: { ...size, x: 0, y: 0, top: 0, left: 0, right: size.width, bottom: size.height, toJSON: () => size },
      borderBoxSize: [{ inlineSize: size.width, blockSize: size.height }],
      contentBoxSize: [{ inlineSize: size.width, blockSize: size.height }],
      devicePixelContentBoxSize: [],
    } as unknown as ResizeObserverEntry
    queueMicrotask(() => this.callback([entry], this))
  }
  unobserve(): void {}
  disconnect(): void {}
}

/** Installs the observer and a scrollTo that moves scrollTop; call in vi.hoisted. */
export function layOut() {
  globalThis.ResizeObserver = LaidOutResizeObserver
  Element.prototype.scrollTo = function (this: Element, a?: ScrollToOptions | number, b?: number) {
    const top = typeof a === 'object' ? a.top : b
    if (top !== undefined) this.scrollTop = top
    this.dispatchEvent(new Event('scroll'))
  } as Element['scrollTo']
  Element.prototype.scrollBy = function (this: Element, a?: ScrollToOptions | number, b?: number) {
    const dy = typeof a === 'object' ? a.top : b
    this.scrollTo({ top: this.scrollTop + (dy ?? 0) })
  } as Element['scrollBy']
  Element.prototype.scrollIntoView = function () {}
}

/** Scrolls the table's virtual list (vueuc's .v-vl) to top and lets it draw. */
export function scrollList(table: Element, top: number) {
  const list = table.querySelector('.v-vl') as HTMLElement
  list.scrollTo({ top })
}
