// privacyApi over the real generated bindings (window.go.app.Privacy): Go's
// nil slices (a transcript has no fields, a search nothing) reach the screen
// as empty lists, and a failure as the AppError the screen translates.
import { describe, it, expect, afterEach } from 'vitest'
import { privacyApi } from './privacy'

function bind(methods: Record<string, (...args: unknown[]) => Promise<unknown>>) {
  window.go = { ...window.go, app: { ...window.go?.app, Privacy: methods } }
}

afterEach(() => {
  delete window.go
})

const goPlace = {
  kind: 'transcript', table: 'lead_messages', rowId: 'L1', title: 'Conversa', reservationId: 0, leadId: 'L1', envelopeId: '',
  signed: false, envelopeState: '', fields: null, action: 'anonymise', reason: '',
}

describe('privacyApi', () => {
  it('passes the kind and text to Go and reads nil lists as empty', async () => {
    const calls: unknown[][] = []
    bind({
      Search: async (...args) => {
        calls.push(args)
        return { key: { kind: 'cpf', value: '52998224725' }, masked: '529.***.***-25', generatedAt: '2026-12-07T12:00:00Z', places: [goPlace] }
      },
      AccessLog: async () => null,
      Anonymise: async () => ({ key: {}, masked: '', generatedAt: '', places: null, anonymised: 1, deleted: 0, kept: null }),
    })
    const r = await privacyApi.search('cpf', '529.982.247-25')
    expect(calls).toEqual([['cpf', '529.982.247-25']])
    expect(r.places[0].fields).toEqual([])
    expect(r.places[0].messages).toEqual([])
    expect(await privacyApi.accessLog()).toEqual([])
    const o = await privacyApi.anonymise('cpf', '529.982.247-25')
    expect(o.kept).toEqual([])
    expect(o.places).toEqual([])
  })

  it('turns a refusal into the AppError with its field', async () => {
    bind({ Search: async () => Promise.reject(new Error(JSON.stringify({ code: 'privacy.key_invalid', message: 'x', field: 'key', data: { kind: 'cpf' } }))) })
    await expect(privacyApi.search('cpf', '1')).rejects.toMatchObject({ code: 'privacy.key_invalid', field: 'key' })
  })

  it('keeps the kinds of chat lines that mention the person and of a failed send\'s error, and previews retention', async () => {
    const calls: unknown[][] = []
    bind({
      Search: async () => ({ key: {}, masked: '', generatedAt: '', places: [
        { ...goPlace, kind: 'chat_mention', rowId: 'L1:3' }, { ...goPlace, kind: 'send_error', table: 'send_operations', rowId: '4' },
      ] }),
      PreviewRetention: async (...args) => {
        calls.push(args)
        return { months: 12, ran: false, removed: 37, deliveries: 5 }
      },
    })
    const r = await privacyApi.search('cpf', '529.982.247-25')
    expect(r.places.map((p) => p.kind)).toEqual(['chat_mention', 'send_error'])
    expect(await privacyApi.previewRetention(12)).toMatchObject({ removed: 37, deliveries: 5 })
    expect(calls).toEqual([[12]])
  })
})
