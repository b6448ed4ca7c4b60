// The PDF preview drawn by pdf.js (issue #18 item 2), through the screens a
// user opens it from: a template's detail (Contratos) and a generated
// contract's "Visualizar" (the reservation's contracts panel). Checks that
// pixels were drawn on the page canvas, that there is one thumbnail per page
// and that a thumbnail jumps to its page; that a damaged file says so in
// pt-BR with the download link left; that the worker stops once no preview
// is open; and that the main-thread fallback (for a webview without a module
// worker) draws too, from the same worker file (pdf.js's worker is shipped
// once: the binary's size is memory, issue #18).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { launch } from './harness.mjs'
import { seedIntegratedDevelopment, seedReservation } from './seed.mjs'

const testdata = resolve(import.meta.dirname, '..', '..', 'backend', 'pdfs', 'testdata')
const damagedMessage = 'Não foi possível mostrar este PDF: o arquivo está danificado ou não é um PDF. Baixe-o para conferir, ou envie o arquivo de novo.'

/**
 * Waits until viewer (a locator on the PdfViewer root) has drawn its first
 * page, then returns what a user would see: pages, thumbnails, worker mode,
 * and how many pixels of the first page canvas are not white.
 */
async function drawnPreview(viewer) {
  await viewer.locator('[data-testid="pdf-page"]').first().waitFor()
  await viewer.page().waitForFunction((el) => el.dataset.state === 'ready' && Number(el.dataset.drawn) >= 1, await viewer.elementHandle(), { timeout: 60_000 })
  return viewer.evaluate((el) => {
    const canvas = el.querySelector('[data-testid="pdf-page"]')
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height)
    let ink = 0
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) ink++
    }
    return {
      pages: Number(el.dataset.pages),
      worker: el.dataset.worker,
      thumbnails: el.querySelectorAll('[data-testid="pdf-thumbnail"]').length,
      canvasWidth: canvas.width,
      ink,
    }
  })
}

