import * as Reservations from '../../wailsjs/go/app/Reservations'
import { call } from './errors'
import type {
  GoAssociate,
  GoBroker,
  GoPerson,
  GoReservation,
  GoReservationFilter,
  GoReservationInput,
  GoReservationSummary,
  GoUnitOption,
} from './models'
import { oneOf, type Refine, type Without } from './refine'

export type ReservationStatus = 'in_review' | 'approved' | 'sold' | 'cancelled' | 'expired'
export const reservationStatuses: ReservationStatus[] = ['in_review', 'approved', 'sold', 'cancelled', 'expired']
export type AssociateKind = 'spouse' | 'cobuyer' | 'guarantor'
export const associateKinds: AssociateKind[] = ['spouse', 'cobuyer', 'guarantor']

export type Person = GoPerson
export type Associate = Refine<GoAssociate, { kind: AssociateKind }>
export type ReservationInput = Refine<GoReservationInput, { status: ReservationStatus; associates: Associate[] }>
export type Reservation = Refine<
  Without<GoReservation, 'updatedAt'>,
  { status: ReservationStatus; associates: Associate[] | null }
>
export type ReservationSummary = Refine<GoReservationSummary, { status: ReservationStatus }>
export type ReservationFilter = Refine<GoReservationFilter, { status: ReservationStatus | '' }>
export type UnitOption = GoUnitOption
export type Broker = GoBroker

const statusOf = (s: string): ReservationStatus => oneOf(reservationStatuses, s, 'in_review')

function reservation(r: GoReservation): Reservation {
  return {
    ...r,
    status: statusOf(r.status),
    associates: r.associates?.map((a) => ({ ...a, kind: oneOf(associateKinds, a.kind, 'spouse') })) ?? null,
  }
}

export const emptyPerson = (): Person => ({ name: '', cpf: '', email: '', phone1: '', phone2: '', birthDate: '', address: '' })

export const reservationsApi = {
  list: async (f: ReservationFilter): Promise<{ items: ReservationSummary[]; total: number }> =>
    call(async () => {
      const page = await Reservations.List({ ...f })
      return { items: (page.items ?? []).map((r) => ({ ...r, status: statusOf(r.status) })), total: page.total }
    }),
  get: (id: number): Promise<Reservation> => call(async () => reservation(await Reservations.Get(id))),
  save: (input: ReservationInput): Promise<Reservation> =>
    call(async () => reservation(await Reservations.Save({ ...input }))),
  availableUnits: (developmentId: number): Promise<UnitOption[]> =>
    call(async () => (await Reservations.AvailableUnits(developmentId)) ?? []),
  brokers: (): Promise<Broker[]> => call(async () => (await Reservations.Brokers()) ?? []),
}
