import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

// Components reach Go only through src/api; mock the templates and upload modules.
const create = vi.fn()
const discard = vi.fn()
const chooseFile = vi.fn()
const uploadTarget = vi.fn()
const native = vi.fn(() => false)
const postFile = vi.fn()
vi.mock('../../api/templates', () => ({
  templatesApi: {
    create: (...a: unknown[]) => create(...a),
    discard: (...a: unknown[]) => discard(...a),
    chooseFile: () => chooseFile(),
    uploadTarget: () => uploadTarget(),
  },
  hasNativeDialog: () => native(),
}))
vi.mock('../../api/upload', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/upload')>()),
  postFile: (...a: unknown[]) => postFile(...a),
}))

import UploadForm from './UploadForm.vue'
import { i18n } from '../../i18n'

const target = { url: '/selo/upload', secret: 's3cr3t', maxBytes: 20 * 2 ** 20 }

function mountForm() {
  const onUploaded = vi.fn()
  const show = ref(true)
  const Host = defineComponent(() => () =>
    h(NMessageProvider, () =>
      h(NDialogProvider, () =>
        h(UploadForm, { show: show.value, 'onUpdate:show': (v: boolean) => (show.value = v), onUploaded }),
      ),
    ),
  )
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  return { wrapper, onUploaded, show }
}

const q = (testId: string) => document.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null
const nameInput = () => q('template-name')!.querySelector('input') as HTMLInputElement
function pdfFile(size?: number) {
  const f = new File(['%PDF-1.7 fake'], 'contrato.pdf', { type: 'application/pdf' })
  if (size !== undefined) Object.defineProperty(f, 'size', { value: size })
  return f
}

async function typeName(value: string) {
  nameInput().value = value
  nameInput().dispatchEvent(new Event('input'))
  await flushPromises()
}

async function pickWithInput(file: File) {
  const input = q('template-file-input') as HTMLInputElement
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

async function save() {
  q('template-save')!.click()
  await flushPromises()
}

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)))
  return { promise, resolve, reject }
}

const saveIsSpinning = () => q('template-save')!.classList.contains('n-button--loading')

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const m of [create, discard, chooseFile, uploadTarget, postFile]) m.mockReset()
  uploadTarget.mockResolvedValue(target)
  discard.mockResolvedValue(undefined)
  native.mockReturnValue(false)
  document.body.innerHTML = ''
})

