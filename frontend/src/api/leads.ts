import * as Leads from '../../wailsjs/go/app/Leads'
import { leads } from '../../wailsjs/go/models'
import { call } from './errors'

export type LeadStage = 'new' | 'in_progress' | 'converted' | 'discarded'
export const leadStages: LeadStage[] = ['new', 'in_progress', 'converted', 'discarded']
export type Author = 'visitor' | 'agent' | 'system'

export interface LeadFilter {
  search: string
  stage: LeadStage | ''
  origin: string
  /** Only visitors who left no e-mail or phone ("Visitante sem contato"). */
  withoutContact: boolean
  limit: number
  offset: number
}

export interface LeadSummary {
  id: string
  name: string
  email: string
  phone: string
  stage: LeadStage
  /** "jivochat" for leads from the site chat. */
  origin: string
  agentName: string
  /** False for a visitor who left no e-mail or phone: not a lead until a contact is added. */
  hasContact: boolean
  createdAt: string
  lastActivityAt: string
  lastMessage: string
  lastMessageAuthor: Author | ''
  lastMessageAt?: string
  messageCount: number
}

export interface LeadPage {
  items: LeadSummary[] | null
  total: number
  limit: number
  offset: number
}

export interface LeadMessage {
  id: number
  chatId: string
  at: string
  author: Author
  agentName: string
  text: string
}

export interface LeadDetail extends LeadSummary {
  visitorId: string
  clientId: string
  widgetId: string
  department: string
  organization: string
  clientStatus: string
  tags: string[] | null
  attribution: {
    utmSource: string
    utmMedium: string
    utmCampaign: string
    utmContent: string
    utmTerm: string
    pageUrl: string
    pageTitle: string
  }
  geo: { city: string; region: string; regionCode: string; country: string; countryCode: string }
  updatedAt: string
  messages: LeadMessage[] | null
}

/** What a person types to reach a visitor; one of the two is enough. */
/** The contact added to a visitor's chat (Go's leads.Contact). */
export type LeadContact = leads.Contact

export interface JivoChatConfig {
  /** The gestor who owns the integration. */
  userId: number
  /** The gestor's token that goes into the URL ("Qual token?"). */
  tokenId: number
  publicBaseUrl: string
  listenHost: string
  listenPort: number
  /** Set on answers only. */
  configured: boolean
}

export interface JivoChatURL {
  publicUrl: string
  localUrl: string
  userId: number
  userName: string
  tokenId: number
  tokenName: string
  tokenLast4: string
}

export interface ListenerStatus {
  configured: boolean
  running: boolean
  address: string
  startedAt?: string
  lastEventAt?: string
  eventsAccepted: number
  eventsRejected: number
  rawEvents: number
  leads: number
  /** Error code of what is wrong right now; absent when nothing is. */
  problem?: string
}

export const leadsApi = {
  list: async (filter: Partial<LeadFilter> = {}): Promise<LeadPage> => {
    const f: LeadFilter = { search: '', stage: '', origin: '', withoutContact: false, limit: 0, offset: 0, ...filter }
    const page = await call(async () => (await Leads.List(leads.Filter.createFrom(f))) as unknown as LeadPage)
    return { ...page, items: page.items ?? [] }
  },
  get: (id: string): Promise<LeadDetail> => call(async () => (await Leads.Get(id)) as unknown as LeadDetail),
  setStage: (id: string, stage: LeadStage): Promise<LeadDetail> =>
    call(async () => (await Leads.SetStage(id, stage)) as unknown as LeadDetail),
  /** Adds the contact of a visitor who left none; the visitor becomes a lead. */
  setContact: (id: string, c: LeadContact): Promise<LeadDetail> =>
    call(async () => (await Leads.SetContact(id, leads.Contact.createFrom(c))) as unknown as LeadDetail),
}

export const jivochatApi = {
  config: (): Promise<JivoChatConfig> => call(async () => (await Leads.JivoChatConfig()) as JivoChatConfig),
  configure: (c: JivoChatConfig): Promise<JivoChatConfig> =>
    call(async () => (await Leads.ConfigureJivoChat(leads.IntegrationConfig.createFrom(c))) as JivoChatConfig),
  integrationUrl: (): Promise<JivoChatURL> => call(async () => (await Leads.IntegrationURL()) as JivoChatURL),
  status: (): Promise<ListenerStatus> => call(async () => (await Leads.ListenerStatus()) as unknown as ListenerStatus),
  /** Posts a sample chat through the running listener; resolves with the lead id. */
  sendTestEvent: (): Promise<string> => call(() => Leads.SendTestEvent()),
  openWebchat: (): Promise<void> => call(() => Leads.OpenWebchat()),
}
