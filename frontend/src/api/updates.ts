import * as Updates from '../../wailsjs/go/app/Updates'
import { call } from './errors'

export interface UpdateResult {
  available: boolean
  current: string
  latest: string
  date: string
  url: string
  sha256: string
  notes: string
}

export const updatesApi = {
  feedUrl: (): Promise<string> => call(() => Updates.FeedURL()),
  setFeedUrl: (url: string): Promise<void> => call(() => Updates.SetFeedURL(url)),
  check: async (): Promise<UpdateResult | undefined> => call(async () => (await Updates.Check()).result as UpdateResult | undefined),
  openDownload: (): Promise<void> => call(() => Updates.OpenDownload()),
}
