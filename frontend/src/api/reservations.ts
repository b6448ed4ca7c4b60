import * as Reservations from '../../wailsjs/go/app/Reservations'
import { crm } from '../../wailsjs/go/models'
import { call } from './errors'

export type ReservationStatus = 'in_review' | 'approved' | 'sold' | 'cancelled' | 'expired'
export const reservationStatuses: ReservationStatus[] = ['in_review', 'approved', 'sold', 'cancelled', 'expired']
export type AssociateKind = 'spouse' | 'cobuyer' | 'guarantor'
export const associateKinds: AssociateKind[] = ['spouse', 'cobuyer', 'guarantor']

export interface Person {
  name: string
  cpf: string
  email: string
  phone1: string
  phone2: string
  birthDate: string
  address: string
}
export interface Associate extends Person {
  kind: AssociateKind
}
export interface ReservationInput {
  id: number
  unitId: number
  brokerId: number
  price: string
  status: ReservationStatus
  holder: Person
  associates: Associate[]
}
export interface Reservation {
  id: number
  unitId: number
  unitNumber: string
  blockName: string
  stageName: string
  developmentId: number
  developmentName: string
  brokerId: number
  brokerName: string
  priceCents: number
  status: ReservationStatus
  holder: Person
  associates: Associate[] | null
  createdAt: string
}
export interface ReservationSummary {
  id: number
  developmentName: string
  blockName: string
  unitNumber: string
  holderName: string
  holderCpf: string
  brokerName: string
  priceCents: number
  status: ReservationStatus
  createdAt: string
}
export interface ReservationFilter {
  developmentId: number
  status: ReservationStatus | ''
  brokerId: number
  search: string
  limit: number
  offset: number
}
export interface UnitOption {
  id: number
  number: string
  floor: number
  blockName: string
  stageName: string
  priceCents: number
}
export interface Broker {
  id: number
  name: string
  role: string
}

export const emptyPerson = (): Person => ({ name: '', cpf: '', email: '', phone1: '', phone2: '', birthDate: '', address: '' })

export const reservationsApi = {
  list: async (f: ReservationFilter): Promise<{ items: ReservationSummary[]; total: number }> =>
    call(async () => {
      const page = await Reservations.List(crm.ReservationFilter.createFrom(f))
      return { items: (page.items ?? []) as unknown as ReservationSummary[], total: page.total }
    }),
  get: (id: number): Promise<Reservation> => call(async () => (await Reservations.Get(id)) as unknown as Reservation),
  save: (input: ReservationInput): Promise<Reservation> =>
    call(async () => (await Reservations.Save(crm.ReservationInput.createFrom(input))) as unknown as Reservation),
  availableUnits: (developmentId: number): Promise<UnitOption[]> =>
    call(async () => ((await Reservations.AvailableUnits(developmentId)) ?? []) as UnitOption[]),
  brokers: (): Promise<Broker[]> => call(async () => ((await Reservations.Brokers()) ?? []) as Broker[]),
}
