import * as Simulator from '../../wailsjs/go/app/Simulator'
import { call } from './errors'

export type SimSignerState = 'pending' | 'waiting' | 'signed' | 'refused' | 'inactive'

export interface SimSigner {
  id: string
  name: string
  group: number
  state: SimSignerState
  refusable: boolean
  signedAt?: string
  refusalReason?: string
}

export interface SimEnvelope {
  id: string
  name: string
  status: 'running' | 'closed' | 'canceled' | string
  deadlineAt: string
  created: string
  signers: SimSigner[] | null
}

export const simulatorApi = {
  envelopes: (): Promise<SimEnvelope[]> => call(async () => ((await Simulator.Envelopes()) ?? []) as unknown as SimEnvelope[]),
  sign: (envelopeId: string, signerId: string): Promise<void> => call(() => Simulator.Sign(envelopeId, signerId)),
  refuse: (envelopeId: string, signerId: string, reason: string): Promise<void> =>
    call(() => Simulator.Refuse(envelopeId, signerId, reason)),
  advanceDays: (days: number): Promise<void> => call(() => Simulator.AdvanceDays(days)),
}