test('a template and a generated contract open in the pdf.js preview: pages drawn, one thumbnail per page, a damaged file explained', { timeout: 240_000 }, async () => {
  const app = await launch()
  const { page } = app
  try {
    const seeded = await seedIntegratedDevelopment(page, { name: 'Residencial Jacarandá', rules: [{ signerType: 'holder' }] })
    const reservationId = await seedReservation(page, { unitId: seeded.unitIds[0] })

    // Contratos → the template's "Abrir": its detail shows the PDF.
    await page.getByTestId('sidebar').getByText('Contratos', { exact: true }).click()
    await page.locator('[data-testid^="template-open-"]').first().click()
    const detail = page.getByTestId('template-detail')
    await detail.getByTestId('template-pages').getByText('2 página(s)').waitFor()
    const tplViewer = detail.getByTestId('template-preview')
    const tpl = await drawnPreview(tplViewer)
    console.log(`template preview: ${JSON.stringify(tpl)}`)
    assert.equal(tpl.pages, 2)
    assert.equal(tpl.thumbnails, tpl.pages, 'one thumbnail per page')
    assert.equal(tpl.worker, 'module', 'Chromium runs pdf.js in a module worker')
    assert.ok(tpl.ink > 500, `the first page has drawn text (${tpl.ink} inked pixels)`)
    assert.equal((await tplViewer.getByTestId('pdf-page-of').textContent()).trim(), 'Página 1 de 2')
    await tplViewer.getByTestId('pdf-thumbnail').nth(1).click()
    await tplViewer.getByTestId('pdf-page-of').getByText('Página 2 de 2').waitFor()
    await app.screenshot('preview-template')
    await detail.getByTestId('template-close').click()
    await detail.waitFor({ state: 'hidden' })

    // The reservation: Gerar contratos → Visualizar.
    await page.goto(`${app.url}/#/reservations/${reservationId}`)
    const panel = page.getByTestId('contracts-panel')
    await panel.getByTestId('contracts-generate').click()
    const row = panel.getByTestId('contract-row').first()
    await row.getByTestId('contract-name').getByText('Promessa de compra e venda').waitFor()
    await row.getByTestId('contract-view').click()
    const modal = page.getByTestId('contract-preview')
    const viewer = modal.getByTestId('contract-preview-object')
    const generated = await drawnPreview(viewer)
    console.log(`contract preview: ${JSON.stringify(generated)}`)
    assert.equal(generated.pages, 2)
    assert.equal(generated.thumbnails, generated.pages, 'one thumbnail per page')
    assert.ok(generated.ink > 500, `the first page has drawn text (${generated.ink} inked pixels)`)
    // Zoom in: the page is redrawn larger; "Ajustar à largura" brings it back.
    const fit = await viewer.getByTestId('pdf-zoom').textContent()
    await viewer.getByTestId('pdf-zoom-in').click()
    await page.waitForFunction(
      ([el, w]) => el.querySelector('[data-testid="pdf-page"]').width > w,
      [await viewer.elementHandle(), generated.canvasWidth],
    )
    assert.notEqual(await viewer.getByTestId('pdf-zoom').textContent(), fit)
    await viewer.getByTestId('pdf-fit-width').click()
    await viewer.getByTestId('pdf-zoom').getByText(fit).waitFor()
    assert.match(await viewer.getByTestId('pdf-download').getAttribute('href'), /^blob:/)
    await app.screenshot('preview-contract')
    // The preview's controls (thumbnails, zoom, the page area) pass axe.
    const axe = await new AxeBuilder({ page }).include('[data-testid="contract-preview-object"]').analyze()
    assert.ok(axe.passes.length > 0, 'axe checked the preview')
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [])
    await modal.getByTestId('contract-preview-close').click()
    await modal.waitFor({ state: 'hidden' })

    // A damaged file (served in place of the contract's): a pt-BR message,
    // not a blank, and the download link still there.
    await page.route('**/selo/contract/*.pdf*', (r) => r.fulfill({ body: readFileSync(join(testdata, 'garbage.pdf')), contentType: 'application/pdf' }))
    await row.getByTestId('contract-view').click()
    const error = modal.getByTestId('pdf-error')
    await error.waitFor({ timeout: 30_000 })
    assert.equal((await error.textContent()).trim(), damagedMessage)
    assert.equal(await modal.getByTestId('pdf-page').count(), 0)
    await modal.getByTestId('pdf-download').waitFor()
    await app.screenshot('preview-damaged')
    await modal.getByTestId('contract-preview-close').click()
    await modal.waitFor({ state: 'hidden' })
    await page.unroute('**/selo/contract/*.pdf*')

    // No preview open: the pdf.js worker stops after its idle time, so the
    // window at rest does not carry it.
    assert.equal(page.workers().length, 1, 'one pdf.js worker, shared by the previews')
    const workerFile = new URL(page.workers()[0].url()).pathname
    const deadline = Date.now() + 90_000
    while (page.workers().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500))
    assert.equal(page.workers().length, 0, 'the pdf.js worker stops once no preview is open')

    // The fallback for a webview without a module worker: pdf.js on the
    // page's own thread still draws.
    await page.evaluate(() => sessionStorage.setItem('selo.pdf.worker', 'main-thread'))
    const fallbackFiles = new Set()
    page.on('request', (r) => {
      const { pathname } = new URL(r.url())
      if (/pdf\.worker/.test(pathname)) fallbackFiles.add(pathname)
    })
    await page.reload()
    await panel.getByTestId('contract-row').first().getByTestId('contract-view').click()
    const fallback = await drawnPreview(modal.getByTestId('contract-preview-object'))
    console.log(`contract preview, main-thread worker: ${JSON.stringify(fallback)}`)
    assert.equal(fallback.worker, 'main-thread')
    assert.equal(fallback.thumbnails, 2)
    assert.ok(fallback.ink > 500, `drawn on the main thread (${fallback.ink} inked pixels)`)
    assert.deepEqual([...fallbackFiles], [workerFile], 'the fallback runs the Web Worker\'s own file, not a second copy')

    assert.deepEqual(app.pageErrors.map(String), [])
  } finally {
    await app.stop()
  }
})
