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

/** Mends the gaps listed above under root (itself included). */
export function fixNaiveA11y(root: ParentNode): void {
  for (const header of root.querySelectorAll('.n-card-header[role="heading"]')) {
    // The outer element also holds the header's buttons: not a heading.
    header.setAttribute('role', 'none')
  }
  for (const main of root.querySelectorAll('.n-card-header__main[role="heading"]:not([aria-level])')) {
    main.setAttribute('aria-level', cardLevel)
  }
  for (const icon of root.querySelectorAll('.n-icon[role="img"]:not([aria-label]):not([aria-labelledby]):not([aria-hidden])')) {
    icon.setAttribute('aria-hidden', 'true')
  }
  for (const dialog of root.querySelectorAll('[role="dialog"]:not([aria-label]):not([aria-labelledby])')) {
    const title = dialog.querySelector('.n-card-header__main, .n-drawer-header__main, .n-dialog__title')
    if (!title || !title.textContent?.trim()) continue
    if (!title.id) title.id = `selo-title-${++nextId}`
    dialog.setAttribute('aria-labelledby', title.id)
  }
  // A number field's +/− buttons are taken out of the tab order by Naive
  // (the arrow keys do the same); they are mouse-only duplicates.
  for (const step of root.querySelectorAll('.n-input-number .n-button[tabindex="-1"]:not([aria-hidden])')) {
    step.setAttribute('aria-hidden', 'true')
  }
  for (const item of root.querySelectorAll('.n-form-item')) {
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

/**
 * Applies fixNaiveA11y to root now and after every change of the DOM under
 * it, at most once per animation frame. Returns a function that stops.
 */
export function watchNaiveA11y(root: HTMLElement): () => void {
  let queued = false
  const run = () => {
    queued = false
    fixNaiveA11y(root)
  }
  const observer = new MutationObserver(() => {
    if (queued) return
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
