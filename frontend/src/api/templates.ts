import * as Templates from '../../wailsjs/go/app/Templates'
import { call } from './errors'
import type { GoContractTemplate, GoDataKey, GoTemplateField } from './models'
import { oneOf, type Refine } from './refine'
import { fetchTemplateFile, type StagedFile, type UploadTarget } from './upload'
import { hasBinding } from './window'

export type MarkKind = '' | 'signature' | 'initials'
const markKinds: readonly MarkKind[] = ['', 'signature', 'initials']

/**
 * A form field of a template's PDF. type is the pdfs field type (text,
 * date, checkbox, radio, combo, list, button, signature, unknown); mark says
 * it is a signature or initials mark, switched off when the contract is
 * sent; dataKey is the reservation data key that fills it ('' when none).
 */
export type TemplateField = Refine<GoTemplateField, { mark: MarkKind }>

export type ContractTemplate = Refine<GoContractTemplate, { fields: TemplateField[] | null; usedBy: string[] | null }>

export type DataKey = Refine<GoDataKey, { aliases: string[] | null }>

function template(t: GoContractTemplate): ContractTemplate {
  return { ...t, fields: t.fields?.map((f) => ({ ...f, mark: oneOf(markKinds, f.mark, '') })) ?? null }
}

/** A PDF picked in the native dialog and staged by its path; id '' when the dialog was closed. */
export type ChosenFile = StagedFile

// The route and secret do not change while the app runs: ask Go once.
let target: Promise<UploadTarget> | null = null
function uploadTarget(): Promise<UploadTarget> {
  target ??= call(async () => await Templates.UploadTarget()).catch((e) => {
    target = null
    throw e
  })
  return target
}

/**
 * True where Selo's Go side answers (the desktop window, or a browser on the
 * dev server): its native file dialog can open. It opens on the app's
 * display, which in browser mode is where the dev binary runs.
 */
export function hasNativeDialog(): boolean {
  return hasBinding('app', 'Templates', 'ChooseFile')
}

export const templatesApi = {
  list: (): Promise<ContractTemplate[]> => call(async () => ((await Templates.List()) ?? []).map(template)),
  get: (id: number): Promise<ContractTemplate> => call(async () => template(await Templates.Get(id))),
  upload: (name: string, fileName: string, base64: string): Promise<ContractTemplate> =>
    call(async () => template(await Templates.Upload(name, fileName, base64))),
  chooseFile: (): Promise<ChosenFile> => call(async () => await Templates.ChooseFile()),
  /** Where the page posts a dropped or chosen file (see api/upload.ts). */
  uploadTarget,
  /**
   * Saves the staged file id as a template, marked "Vai a registro" when
   * registry, in one call; refused, the file stays staged and nothing is saved.
   */
  create: (name: string, id: string, registry = false): Promise<ContractTemplate> =>
    call(async () => template(await Templates.Create(name, id, registry))),
  /** Drops a staged file; a save in progress for it is cancelled. */
  discard: (id: string): Promise<void> => call(() => Templates.Discard(id)),
  /** The template's PDF as a Blob, for an object-URL preview, read from the asset server. */
  file: async (id: number): Promise<Blob> => fetchTemplateFile(await uploadTarget(), id),
  /** version: the template's version the drawer read (0 skips the check). */
  rename: (id: number, name: string, version = 0): Promise<ContractTemplate> =>
    call(async () => template(await Templates.Rename(id, version, name))),
  /** Marks the template "Vai a registro" (ICP-Brasil) or unmarks it, at the version read (0 skips the check). */
  setRegistry: (id: number, registry: boolean, version = 0): Promise<ContractTemplate> =>
    call(async () => template(await Templates.SetRegistry(id, version, registry))),
  remove: (id: number): Promise<void> => call(() => Templates.Delete(id)),
  dataKeys: (): Promise<DataKey[]> => call(async () => (await Templates.DataKeys()) ?? []),
}
