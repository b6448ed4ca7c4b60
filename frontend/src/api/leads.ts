import * as Leads from '../../wailsjs/go/app/Leads'
import { call } from './errors'
import type { GoJivoChatConfig, GoJivoChatURL, GoLeadContact, GoLeadDetail, GoLeadFilter, GoLeadMessage, GoLeadPage, GoLeadSummary, GoListenerStatus } from './models'
import { oneOf, type Refine } from './refine'

export type LeadStage = 'new' | 'in_progress' | 'converted' | 'discarded'
export const leadStages: LeadStage[] = ['new', 'in_progress', 'converted', 'discarded']
export type Author = 'visitor' | 'agent' | 'system'

const authors: readonly Author[] = ['visitor', 'agent', 'system']
const messageAuthors: readonly (Author | '')[] = ['', ...authors]

/** withoutContact: only visitors who left no e-mail or phone ("Visitante sem contato"). */
export type LeadFilter = Refine<GoLeadFilter, { stage: LeadStage | '' }>

/**
 * A lead in the list. origin is "jivochat" for leads from the site chat;
 * hasContact is false for a visitor who left no e-mail or phone: not a lead
 * until a contact is added.
 */
export type LeadSummary = Refine<GoLeadSummary, { stage: LeadStage; lastMessageAuthor: Author | '' }>

export type LeadPage = Refine<GoLeadPage, { items: LeadSummary[] | null }>

export type LeadMessage = Refine<GoLeadMessage, { author: Author }>

export type LeadDetail = Refine<
  GoLeadDetail,
  { stage: LeadStage; lastMessageAuthor: Author | ''; tags: string[] | null; messages: LeadMessage[] | null }
>

/** The contact added to a visitor's chat: what a person types to reach a visitor; one of the two is enough. */
export type LeadContact = GoLeadContact

/** The JivoChat integration: the gestor who owns it, the token that goes into the URL ("Qual token?"); configured is set on answers only. */
export type JivoChatConfig = GoJivoChatConfig

export type JivoChatURL = GoJivoChatURL

/** The listener's state; problem is the error code of what is wrong right now, absent when nothing is. */
export type ListenerStatus = GoListenerStatus

const stageOf = (s: string): LeadStage => oneOf(leadStages, s, 'new')
const authorOf = (a: string): Author => oneOf(authors, a, 'system')

function summary(l: GoLeadSummary): LeadSummary {
  return { ...l, stage: stageOf(l.stage), lastMessageAuthor: oneOf(messageAuthors, l.lastMessageAuthor, '') }
}

function detail(l: GoLeadDetail): LeadDetail {
  return { ...l, ...summary(l), messages: l.messages?.map((m) => ({ ...m, author: authorOf(m.author) })) ?? null }
}

export const leadsApi = {
  list: async (filter: Partial<LeadFilter> = {}): Promise<LeadPage> => {
    const f: LeadFilter = { search: '', stage: '', origin: '', withoutContact: false, limit: 0, offset: 0, ...filter }
    const page = await call(async () => await Leads.List({ ...f }))
    return { ...page, items: (page.items ?? []).map(summary) }
  },
  get: (id: string): Promise<LeadDetail> => call(async () => detail(await Leads.Get(id))),
  setStage: (id: string, stage: LeadStage): Promise<LeadDetail> =>
    call(async () => detail(await Leads.SetStage(id, stage))),
  /** Adds the contact of a visitor who left none; the visitor becomes a lead. */
  setContact: (id: string, c: LeadContact): Promise<LeadDetail> =>
    call(async () => detail(await Leads.SetContact(id, { ...c }))),
}

export const jivochatApi = {
  config: (): Promise<JivoChatConfig> => call(() => Leads.JivoChatConfig()),
  configure: (c: JivoChatConfig): Promise<JivoChatConfig> =>
    call(() => Leads.ConfigureJivoChat({ ...c })),
  integrationUrl: (): Promise<JivoChatURL> => call(() => Leads.IntegrationURL()),
  status: (): Promise<ListenerStatus> => call(() => Leads.ListenerStatus()),
  /** Posts a sample chat through the running listener; resolves with the lead id. */
  sendTestEvent: (): Promise<string> => call(() => Leads.SendTestEvent()),
  openWebchat: (): Promise<void> => call(() => Leads.OpenWebchat()),
}
