import * as Templates from '../../wailsjs/go/app/Templates'
import { call } from './errors'

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

/** A PDF picked in the native dialog; fileName '' when the dialog was closed. */
export interface ChosenFile {
  fileName: string
  base64: string
}

function base64ToBlob(b64: string): Blob {
  const bin = atob(b64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return new Blob([bytes], { type: 'application/pdf' })
}

/**
 * True inside the desktop window (WebView2 or WebKit), where the native file
 * dialog exists. In a plain browser (the dev server used by e2e) the screen
 * falls back to a file input.
 */
export function hasNativeDialog(): boolean {
  const w = window as unknown as {
    chrome?: { webview?: unknown }
    webkit?: { messageHandlers?: { external?: unknown } }
  }
  return Boolean(w.chrome?.webview || w.webkit?.messageHandlers?.external)
}

export const templatesApi = {
  list: (): Promise<ContractTemplate[]> => call(async () => ((await Templates.List()) ?? []) as ContractTemplate[]),
  get: (id: number): Promise<ContractTemplate> => call(async () => (await Templates.Get(id)) as ContractTemplate),
  upload: (name: string, fileName: string, base64: string): Promise<ContractTemplate> =>
    call(async () => (await Templates.Upload(name, fileName, base64)) as ContractTemplate),
  chooseFile: (): Promise<ChosenFile> => call(async () => (await Templates.ChooseFile()) as ChosenFile),
  /** The template's PDF as a Blob, for an object-URL preview. */
  file: (id: number): Promise<Blob> => call(async () => base64ToBlob(await Templates.File(id))),
  rename: (id: number, name: string): Promise<ContractTemplate> =>
    call(async () => (await Templates.Rename(id, name)) as ContractTemplate),
  remove: (id: number): Promise<void> => call(() => Templates.Delete(id)),
  dataKeys: (): Promise<DataKey[]> => call(async () => ((await Templates.DataKeys()) ?? []) as DataKey[]),
}
