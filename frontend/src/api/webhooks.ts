import * as Webhooks from '../../wailsjs/go/app/Webhooks'
import { call } from './errors'
import type { Environment } from './integrations'

/** How a key's webhook came to exist: '' while off. */
export type WebhookMode = '' | 'registered' | 'manual'

/** One key's "Receber atualizações por webhook". It never carries the secret. */
export interface WebhookStatus {
  integrationId: number
  environment: Environment
  enabled: boolean
  mode: WebhookMode
  /** The address registered on Clicksign ('' for a webhook created on its site). */
  endpoint: string
  /** The key's route on the local listener, e.g. /webhooks/clicksign/3. */
  path: string
  /** The route as reached from this computer. */
  localUrl: string
  listenerRunning: boolean
  enabledAt?: string
  lastDeliveryAt?: string
  /** An error code to explain, e.g. webhook.listener_stopped. */
  problem?: string
  /** Set after Desativar when Clicksign kept the registration. */
  remoteLeft?: boolean
}

const asStatus = (v: unknown) => v as WebhookStatus

export const webhooksApi = {
  list: (): Promise<WebhookStatus[]> => call(async () => ((await Webhooks.List()) ?? []) as unknown as WebhookStatus[]),
  enableSimulator: (id: number): Promise<WebhookStatus> => call(async () => asStatus(await Webhooks.EnableSimulator(id))),
  enableWithUrl: (id: number, publicUrl: string): Promise<WebhookStatus> =>
    call(async () => asStatus(await Webhooks.EnableWithURL(id, publicUrl))),
  saveSecret: (id: number, secret: string): Promise<WebhookStatus> => call(async () => asStatus(await Webhooks.SaveSecret(id, secret))),
  disable: (id: number): Promise<WebhookStatus> => call(async () => asStatus(await Webhooks.Disable(id))),
}
