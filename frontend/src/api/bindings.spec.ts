// The api wrappers over the real generated bindings (wailsjs/go/app/*.js
// call window.go.app.<Struct>.<Method>): what Go sends reaches the screens
// whole, with nil slices and enum strings made into what the screens expect.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { contractsApi } from './contracts'
import { developmentsApi } from './developments'
import { boardApi, emptyFilter } from './board'
import { leadsApi } from './leads'

function bind(struct: string, methods: Record<string, (...args: unknown[]) => Promise<unknown>>) {
  window.go = { ...window.go, app: { ...window.go?.app, [struct]: methods } }
}

afterEach(() => {
  delete window.go
  vi.restoreAllMocks()
})

const goContract = {
  id: 1, reservationId: 5, kind: 'attached', associationId: 0, templateId: 0, name: 'Memorial', fileName: 'm.pdf',
  pages: 2, size: 7000, sha256: 'x', position: 0, state: 'sent', endedEnvelopeId: '', endedAs: '', sentAgain: false,
  createdAt: '2026-11-27T12:00:00Z',
}

describe('contractsApi', () => {
  it('passes every field of Go’s contract through', async () => {
    bind('Contracts', { List: async () => [goContract] })
    expect(await contractsApi.list(5)).toEqual([goContract])
  })

  it('reads a nil list as none', async () => {
    bind('Contracts', { List: async () => null, OpenOperations: async () => null })
    expect(await contractsApi.list(5)).toEqual([])
    expect(await contractsApi.openOperations(5)).toEqual([])
  })

  it('shows a state it does not know as generated rather than an unlabelled tag', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    bind('Contracts', { List: async () => [{ ...goContract, state: 'archived' }] })
    const [c] = await contractsApi.list(5)
    expect(c.state).toBe('generated')
  })
})

describe('developmentsApi', () => {
  it('keeps the tree of stages, blocks and units, and no tree in a list', async () => {
    const unit = { id: 9, blockId: 3, number: '101', floor: 1, areaCm2: 5000, priceCents: 100, status: 'sold' }
    const dev = {
      id: 1, name: 'Vila', city: 'X', state: 'SP', integrated: false, provider: '', integrationId: 0, integrationName: '',
      archived: false, unitCounts: null, createdAt: '2026-11-27T12:00:00Z',
    }
    bind('Developments', {
      Get: async () => ({ ...dev, stages: [{ id: 2, name: 'Etapa 1', blocks: [{ id: 3, name: 'A', units: [unit] }, { id: 4, name: 'B', units: null }] }] }),
      List: async () => [{ ...dev, stages: null }],
    })
    const got = await developmentsApi.get(1)
    expect(got.stages?.[0].blocks[0].units).toEqual([unit])
    expect(got.stages?.[0].blocks[1].units).toEqual([])
    expect((await developmentsApi.list())[0].stages).toBeNull()
  })
})

describe('boardApi', () => {
  it('gives every row a list of missing signers and a refusal or null', async () => {
    const row = {
      envelopeId: 'e1', reservationId: 5, clientName: 'Ana', developmentName: 'Vila', blockName: 'A', unitNumber: '101',
      brokerName: 'Bia', envelopeName: 'Contratos', state: 'recusado', sentAt: '2026-11-27T12:00:00Z',
      deadlineAt: '2026-12-27T12:00:00Z', daysLeft: 20, missing: null,
    }
    const counts = { em_andamento: 0, finalizado: 0, cancelado: 0, vencido: 0, recusado: 1, total: 1 }
    bind('Board', { Summary: async () => ({ counts, any: true, waiting: null, expiringSoon: [], refusals: [row], at: '2026-11-28T12:00:00Z' }) })
    const s = await boardApi.summary(emptyFilter())
    expect(s.waiting).toEqual([])
    expect(s.refusals).toEqual([{ ...row, missing: [], refusal: null }])
    expect(s.counts).toEqual(counts)
  })
})

describe('leadsApi', () => {
  it('keeps a lead’s messages and their authors', async () => {
    const lead = {
      id: 'l1', name: 'Ana', email: '', phone: '', stage: 'in_progress', origin: 'jivochat', agentName: '', hasContact: false,
      createdAt: '', lastActivityAt: '', lastMessage: 'Oi', lastMessageAuthor: 'visitor', messageCount: 1, visitorId: 'v',
      clientId: 'c', widgetId: 'w', department: '', organization: '', clientStatus: '', tags: null,
      attribution: { utmSource: '', utmMedium: '', utmCampaign: '', utmContent: '', utmTerm: '', pageUrl: '', pageTitle: '' },
      geo: { city: '', region: '', regionCode: '', country: '', countryCode: '' }, updatedAt: '',
      messages: [{ id: 1, chatId: 'c1', at: '2026-11-27T12:00:00Z', author: 'visitor', agentName: '', text: 'Oi' }],
    }
    bind('Leads', { Get: async () => lead })
    expect(await leadsApi.get('l1')).toEqual(lead)
  })
})
