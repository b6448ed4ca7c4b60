// One long list (thousands of reservations or leads) shown as a single
// scrolling table: the table holds a slot for every row of the total, the
// virtual scroll draws only the rows in view, and the pages those rows fall
// in are asked of Go when they come into view. A rep sees the whole count,
// the scroll bar as long as the list and can drag it to the end, without the
// page holding 10,000 rows in the DOM or asking Go for all of them.
import { h, onBeforeUnmount, ref, shallowRef, type Ref } from 'vue'
import type { DataTableColumns } from 'naive-ui'

/** What a list call answers: one page of items and the count under the filter. */
export interface Page<T> {
  items: T[]
  total: number
}

/**
 * One row of the list: its place, and its item once its page arrived (null
 * until then: drawn as a blank line). The slots of a list stay the same
 * objects while pages arrive, and only their item changes, so the table
 * redraws the rows in view without going over all 10,000 again.
 */
export interface Slot<T> {
  readonly index: number
  item: T | null
}


/**
 * A Slot whose item alone is reactive, read where a drawn row renders it.
 * The table goes over every slot for its keys and tree (index, children…):
 * through a reactive proxy each of those reads became a dependency, about
 * ten per row, 22 MB of the page's heap with 10,000 rows (issue #18). The
 * slots of one page share one counter, bumped when an item arrives, so a
 * list holds a reactive value per page, not per row. One class, so the
 * 10,000 slots share one shape; __v_skip keeps Vue from wrapping them when
 * the table stores its data.
 */
class ListSlot<T> implements Slot<T> {
  readonly __v_skip = true
  private value: T | null = null
  constructor(
    readonly index: number,
    private readonly arrived: Ref<number>,
  ) {}
  get item(): T | null {
    void this.arrived.value
    return this.value
  }
  set item(v: T | null) {
    this.value = v
    this.arrived.value++
  }
}

/** The attribute every row carries (see rowAttrs), which says where it sits in the list. */
export const ROW_INDEX_ATTR = 'data-row-index'

export interface PagedList<T> {
  /** One slot per row of the total, in the list's order. */
  rows: Ref<Slot<T>[]>
  total: Ref<number>
  /** The first answer arrived (the empty state may show). */
  loaded: Ref<boolean>
  /** A (re)load of the list is under way. */
  loading: Ref<boolean>
  error: Ref<unknown>
  /**
   * Loads the list again. keepPosition: the rows in view stay where they are
   * and are fetched again (another PC changed something); otherwise the
   * list starts over from its top (a new filter or search).
   */
  reload: (keepPosition?: boolean) => Promise<void>
  /** Call from the table's on-scroll and when a pending row is drawn. */
  wantVisible: () => void
  /** Attributes for a row at index (row-props), which wantVisible reads back. */
  rowAttrs: (index: number) => Record<string, string>
}

export interface PagedListOptions {
  pageSize: number
  /** The element around the table, where the drawn rows are looked up. */
  container: Ref<HTMLElement | null | undefined>
  /** What to do with a failed call (the first load's error also lands in error). */
  onError?: (e: unknown) => void
  /** A pause in scrolling before fetching, so a drag to the end asks only for where it stops. */
  settleMs?: number
}

