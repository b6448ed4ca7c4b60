import * as Webhooks from '../../wailsjs/go/app/Webhooks'
import { call } from './errors'
import { environmentOf, type Environment } from './integrations'
import type { GoWebhookStatus } from './models'
import { oneOf, type Refine } from './refine'

/** How a key's webhook came to exist: '' while off. */
export type WebhookMode = '' | 'registered' | 'manual'

const webhookModes: readonly WebhookMode[] = ['', 'registered', 'manual']

/**
 * One key's "Receber atualizações por webhook". It never carries the secret.
 * endpoint: the address registered on Clicksign ('' for a webhook created on
 * its site); path: the key's route on the local listener, e.g.
 * /webhooks/clicksign/3; localUrl: that route as reached from this computer;
 * problem: an error code to explain, e.g. webhook.listener_stopped;
 * remoteLeft: set after Desativar when Clicksign kept the registration.
 */
export type WebhookStatus = Refine<GoWebhookStatus, { environment: Environment; mode: WebhookMode }>

const asStatus = (w: GoWebhookStatus): WebhookStatus => ({ ...w, environment: environmentOf(w.environment), mode: oneOf(webhookModes, w.mode, '') })

export const webhooksApi = {
  list: (): Promise<WebhookStatus[]> => call(async () => ((await Webhooks.List()) ?? []).map(asStatus)),
  enableSimulator: (id: number): Promise<WebhookStatus> => call(async () => asStatus(await Webhooks.EnableSimulator(id))),
  enableWithUrl: (id: number, publicUrl: string): Promise<WebhookStatus> =>
    call(async () => asStatus(await Webhooks.EnableWithURL(id, publicUrl))),
  saveSecret: (id: number, secret: string): Promise<WebhookStatus> => call(async () => asStatus(await Webhooks.SaveSecret(id, secret))),
  disable: (id: number): Promise<WebhookStatus> => call(async () => asStatus(await Webhooks.Disable(id))),
}