describe('UploadForm', () => {
  it('posts a chosen file to the upload route and saves it by id, never as base64 through the bridge', async () => {
    const tpl = { id: 4, name: 'Contrato' }
    postFile.mockResolvedValue({ id: 'up-1', fileName: 'contrato.pdf', size: 13 })
    create.mockResolvedValue(tpl)
    const { onUploaded, show } = mountForm()
    await typeName('Contrato')
    await pickWithInput(pdfFile())
    expect(q('template-chosen')!.textContent).toContain('contrato.pdf')
    await save()
    expect(postFile).toHaveBeenCalledTimes(1)
    const [t, file, fileName] = postFile.mock.calls[0]
    expect(t).toEqual(target)
    expect(file).toBeInstanceOf(File)
    expect(fileName).toBe('contrato.pdf')
    expect(create).toHaveBeenCalledWith('Contrato', 'up-1', false)
    expect(onUploaded).toHaveBeenCalledWith(tpl)
    expect(show.value).toBe(false)
    // Saved: the Go side already dropped the staged file.
    expect(discard).not.toHaveBeenCalled()
  })

  it('puts each problem on its field, keeps name and file, and does not send the file twice', async () => {
    postFile.mockResolvedValue({ id: 'up-2', fileName: 'contrato.pdf', size: 13 })
    create.mockRejectedValueOnce({
      code: 'validation.failed',
      problems: [
        { code: 'template.name_slash', field: 'name' },
        { code: 'pdf.encrypted', field: 'file' },
      ],
    })
    mountForm()
    await typeName('Contrato 1/2')
    await pickWithInput(pdfFile())
    await save()
    expect(q('template-name-item')!.textContent).toContain('O nome não pode ter “/”')
    expect(q('template-file-item')!.textContent).toContain('protegido por senha')
    expect(nameInput().value).toBe('Contrato 1/2')
    expect(q('template-chosen')!.textContent).toContain('contrato.pdf')
    expect(saveIsSpinning()).toBe(false)

    create.mockResolvedValueOnce({ id: 5, name: 'Contrato 1-2' })
    await typeName('Contrato 1-2')
    await save()
    expect(postFile).toHaveBeenCalledTimes(1)
    expect(create).toHaveBeenLastCalledWith('Contrato 1-2', 'up-2', false)
  })

  it('posts a dropped file', async () => {
    postFile.mockResolvedValue({ id: 'up-3', fileName: 'contrato.pdf', size: 13 })
    create.mockResolvedValue({ id: 1, name: 'x' })
    mountForm()
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown }
    drop.dataTransfer = { files: [pdfFile()] }
    q('template-drop')!.dispatchEvent(drop)
    await flushPromises()
    expect(q('template-chosen')!.textContent).toContain('contrato.pdf')
    await typeName('Contrato')
    await save()
    expect(postFile.mock.calls[0][2]).toBe('contrato.pdf')
    expect(create).toHaveBeenCalledWith('Contrato', 'up-3', false)
  })

  it('uses the native dialog from the button: Go reads the file, the page posts nothing', async () => {
    native.mockReturnValue(true)
    chooseFile.mockResolvedValue({ id: 'up-4', fileName: 'modelo.pdf', size: 5 * 2 ** 20 })
    create.mockResolvedValue({ id: 1, name: 'x' })
    mountForm()
    q('template-choose')!.click()
    await flushPromises()
    expect(chooseFile).toHaveBeenCalled()
    expect(q('template-chosen')!.textContent).toContain('modelo.pdf · 5 MB')
    await typeName('Modelo')
    await save()
    expect(postFile).not.toHaveBeenCalled()
    expect(create).toHaveBeenCalledWith('Modelo', 'up-4', false)
  })

  it('refuses a file over the limit before sending it, saying both sizes', async () => {
    mountForm()
    await pickWithInput(pdfFile(31 * 2 ** 20 - 5))
    expect(q('template-file-item')!.textContent).toContain('O arquivo tem 31 MB; o limite é 20 MB')
    expect(q('template-chosen')).toBeNull()
    await typeName('Contrato')
    create.mockRejectedValue({ code: 'validation.failed', problems: [{ code: 'template.file_required', field: 'file' }] })
    await save()
    expect(postFile).not.toHaveBeenCalled()
  })

  it('shows the post’s progress, and Cancelar aborts it and reopens a fresh form', async () => {
    const post = deferred<unknown>()
    let signal: AbortSignal | undefined
    let progress: ((f: number) => void) | undefined
    let id: string | undefined
    postFile.mockImplementation((_t, _f, _n, opts: { id: string; signal: AbortSignal; onProgress: (f: number) => void }) => {
      signal = opts.signal
      progress = opts.onProgress
      id = opts.id
      return post.promise
    })
    const { show, onUploaded } = mountForm()
    await typeName('Contrato grande')
    await pickWithInput(pdfFile(19 * 2 ** 20))
    await save()
    progress!(0.45)
    await flushPromises()
    expect(q('upload-progress')!.textContent).toContain('Enviando o arquivo… 45%')
    expect(saveIsSpinning()).toBe(true)

    q('template-cancel')!.click()
    await flushPromises()
    expect(signal!.aborted).toBe(true)
    expect(show.value).toBe(false)
    // The bytes may all have reached Go already: the file is dropped by the
    // id the post was given, though the post never answered.
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(discard).toHaveBeenCalledWith(id)
    post.reject({ code: 'upload.aborted' })
    await flushPromises()

    show.value = true
    await flushPromises()
    expect(nameInput().value).toBe('')
    expect(q('template-chosen')).toBeNull()
    expect(q('upload-progress')).toBeNull()
    expect(saveIsSpinning()).toBe(false)
    expect(create).not.toHaveBeenCalled()
    expect(onUploaded).not.toHaveBeenCalled()
  })

  it('Cancelar while Selo checks the PDF drops the staged file and ignores the late answer', async () => {
    native.mockReturnValue(true)
    chooseFile.mockResolvedValue({ id: 'up-6', fileName: 'modelo.pdf', size: 100 })
    const saving = deferred<unknown>()
    create.mockReturnValue(saving.promise)
    const { show, onUploaded } = mountForm()
    q('template-choose')!.click()
    await flushPromises()
    await typeName('Modelo')
    await save()
    expect(q('upload-progress')!.textContent).toContain('Conferindo o PDF…')
    q('template-cancel')!.click()
    await flushPromises()
    expect(discard).toHaveBeenCalledWith('up-6')
    saving.resolve({ id: 9, name: 'Modelo' })
    await flushPromises()
    expect(onUploaded).not.toHaveBeenCalled()
    show.value = true
    await flushPromises()
    expect(saveIsSpinning()).toBe(false)
    expect(q('template-chosen')).toBeNull()
  })

  it('asks for a file when none was chosen', async () => {
    create.mockRejectedValue({ code: 'validation.failed', problems: [{ code: 'template.file_required', field: 'file' }] })
    mountForm()
    await typeName('Contrato')
    await save()
    expect(create).toHaveBeenCalledWith('Contrato', '', false)
    expect(q('template-file-item')!.textContent).toContain('Escolha o arquivo PDF do contrato.')
  })
})
