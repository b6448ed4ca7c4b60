import * as Developments from '../../wailsjs/go/app/Developments'
import { call } from './errors'
import type {
  GoBlock,
  GoBulkUnitsInput,
  GoDevelopment,
  GoDevelopmentInput,
  GoDevelopmentSettings,
  GoDocuSignPreview,
  GoStage,
  GoUnit,
  GoUnitInput,
} from './models'
import { oneOf, type Refine, type Without } from './refine'
import type { RulePreview, SignerRule } from './legal'

export type UnitStatus = 'available' | 'reserved' | 'sold' | 'blocked'
export const unitStatuses: UnitStatus[] = ['available', 'reserved', 'sold', 'blocked']

export type Unit = Refine<GoUnit, { status: UnitStatus }>
export type Block = Refine<GoBlock, { units: Unit[] }>
export type Stage = Refine<GoStage, { blocks: Block[] }>
export type Development = Refine<
  Without<GoDevelopment, 'createdAt'>,
  { stages: Stage[] | null; unitCounts: Record<string, number> | null }
>
export type DevelopmentInput = GoDevelopmentInput
export type DevelopmentSettings = GoDevelopmentSettings
export type BulkUnitsInput = GoBulkUnitsInput
export type UnitInput = Refine<GoUnitInput, { status: UnitStatus }>
/** What DocuSign makes of a signer list: each rule's compromises and every problem that would refuse a send. */
export type DocuSignPreview = Refine<GoDocuSignPreview, { rules: RulePreview[] }>

const unit = (u: GoUnit): Unit => ({ ...u, status: oneOf(unitStatuses, u.status, 'available') })
const block = (b: GoBlock): Block => ({ ...b, units: (b.units ?? []).map(unit) })
const stage = (st: GoStage): Stage => ({ ...st, blocks: (st.blocks ?? []).map(block) })

// stages is null in a list (Go leaves the tree out there) and the tree in Get.
function development(d: GoDevelopment): Development {
  return { ...d, stages: d.stages?.map(stage) ?? null }
}

export const developmentsApi = {
  list: (includeArchived = false): Promise<Development[]> =>
    call(async () => ((await Developments.List(includeArchived)) ?? []).map(development)),
  get: (id: number): Promise<Development> => call(async () => development(await Developments.Get(id))),
  save: (input: DevelopmentInput): Promise<Development> =>
    call(async () => development(await Developments.Save({ ...input }))),
  saveSettings: (input: DevelopmentSettings): Promise<Development> =>
    call(async () => development(await Developments.SaveSettings({ ...input }))),
  setArchived: (id: number, archived: boolean): Promise<void> => call(() => Developments.SetArchived(id, archived)),
  remove: (id: number): Promise<void> => call(() => Developments.Delete(id)),
  addStage: (developmentId: number, name: string): Promise<number> => call(() => Developments.AddStage(developmentId, name)),
  addBlock: (stageId: number, name: string): Promise<number> => call(() => Developments.AddBlock(stageId, name)),
  deleteStage: (id: number): Promise<void> => call(() => Developments.DeleteStage(id)),
  deleteBlock: (id: number): Promise<void> => call(() => Developments.DeleteBlock(id)),
  createUnits: (input: BulkUnitsInput): Promise<number> => call(() => Developments.CreateUnits({ ...input })),
  saveUnit: (input: UnitInput): Promise<number> => call(() => Developments.SaveUnit({ ...input })),
  deleteUnit: (id: number): Promise<void> => call(() => Developments.DeleteUnit(id)),
  docusignPreview: (rules: SignerRule[]): Promise<DocuSignPreview> =>
    call(async () => {
      const p = await Developments.DocuSignPreview(rules.map((r) => ({ ...r })))
      return { rules: (p?.rules ?? []).map((r) => ({ compromises: r.compromises ?? [] })), problems: p?.problems ?? [] }
    }),
}
