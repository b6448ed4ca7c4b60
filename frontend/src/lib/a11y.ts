// Naive UI 2.45 leaves three gaps that no prop closes and that axe-core
// reports as critical or serious on every screen (e2e/a11y.e2e.test.mjs):
//   - a card's title is two nested role="heading" elements without
//     aria-level (aria-required-attr);
//   - a form item's <label> is not tied to its input (label);
//   - every NIcon is role="img" without a name, though Selo's icons only
//     decorate a text beside them (role-img-alt);
//   - a number field's +/− buttons have no name (button-name);
//   - a modal or drawer is role="dialog" but not named by its own title
//     (aria-dialog-name).
// fixNaiveA11y mends them in place; watchNaiveA11y keeps doing so as screens,
// modals and drawers (teleported to <body>) appear.

let nextId = 0

/** Level of a card title: the page title (PageHeader) is the h1. */
const cardLevel = '2'

function labelled(el: Element): boolean {
  if (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')) return true
  const id = el.getAttribute('id')
  return !!id && !!el.ownerDocument.querySelector(`label[for="${CSS.escape(id)}"]`)
}

// root.querySelectorAll(sel), with root itself first when it matches: the
// watcher below mends a form item or a dialog on its own.
function within(root: ParentNode, sel: string): Element[] {
  const self = root instanceof Element && root.matches(sel) ? [root] : []
  return [...self, ...root.querySelectorAll(sel)]
}

/** Mends the gaps listed above under root (itself included). */
export function fixNaiveA11y(root: ParentNode): void {
  for (const header of within(root, '.n-card-header[role="heading"]')) {
    // The outer element also holds the header's buttons: not a heading.
    header.setAttribute('role', 'none')
  }
  for (const main of within(root, '.n-card-header__main[role="heading"]:not([aria-level])')) {
    main.setAttribute('aria-level', cardLevel)
  }
  for (const icon of within(root, '.n-icon[role="img"]:not([aria-label]):not([aria-labelledby]):not([aria-hidden])')) {
    icon.setAttribute('aria-hidden', 'true')
  }
  for (const dialog of within(root, '[role="dialog"]:not([aria-label]):not([aria-labelledby])')) {
    const title = dialog.querySelector('.n-card-header__main, .n-drawer-header__main, .n-dialog__title')
    if (!title || !title.textContent?.trim()) continue
    if (!title.id) title.id = `selo-title-${++nextId}`
    dialog.setAttribute('aria-labelledby', title.id)
  }
  // A number field's +/− buttons are taken out of the tab order by Naive
  // (the arrow keys do the same); they are mouse-only duplicates.
  for (const step of within(root, '.n-input-number .n-button[tabindex="-1"]:not([aria-hidden])')) {
    step.setAttribute('aria-hidden', 'true')
  }
  for (const item of within(root, '.n-form-item')) {
    const label = item.querySelector(':scope > .n-form-item-label')
    if (!label || !label.textContent?.trim()) continue
    const controls = Array.from(
      item.querySelectorAll(
        ':scope > .n-form-item-blank input:not([type="hidden"]):not([type="file"]), :scope > .n-form-item-blank textarea, :scope > .n-form-item-blank [role="switch"]',
      ),
    )
    // A group (radio buttons, several inputs) names itself; only a single
    // control takes the item's label.
    if (controls.length !== 1 || labelled(controls[0])) continue
    if (!label.id) label.id = `selo-label-${++nextId}`
    controls[0].setAttribute('aria-labelledby', label.id)
  }
}

// The rows of a virtual list (Reservas, Leads, the Painel's table, a long
// select's options) come and go on every scroll frame: each is mended on its
// own, never its table, card or the page around it.
const listBody = '.n-data-table-tbody, .v-vl-items'
// What an added node needs mended with it: a control needs its form item's
// label, a title its dialog. Anything else only holds gaps of its own.
const context = '.n-form-item, [role="dialog"]'

/** The smallest element to mend for a node added under root. */
function scopeOf(node: Node, root: HTMLElement): Element | null {
  // A text arriving (a label's or a title's) concerns its element; the empty
  // anchors Vue puts beside teleported modals concern nothing.
  const el = node instanceof Element ? node : node instanceof Text && node.data.trim() ? node.parentElement : null
  if (!el || el === root || !root.contains(el)) return null
  if (el.parentElement?.closest(listBody)) return el
  return el.closest(context) ?? el
}

/**
 * Applies fixNaiveA11y to root now, then, at most once per animation frame,
 * to what was added under it since (each node with the form item or dialog
 * around it), never to the whole of root again. Returns a function that stops.
 */
export function watchNaiveA11y(root: HTMLElement): () => void {
  let queued = false
  const added = new Set<Element>()
  const run = () => {
    queued = false
    const scopes = [...added].filter((el) => el.isConnected)
    added.clear()
    // A scope inside another one is mended with it.
    for (const el of scopes) if (!scopes.some((o) => o !== el && o.contains(el))) fixNaiveA11y(el)
  }
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        const scope = scopeOf(n, root)
        if (scope) added.add(scope)
      }
    }
    if (queued || !added.size) return
    queued = true
    // A page torn down (a test environment's, at its end) may have no
    // animation frames left; a short timer does the same there.
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run)
    else setTimeout(run, 16)
  })
  fixNaiveA11y(root)
  observer.observe(root, { childList: true, subtree: true })
  return () => observer.disconnect()
}
