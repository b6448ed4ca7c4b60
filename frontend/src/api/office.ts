import * as Office from '../../wailsjs/go/app/Office'
import type { office } from '../../wailsjs/go/models'
import { call } from './errors'
import type { GoOfficeProbe, GoOfficeSettings, GoOfficeView } from './models'
import { oneOf, type Refine } from './refine'

export type OfficeMode = 'local' | 'office'
export const officeModes: OfficeMode[] = ['local', 'office']
export type OfficeTLS = 'disable' | 'require' | 'verify-full'
export const officeTLSModes: OfficeTLS[] = ['disable', 'require', 'verify-full']

/** Where this PC's data lives (Configurações → Escritório); never the password. */
export type OfficeSettings = Refine<GoOfficeSettings, { mode: OfficeMode; tls: OfficeTLS }>

/** The saved settings and whether this PC's keyring holds the server password. */
export type OfficeView = Refine<GoOfficeView, { settings: OfficeSettings }>

/** What "Testar conexão" learned from a server that accepted the connection. */
export type OfficeProbe = GoOfficeProbe

/** What "Levar os dados deste computador para o servidor" took: rows per table, documents from disk. */
export type OfficeCopyResult = office.CopyResult

/** One step of the copy (event office:copy): the table being copied, rows done of the total. */
export interface OfficeCopyProgress {
  table: string
  done: number
  total: number
}

const settings = (s: GoOfficeSettings): OfficeSettings => ({
  ...s,
  mode: oneOf(officeModes, s.mode, 'local'),
  tls: oneOf(officeTLSModes, s.tls, 'disable'),
})
const view = (v: GoOfficeView): OfficeView => ({ ...v, settings: settings(v.settings) })

export const officeApi = {
  get: (): Promise<OfficeView> => call(async () => view(await Office.Get())),
  /** password '' keeps the one stored in the keyring. Takes effect at the next start. */
  save: (s: OfficeSettings, password: string): Promise<OfficeView> =>
    call(async () => view(await Office.Save({ ...s }, password))),
  /** Checks the server without saving; a failure is one office.* code. */
  test: (s: OfficeSettings, password: string): Promise<OfficeProbe> => call(() => Office.Test({ ...s }, password)),
  /** Back to this PC's own selo.db, and Selo restarts on it. */
  useLocal: (): Promise<void> => call(() => Office.UseLocal()),
  restart: (): Promise<void> => call(() => Office.Restart()),
  /**
   * Copies this PC's data to the server the SAVED settings name (password
   * from the keyring), into an empty database, in one transaction; progress
   * arrives as AppEvent.OfficeCopy. Nothing on this PC changes.
   */
  copyToServer: (): Promise<OfficeCopyResult> => call(() => Office.CopyToServer()),
  /** Stops the running copy; the server stays empty (office.copy_cancelled). */
  cancelCopy: (): Promise<boolean> => call(() => Office.CancelCopy()),
}
