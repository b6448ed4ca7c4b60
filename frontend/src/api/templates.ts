import * as Templates from '../../wailsjs/go/app/Templates'
import { call } from './errors'
import { fetchTemplateFile, type StagedFile, type UploadTarget } from './upload'

export type MarkKind = '' | 'signature' | 'initials'

export interface TemplateField {
  name: string
  /** pdfs field type: text, date, checkbox, radio, combo, list, button, signature, unknown. */
  type: string
  page: number
  /** A signature or initials mark, switched off when the contract is sent. */
  mark: MarkKind
  /** The reservation data key that fills the field; '' when none. */
  dataKey: string
}

export interface ContractTemplate {
  id: number
  name: string
  fileName: string
  pages: number
  size: number
  sha256: string
  fields: TemplateField[] | null
  markCount: number
  markAnnotations: number
  matchedCount: number
  signed: boolean
  usedBy: string[] | null
  createdAt: string
  updatedAt: string
}

export interface DataKey {
  key: string
  label: string
  group: string
  aliases: string[] | null
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
  const w = window as unknown as { go?: { app?: { Templates?: { ChooseFile?: unknown } } } }
  return typeof w.go?.app?.Templates?.ChooseFile === 'function'
}

export const templatesApi = {
  list: (): Promise<ContractTemplate[]> => call(async () => ((await Templates.List()) ?? []) as ContractTemplate[]),
  get: (id: number): Promise<ContractTemplate> => call(async () => (await Templates.Get(id)) as ContractTemplate),
  upload: (name: string, fileName: string, base64: string): Promise<ContractTemplate> =>
    call(async () => (await Templates.Upload(name, fileName, base64)) as ContractTemplate),
  chooseFile: (): Promise<ChosenFile> => call(async () => await Templates.ChooseFile()),
  /** Where the page posts a dropped or chosen file (see api/upload.ts). */
  uploadTarget,
  /** Saves the staged file id as a template; refused, the file stays staged. */
  create: (name: string, id: string): Promise<ContractTemplate> =>
    call(async () => (await Templates.Create(name, id)) as ContractTemplate),
  /** Drops a staged file; a save in progress for it is cancelled. */
  discard: (id: string): Promise<void> => call(() => Templates.Discard(id)),
  /** The template's PDF as a Blob, for an object-URL preview, read from the asset server. */
  file: async (id: number): Promise<Blob> => fetchTemplateFile(await uploadTarget(), id),
  rename: (id: number, name: string): Promise<ContractTemplate> =>
    call(async () => (await Templates.Rename(id, name)) as ContractTemplate),
  remove: (id: number): Promise<void> => call(() => Templates.Delete(id)),
  dataKeys: (): Promise<DataKey[]> => call(async () => ((await Templates.DataKeys()) ?? []) as DataKey[]),
}
