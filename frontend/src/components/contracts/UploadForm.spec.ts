import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

// Components reach Go only through src/api; mock the templates module.
const upload = vi.fn()
const chooseFile = vi.fn()
const native = vi.fn(() => false)
vi.mock('../../api/templates', () => ({
  templatesApi: { upload: (...a: unknown[]) => upload(...a), chooseFile: () => chooseFile() },
  hasNativeDialog: () => native(),
}))

import UploadForm from './UploadForm.vue'
import { i18n } from '../../i18n'

function mountForm() {
  const onUploaded = vi.fn()
  const Host = defineComponent(() => () =>
    h(NMessageProvider, () => h(NDialogProvider, () => h(UploadForm, { show: true, onUploaded }))),
  )
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  return { wrapper, onUploaded }
}

const q = (testId: string) => document.querySelector(`[data-testid="${testId}"]`) as HTMLElement
const pdfFile = () => new File(['%PDF-1.7 fake'], 'contrato.pdf', { type: 'application/pdf' })

async function typeName(value: string) {
  const input = q('template-name').querySelector('input')!
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function pickWithInput(file: File) {
  const input = q('template-file-input') as HTMLInputElement
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await vi.waitFor(() => expect(q('template-chosen')).toBeTruthy())
}

async function save() {
  q('template-save').click()
  await flushPromises()
}

beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  upload.mockReset()
  chooseFile.mockReset()
  native.mockReturnValue(false)
  document.body.innerHTML = ''
})

describe('UploadForm', () => {
  it('sends the name and the file read as base64', async () => {
    const tpl = { id: 4, name: 'Contrato' }
    upload.mockResolvedValue(tpl)
    const { onUploaded } = mountForm()
    await typeName('Contrato')
    await pickWithInput(pdfFile())
    expect(q('template-chosen').textContent).toContain('contrato.pdf')
    await save()
    expect(upload).toHaveBeenCalledWith('Contrato', 'contrato.pdf', btoa('%PDF-1.7 fake'))
    expect(onUploaded).toHaveBeenCalledWith(tpl)
  })

  it('puts each problem on its field and loses neither the name nor the file', async () => {
    upload.mockRejectedValue({
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
    expect(q('template-name-item').textContent).toContain('O nome não pode ter “/”')
    expect(q('template-file-item').textContent).toContain('protegido por senha')
    expect((q('template-name').querySelector('input') as HTMLInputElement).value).toBe('Contrato 1/2')
    expect(q('template-chosen').textContent).toContain('contrato.pdf')
  })

  it('reads a dropped file', async () => {
    upload.mockResolvedValue({ id: 1, name: 'x' })
    mountForm()
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown }
    drop.dataTransfer = { files: [pdfFile()] }
    q('template-drop').dispatchEvent(drop)
    await vi.waitFor(() => expect(q('template-chosen')).toBeTruthy())
    await typeName('Contrato')
    await save()
    expect(upload).toHaveBeenCalledWith('Contrato', 'contrato.pdf', btoa('%PDF-1.7 fake'))
  })

  it('uses the native dialog inside the desktop window', async () => {
    native.mockReturnValue(true)
    chooseFile.mockResolvedValue({ fileName: 'modelo.pdf', base64: btoa('%PDF-1.7 x') })
    upload.mockResolvedValue({ id: 1, name: 'x' })
    mountForm()
    q('template-choose').click()
    await flushPromises()
    expect(chooseFile).toHaveBeenCalled()
    expect(q('template-chosen').textContent).toContain('modelo.pdf')
    await typeName('Modelo')
    await save()
    expect(upload).toHaveBeenCalledWith('Modelo', 'modelo.pdf', btoa('%PDF-1.7 x'))
  })

  it('sends an empty file so the Go side can say a file is missing', async () => {
    upload.mockRejectedValue({ code: 'validation.failed', problems: [{ code: 'template.file_required', field: 'file' }] })
    mountForm()
    await typeName('Contrato')
    await save()
    expect(upload).toHaveBeenCalledWith('Contrato', '', '')
    expect(q('template-file-item').textContent).toContain('Escolha o arquivo PDF do contrato.')
  })
})
