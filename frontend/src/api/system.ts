import * as System from '../../wailsjs/go/app/System'
import { call, type AppError } from './errors'

export interface SystemInfo {
  version: string
  dataDir: string
  logsDir: string
  databasePath: string
  schemaVersion: number
  platform: string
  startupError?: AppError
}

export const systemApi = {
  info: (): Promise<SystemInfo> => call(() => System.Info()),
  openLogsFolder: (): Promise<void> => call(() => System.OpenLogsFolder()),
  openDataFolder: (): Promise<void> => call(() => System.OpenDataFolder()),
}
