import * as Developments from '../../wailsjs/go/app/Developments'
import { crm } from '../../wailsjs/go/models'
import { call } from './errors'

export type UnitStatus = 'available' | 'reserved' | 'sold' | 'blocked'
export const unitStatuses: UnitStatus[] = ['available', 'reserved', 'sold', 'blocked']

export interface Unit {
  id: number
  blockId: number
  number: string
  floor: number
  areaCm2: number
  priceCents: number
  status: UnitStatus
}
export interface Block {
  id: number
  name: string
  units: Unit[]
}
export interface Stage {
  id: number
  name: string
  blocks: Block[]
}
export interface Development {
  id: number
  name: string
  city: string
  state: string
  integrated: boolean
  provider: string
  integrationId: number
  integrationName: string
  archived: boolean
  stages: Stage[] | null
  unitCounts: Record<string, number> | null
}
export interface DevelopmentInput {
  id: number
  name: string
  city: string
  state: string
}
export interface DevelopmentSettings {
  id: number
  integrated: boolean
  integrationId: number
}
export interface BulkUnitsInput {
  blockId: number
  floorFrom: string
  floorTo: string
  unitsPerFloor: string
  area: string
  price: string
}
export interface UnitInput {
  id: number
  blockId: number
  number: string
  floor: string
  area: string
  price: string
  status: UnitStatus
}

export const developmentsApi = {
  list: (includeArchived = false): Promise<Development[]> =>
    call(async () => ((await Developments.List(includeArchived)) ?? []) as Development[]),
  get: (id: number): Promise<Development> => call(async () => (await Developments.Get(id)) as Development),
  save: (input: DevelopmentInput): Promise<Development> =>
    call(async () => (await Developments.Save(crm.DevelopmentInput.createFrom(input))) as Development),
  saveSettings: (input: DevelopmentSettings): Promise<Development> =>
    call(async () => (await Developments.SaveSettings(crm.DevelopmentSettings.createFrom(input))) as Development),
  setArchived: (id: number, archived: boolean): Promise<void> => call(() => Developments.SetArchived(id, archived)),
  remove: (id: number): Promise<void> => call(() => Developments.Delete(id)),
  addStage: (developmentId: number, name: string): Promise<number> => call(() => Developments.AddStage(developmentId, name)),
  addBlock: (stageId: number, name: string): Promise<number> => call(() => Developments.AddBlock(stageId, name)),
  deleteStage: (id: number): Promise<void> => call(() => Developments.DeleteStage(id)),
  deleteBlock: (id: number): Promise<void> => call(() => Developments.DeleteBlock(id)),
  createUnits: (input: BulkUnitsInput): Promise<number> => call(() => Developments.CreateUnits(crm.BulkUnitsInput.createFrom(input))),
  saveUnit: (input: UnitInput): Promise<number> => call(() => Developments.SaveUnit(crm.UnitInput.createFrom(input))),
  deleteUnit: (id: number): Promise<void> => call(() => Developments.DeleteUnit(id)),
}
