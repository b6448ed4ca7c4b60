// Real-sized template uploads through the Contratos screen, each way a user
// has: the drop zone's file input, drag and drop, and Selo's native dialog
// (a real GTK dialog on the app's Xvfb display, driven with xdotool). The
// PDFs are generated here; nothing large is committed. Prints
// "upload <way> <size>: <ms>" lines (Enviar click → the template's detail).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launch, until } from './harness.mjs'
import { dropFile, pickInOpenDialog } from './dialog.mjs'
import { writeFormPDF } from './bigpdf.mjs'

const MB = 2 ** 20
const sizes = [1, 5, 20]
const ways = ['input', 'drop', 'native']

// One folder per file: the GTK location entry completes names inline, so no
// typed path may be the prefix of another.
function makeFile(root, label, mb) {
  const dir = join(root, label)
  mkdirSync(dir)
  const path = join(dir, `modelo-${label}.pdf`)
  // Exactly the size: 20 MB is Selo's limit, and the limit is allowed.
  writeFormPDF(path, mb * MB)
  return path
}





async function pick(app, form, way, path) {
  const name = path.split('/').pop()
  if (way === 'input') {
    // A click on the drop zone opens the page's own file chooser.
    const chooser = app.page.waitForEvent('filechooser')
    await form.getByTestId('template-drop').click({ position: { x: 12, y: 12 } })
    await (await chooser).setFiles(path)
  } else if (way === 'drop') {
    await dropFile(app.page, form.getByTestId('template-drop'), path, name)
  } else {
    await form.getByTestId('template-choose').click()
    await pickInOpenDialog(app.x(), 'Escolher modelo de contrato', path)
  }
  await form.getByTestId('template-chosen').getByText(name).waitFor({ timeout: 20_000 })
}

test('templates of 1, 5 and 20 MB upload through Contratos by file input, drag and drop and the native dialog', { timeout: 300_000 }, async () => {
  const files = mkdtempSync(join(tmpdir(), 'selo-upload-'))
  const app = await launch()
  const { page } = app
  // Big files on a busy CI machine: give each step room.
  page.setDefaultTimeout(60_000)
  const uploadsDir = join(app.dataDir, 'uploads')
  const staged = () => {
    try {
      return readdirSync(uploadsDir)
    } catch {
      return []
    }
  }
  try {
    await page.getByTestId('sidebar').getByText('Contratos', { exact: true }).click()
    await page.getByTestId('empty-contracts').waitFor()
    const form = page.getByTestId('template-form')
    const detail = page.getByTestId('template-detail')
    const times = []
    for (const way of ways) {
      for (const mb of sizes) {
        const path = makeFile(files, `${way}-${mb}mb`, mb)
        const name = `Modelo ${way} ${mb} MB`
        await page.getByTestId('template-add').click()
        await form.getByTestId('template-name').locator('input').fill(name)
        await pick(app, form, way, path)
        const t0 = Date.now()
        await form.getByTestId('template-save').click()
        await form.waitFor({ state: 'hidden', timeout: 60_000 })
        // What Selo read from the file: one page, the field it fills.
        await detail.getByTestId('template-pages').getByText('1 página(s)').waitFor()
        await detail.getByTestId('template-fields').locator('tr', { hasText: 'titular_nome' }).getByText('Preenchido com: Nome do titular').waitFor()
        const ms = Date.now() - t0
        // The preview reads the PDF from the asset server too.
        await detail.getByTestId('template-preview').waitFor({ state: 'attached', timeout: 30_000 })
        times.push(`upload ${way} ${mb} MB: ${ms} ms`)
        console.log(times.at(-1))
        await detail.getByTestId('template-close').click()
        await detail.waitFor({ state: 'hidden' })
        await page.getByTestId('templates-table').locator('tbody tr', { hasText: name }).getByText(`${mb} MB`, { exact: true }).waitFor()
        rmSync(path)
      }
    }
    assert.equal(await page.getByTestId('templates-table').locator('tbody tr').count(), ways.length * sizes.length)
    // Every posted file left the temporary folder once saved.
    assert.deepEqual(staged(), [])
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
    rmSync(files, { recursive: true, force: true })
  }
})

