import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { NDialogProvider, NMessageProvider } from 'naive-ui'

// "Vai a registro" on the upload form. Components reach Go only through
// src/api; mock the templates and upload modules.
const create = vi.fn()
const discard = vi.fn()
const chooseFile = vi.fn()
const uploadTarget = vi.fn()
const native = vi.fn(() => false)
const postFile = vi.fn()
const setRegistry = vi.fn()
vi.mock('../../api/templates', () => ({
  templatesApi: {
    create: (...a: unknown[]) => create(...a),
    discard: (...a: unknown[]) => discard(...a),
    chooseFile: () => chooseFile(),
    uploadTarget: () => uploadTarget(),
    setRegistry: (...a: unknown[]) => setRegistry(...a),
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



beforeEach(() => {
  i18n.global.locale.value = 'pt-BR'
  for (const m of [create, discard, chooseFile, uploadTarget, postFile, setRegistry]) m.mockReset()
  uploadTarget.mockResolvedValue(target)
  discard.mockResolvedValue(undefined)
  native.mockReturnValue(false)
  document.body.innerHTML = ''
})

describe('UploadForm · Vai a registro', () => {
  it('saves the template already marked "Vai a registro" in one call when ticked', async () => {
    postFile.mockResolvedValue({ id: 'up-1', fileName: 'contrato.pdf', size: 13 })
    create.mockResolvedValue({ id: 4, name: 'Promessa', version: 1, registry: true })
    const { onUploaded } = mountForm()
    await typeName('Promessa')
    await pickWithInput(pdfFile())
    expect(q('template-registry')!.textContent).toContain('Vai a registro (exige certificado ICP-Brasil)')
    q('template-registry')!.click()
    await flushPromises()
    await save()
    expect(create).toHaveBeenCalledWith('Promessa', 'up-1', true)
    expect(setRegistry).not.toHaveBeenCalled()
    expect(onUploaded).toHaveBeenCalledWith(expect.objectContaining({ registry: true }))
  })

  it('a refused save keeps the staged file and the tick: the next try sends both again, and nothing was half-saved', async () => {
    postFile.mockResolvedValue({ id: 'up-3', fileName: 'contrato.pdf', size: 13 })
    create.mockRejectedValueOnce({
      code: 'validation.failed',
      problems: [{ code: 'template.name_duplicate', field: 'name', data: { name: 'Promessa' } }],
    })
    create.mockResolvedValueOnce({ id: 6, name: 'Promessa 2', version: 1, registry: true })
    const { onUploaded } = mountForm()
    await typeName('Promessa')
    await pickWithInput(pdfFile())
    q('template-registry')!.click()
    await flushPromises()
    await save()
    expect(onUploaded).not.toHaveBeenCalled()
    await typeName('Promessa 2')
    await save()
    expect(postFile).toHaveBeenCalledTimes(1)
    expect(create.mock.calls).toEqual([
      ['Promessa', 'up-3', true],
      ['Promessa 2', 'up-3', true],
    ])
    expect(setRegistry).not.toHaveBeenCalled()
    expect(onUploaded).toHaveBeenCalledWith(expect.objectContaining({ id: 6, registry: true }))
  })

  it('leaves an ordinary template alone', async () => {
    postFile.mockResolvedValue({ id: 'up-2', fileName: 'contrato.pdf', size: 13 })
    create.mockResolvedValue({ id: 5, name: 'Vistoria', version: 1, registry: false })
    const { onUploaded } = mountForm()
    await typeName('Vistoria')
    await pickWithInput(pdfFile())
    await save()
    expect(create).toHaveBeenCalledWith('Vistoria', 'up-2', false)
    expect(setRegistry).not.toHaveBeenCalled()
    expect(onUploaded).toHaveBeenCalledWith(expect.objectContaining({ registry: false }))
  })
})
