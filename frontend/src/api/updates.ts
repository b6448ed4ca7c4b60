import * as Updates from '../../wailsjs/go/app/Updates'
import { call } from './errors'
import type { GoUpdateResult } from './models'

export type UpdateResult = GoUpdateResult

export const updatesApi = {
  feedUrl: (): Promise<string> => call(() => Updates.FeedURL()),
  setFeedUrl: (url: string): Promise<void> => call(() => Updates.SetFeedURL(url)),
  check: async (): Promise<UpdateResult | undefined> => call(async () => (await Updates.Check()).result),
  openDownload: (): Promise<void> => call(() => Updates.OpenDownload()),
}