export function usePagedList<T>(fetch: (offset: number, limit: number) => Promise<Page<T>>, opts: PagedListOptions): PagedList<T> {
  const size = opts.pageSize
  const settle = opts.settleMs ?? 60
  const rows = shallowRef<Slot<T>[]>([])
  const total = ref(0)
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<unknown>(null)
  // Answers of an older filter (or of a load before a reload) are dropped.
  let generation = 0
  // Pages fetched or on their way in this generation.
  let asked = new Set<number>()
  let timer: ReturnType<typeof setTimeout> | undefined

  const blank = (n: number): Slot<T>[] => {
    const out = new Array<Slot<T>>(n)
    let arrived = shallowRef(0)
    for (let i = 0; i < n; i++) {
      if (i % size === 0) arrived = shallowRef(0)
      out[i] = new ListSlot<T>(i, arrived)
    }
    return out
  }

  // The indexes of the rows the virtual scroll drew, from the DOM itself: a
  // row's height may differ from the estimate, the DOM never lies about
  // what is on screen.
  function drawnIndexes(): number[] {
    const el = opts.container.value
    if (!el) return []
    const out: number[] = []
    el.querySelectorAll(`[${ROW_INDEX_ATTR}]`).forEach((tr) => {
      const i = Number(tr.getAttribute(ROW_INDEX_ATTR))
      if (Number.isInteger(i)) out.push(i)
    })
    return out
  }

  function place(list: Slot<T>[], page: number, items: T[]) {
    for (let k = 0; k < items.length && page * size + k < list.length; k++) list[page * size + k].item = items[k]
  }

  async function fetchPages(pages: number[], g: number) {
    pages.forEach((p) => asked.add(p))
    try {
      const answers = await Promise.all(pages.map((p) => fetch(p * size, size)))
      if (g !== generation) return
      const newTotal = answers[answers.length - 1]?.total ?? total.value
      if (newTotal !== total.value) {
        // The list changed under the scroll (a reservation added on
        // another PC): start this generation over where the rows are.
        void reload(true)
        return
      }
      pages.forEach((p, k) => place(rows.value, p, answers[k].items))
      error.value = null
    } catch (e) {
      if (g !== generation) return
      // Ask again next time these rows are drawn (the next scroll).
      pages.forEach((p) => asked.delete(p))
      error.value = e
      opts.onError?.(e)
    }
  }

  function flush() {
    timer = undefined
    const g = generation
    const pages = new Set<number>()
    for (const i of drawnIndexes()) {
      if (rows.value[i]?.item === null) pages.add(Math.floor(i / size))
    }
    const missing = [...pages].filter((p) => !asked.has(p)).sort((a, b) => a - b)
    if (missing.length) void fetchPages(missing, g)
  }

  function wantVisible() {
    clearTimeout(timer)
    timer = setTimeout(flush, settle)
  }

  async function reload(keepPosition = false) {
    const g = ++generation
    asked = new Set()
    clearTimeout(timer)
    const inView = keepPosition ? [...new Set(drawnIndexes().map((i) => Math.floor(i / size)))].sort((a, b) => a - b) : []
    const pages = inView.length ? inView : [0]
    pages.forEach((p) => asked.add(p))
    loading.value = true
    try {
      const answers = await Promise.all(pages.map((p) => fetch(p * size, size)))
      if (g !== generation) return
      const n = answers[0].total
      const next = blank(n)
      pages.forEach((p, k) => place(next, p, answers[k].items))
      total.value = n
      rows.value = next
      error.value = null
    } catch (e) {
      if (g !== generation) return
      error.value = e
      opts.onError?.(e)
    } finally {
      if (g === generation) {
        loading.value = false
        loaded.value = true
        // The pages just placed may not fill the view (a tall window, or
        // a total that grew): fetch what is still blank.
        wantVisible()
      }
    }
  }

  onBeforeUnmount(() => {
    generation++
    clearTimeout(timer)
  })

  const rowAttrs = (index: number) => ({ [ROW_INDEX_ATTR]: String(index) })
  return { rows, total, loaded, loading, error, reload, wantVisible, rowAttrs }
}

/**
 * The columns with rows not fetched yet drawn blank (a muted "…" in the
 * first cell); drawing one asks for its page (want).
 */
export function pendingAware<T>(columns: DataTableColumns<T>, want: () => void): DataTableColumns<Slot<T>> {
  return columns.map((c, n) => {
    const col = c as { render?: (r: T, i: number) => unknown; key?: string | number }
    return {
      ...c,
      render: (r: Slot<T>, i: number) => {
        const item = r.item
        if (item === null) {
          want()
          return n === 0 ? h('span', { class: 'pending-row', 'aria-hidden': 'true' }, '…') : ''
        }
        if (col.render) return col.render(item, i)
        const v = col.key === undefined ? '' : (item as Record<string | number, unknown>)[col.key]
        return v === undefined || v === null ? '' : String(v)
      },
    }
  }) as DataTableColumns<Slot<T>>
}

/**
 * Arrow keys move between rows, as in a spreadsheet, so a keyboard user
 * walks a list of thousands without a Tab per row; the virtual scroll
 * brings the next row into view as it gets the focus.
 */
export function moveRowFocus(e: KeyboardEvent) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
  const tr = (e.currentTarget as HTMLElement | null)?.closest('tr')
  const next = (e.key === 'ArrowDown' ? tr?.nextElementSibling : tr?.previousElementSibling) as HTMLElement | null | undefined
  if (!next || next.tabIndex < 0) return
  e.preventDefault()
  next.focus()
  next.scrollIntoView({ block: 'nearest' })
}
