import * as Simulator from '../../wailsjs/go/app/Simulator'
import { call } from './errors'
import type { GoDsSimEnvelope, GoSimEnvelope, GoSimSigner } from './models'
import type { training } from '../../wailsjs/go/models'
import { oneOf, type Refine } from './refine'

export type SimSignerState = 'pending' | 'waiting' | 'signed' | 'refused' | 'inactive'

const simSignerStates: readonly SimSignerState[] = ['pending', 'waiting', 'signed', 'refused', 'inactive']

export type SimSigner = Refine<GoSimSigner, { state: SimSignerState }>

export type SimProvider = 'clicksign' | 'docusign'

/**
 * status: Clicksign's 'running', 'closed', 'canceled'..., or DocuSign's
 * 'sent', 'delivered', 'completed', 'declined', 'voided', 'expired'.
 * provider says which simulator holds it, so an action goes to that one.
 */
export type SimEnvelope = Refine<GoSimEnvelope, { signers: SimSigner[] | null }> & { provider: SimProvider }

function simEnvelope(e: GoSimEnvelope): SimEnvelope {
  return {
    ...e,
    provider: 'clicksign',
    signers: e.signers?.map((s) => ({ ...s, state: oneOf(simSignerStates, s.state, 'inactive') })) ?? null,
  }
}

// A DocuSign recipient may always decline (DocuSign asks a reason).
function dsEnvelope(e: GoDsSimEnvelope): SimEnvelope {
  return {
    ...e,
    provider: 'docusign',
    signers: e.signers?.map((s) => ({ ...s, refusable: true, state: oneOf(simSignerStates, s.state, 'inactive') })) ?? null,
  }
}

/** A test ICP-Brasil certificate of the certificate step (training.TestCertificate). */
export type TestCertificate = training.TestCertificate

export const simulatorApi = {
  /** The test certificates for a signer who signs only with ICP-Brasil. */
  certificates: (provider: SimProvider, envelopeId: string, signerId: string): Promise<TestCertificate[]> =>
    call(async () =>
      ((provider === 'docusign'
        ? await Simulator.DocuSignCertificates(envelopeId, signerId)
        : await Simulator.Certificates(envelopeId, signerId)) ?? []),
    ),
  signWithCertificate: (provider: SimProvider, envelopeId: string, signerId: string, certificateId: string): Promise<void> =>
    call(() =>
      provider === 'docusign'
        ? Simulator.DocuSignSignWithCertificate(envelopeId, signerId, certificateId)
        : Simulator.SignWithCertificate(envelopeId, signerId, certificateId),
    ),
  envelopes: (): Promise<SimEnvelope[]> => call(async () => ((await Simulator.Envelopes()) ?? []).map(simEnvelope)),
  sign: (envelopeId: string, signerId: string): Promise<void> => call(() => Simulator.Sign(envelopeId, signerId)),
  refuse: (envelopeId: string, signerId: string, reason: string): Promise<void> =>
    call(() => Simulator.Refuse(envelopeId, signerId, reason)),
  advanceDays: (days: number): Promise<void> => call(() => Simulator.AdvanceDays(days)),
  docusignEnvelopes: (): Promise<SimEnvelope[]> => call(async () => ((await Simulator.DocuSignEnvelopes()) ?? []).map(dsEnvelope)),
  docusignSign: (envelopeId: string, recipientId: string): Promise<void> =>
    call(() => Simulator.DocuSignSign(envelopeId, recipientId)),
  docusignDecline: (envelopeId: string, recipientId: string, reason: string): Promise<void> =>
    call(() => Simulator.DocuSignDecline(envelopeId, recipientId, reason)),
  docusignExpire: (envelopeId: string): Promise<void> => call(() => Simulator.DocuSignExpire(envelopeId)),
}
