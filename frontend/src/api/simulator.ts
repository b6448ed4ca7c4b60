import * as Simulator from '../../wailsjs/go/app/Simulator'
import { call } from './errors'
import type { GoSimEnvelope, GoSimSigner } from './models'
import { oneOf, type Refine } from './refine'

export type SimSignerState = 'pending' | 'waiting' | 'signed' | 'refused' | 'inactive'

const simSignerStates: readonly SimSignerState[] = ['pending', 'waiting', 'signed', 'refused', 'inactive']

export type SimSigner = Refine<GoSimSigner, { state: SimSignerState }>

/** status: 'running', 'closed', 'canceled' or whatever else the simulator says. */
export type SimEnvelope = Refine<GoSimEnvelope, { signers: SimSigner[] | null }>

function simEnvelope(e: GoSimEnvelope): SimEnvelope {
  return { ...e, signers: e.signers?.map((s) => ({ ...s, state: oneOf(simSignerStates, s.state, 'inactive') })) ?? null }
}

export const simulatorApi = {
  envelopes: (): Promise<SimEnvelope[]> => call(async () => ((await Simulator.Envelopes()) ?? []).map(simEnvelope)),
  sign: (envelopeId: string, signerId: string): Promise<void> => call(() => Simulator.Sign(envelopeId, signerId)),
  refuse: (envelopeId: string, signerId: string, reason: string): Promise<void> =>
    call(() => Simulator.Refuse(envelopeId, signerId, reason)),
  advanceDays: (days: number): Promise<void> => call(() => Simulator.AdvanceDays(days)),
}
