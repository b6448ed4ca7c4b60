import { describe, expect, it } from 'vitest'
import { applyChannelChange, channelsFor, type ChannelSet } from './channelRules'
// The vectors Go writes (crm.ChannelRuleVectors): the same file both sides test.
import shared from '../../../backend/crm/testdata/channel_rules.json' with { type: 'json' }

const vectors = shared.vectors as { name: string; start: ChannelSet; field: string; value: string; want: ChannelSet }[]

describe('channel rules (shared vectors with Go)', () => {
  it('has the vectors', () => {
    expect(vectors.length).toBeGreaterThan(20)
  })
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(applyChannelChange(v.start, v.field, v.value)).toEqual(v.want)
  })
  it('keeps the other fields of a rule and does not mutate it', () => {
    const rule = { sendOrder: 2, name: 'Ana Lima', delivery: 'email', reminder: 'sms', auth: 'email' }
    const got = applyChannelChange(rule, 'delivery', 'whatsapp')
    expect(got).toEqual({ sendOrder: 2, name: 'Ana Lima', delivery: 'whatsapp', reminder: 'email', auth: 'whatsapp' })
    expect(rule.delivery).toBe('email')
  })
  it('offers PIX only for Autenticação', () => {
    expect(channelsFor('delivery')).not.toContain('pix')
    expect(channelsFor('auth')).toEqual(['email', 'sms', 'pix', 'whatsapp', 'icp_brasil'])
  })
})
