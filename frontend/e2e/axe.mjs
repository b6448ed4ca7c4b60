// axe-core through @axe-core/playwright, as the a11y and keyboard e2e use it.
import { AxeBuilder } from '@axe-core/playwright'

/** Waits until no CSS transition or animation runs (drawers sliding in, fades). */
export async function settled(page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 15_000 })
}

/** axe's serious and critical findings on what the page shows now, one line per element. */
export async function seriousViolations(page, screen) {
  await settled(page)
  const { violations } = await new AxeBuilder({ page }).analyze()
  const out = []
  for (const v of violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue
    for (const n of v.nodes) {
      const html = n.html.replace(/\s+/g, ' ').slice(0, 160)
      out.push(`[${screen}] ${v.id} (${v.impact}) at ${n.target.join(' ')} ${html}: ${v.help}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`)
    }
  }
  return out
}