test('Cancelar aborts a slow upload and reopens a fresh form; a file over the limit is refused saying its size', { timeout: 180_000 }, async () => {
  const files = mkdtempSync(join(tmpdir(), 'selo-upload-'))
  const app = await launch()
  const { page } = app
  // Big files on a busy CI machine: give each step room.
  page.setDefaultTimeout(60_000)
  const uploadsDir = join(app.dataDir, 'uploads')
  const staged = () => {
    try {
      return readdirSync(uploadsDir)
    } catch {
      return []
    }
  }
  try {
    await page.getByTestId('sidebar').getByText('Contratos', { exact: true }).click()
    await page.getByTestId('empty-contracts').waitFor()
    const form = page.getByTestId('template-form')

    // A slow link (256 KB/s up) so the 5 MB post is still running at
    // Cancelar. Not 20 MB: DevTools' network instrumentation stalls the page
    // for seconds per 20 MB body on a slow machine, long enough for a faster
    // post to end unseen.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: MB / 4 })
    const big = makeFile(files, 'slow', 5)
    await page.getByTestId('template-add').click()
    await form.getByTestId('template-name').locator('input').fill('Modelo cancelado')
    await pick(app, form, 'input', big)
    await form.getByTestId('template-save').click()
    const progress = form.getByTestId('upload-progress')
    await progress.getByText(/Enviando o arquivo… ([1-9]\d?)%/).waitFor()
    await app.screenshot('upload-progresso')
    await form.getByTestId('template-cancel').click()
    await form.waitFor({ state: 'hidden' })
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })

    // Reopened: an empty form, no spinner, nothing chosen.
    await page.getByTestId('template-add').click()
    await form.waitFor()
    assert.equal(await form.getByTestId('template-name').locator('input').inputValue(), '')
    assert.equal(await form.getByTestId('template-chosen').count(), 0)
    assert.equal(await form.getByTestId('upload-progress').count(), 0)
    assert.equal(await form.getByTestId('template-save').evaluate((b) => b.classList.contains('n-button--loading')), false)
    // Go may have every byte by the Cancelar (a slow machine, or the
    // window's scheme handing the body over whole): the post's id drops it.
    await until('the aborted upload leaves no temporary file', () => staged().length === 0, 10_000)
    assert.equal(await page.getByTestId('empty-contracts').count(), 1, 'the cancelled upload was saved')

    // The same form still works after a cancel.
    const small = makeFile(files, 'after-cancel', 1)
    await form.getByTestId('template-name').locator('input').fill('Modelo depois do cancelar')
    await pick(app, form, 'input', small)
    await form.getByTestId('template-save').click()
    await form.waitFor({ state: 'hidden' })
    await page.getByTestId('template-detail').getByTestId('template-close').click()

    // Over the limit: refused at once, by the page and by the native dialog.
    const huge = makeFile(files, 'huge', 31)
    await page.getByTestId('template-add').click()
    await pick(app, form, 'drop', huge).catch(() => {})
    await form.getByTestId('template-file-item').getByText('O arquivo tem 31 MB; o limite é 20 MB por documento').waitFor()
    await form.getByTestId('template-choose').click()
    await pickInOpenDialog(app.x(), 'Escolher modelo de contrato', huge)
    await form.getByTestId('template-file-item').getByText('O arquivo tem 31 MB; o limite é 20 MB por documento').waitFor()
    assert.equal(await form.getByTestId('template-chosen').count(), 0)
    await form.getByTestId('template-cancel').click()

    // The route itself refuses a post without the page's secret, and one over the limit.
    const denied = await fetch(`${app.url}/selo/upload`, { method: 'POST', body: 'x' })
    assert.equal(denied.status, 403)
    const secret = await page.evaluate(() => window.go.app.Templates.UploadTarget().then((t) => t.secret))
    const tooBig = await fetch(`${app.url}/selo/upload`, {
      method: 'POST',
      headers: { 'X-Selo-Upload-Secret': secret },
      body: new Uint8Array(21 * MB),
    })
    assert.equal(tooBig.status, 413)
    assert.deepEqual(await tooBig.json(), { code: 'template.too_large', field: 'file', data: { sizeMB: 21, maxMB: 20 } })
    assert.deepEqual(staged(), [])
    assert.deepEqual(app.pageErrors, [])
  } finally {
    await app.stop()
    rmSync(files, { recursive: true, force: true })
  }
})
