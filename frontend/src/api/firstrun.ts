// Painel → "Comece aqui": the guide's steps, hiding it, and the dados de
// exemplo. Typed wrappers over the generated bindings.
import * as FirstRun from '../../wailsjs/go/app/FirstRun'
import { call } from './errors'

export type StepKey = 'key' | 'development' | 'contracts' | 'reservation' | 'send'

export interface GuideStep {
  key: StepKey
  done: boolean
  /** On the contracts step: the development whose Jurídico tab it opens (0: none). */
  developmentId: number
}

export interface SampleStatus {
  loaded: boolean
  canLoad: boolean
  canRemove: boolean
  /** The error code Load or Remove would give now, '' when none. */
  blocked: string
  data: Record<string, unknown>
}

export const firstRunApi = {
  steps: (): Promise<GuideStep[]> => call(async () => (await FirstRun.Steps()) as GuideStep[]),
  hidden: (): Promise<boolean> => call(() => FirstRun.Hidden()),
  setHidden: (hidden: boolean): Promise<void> => call(() => FirstRun.SetHidden(hidden)),
  sampleStatus: (): Promise<SampleStatus> =>
    call(async () => {
      const s = await FirstRun.SampleStatus()
      return { loaded: s.loaded, canLoad: s.canLoad, canRemove: s.canRemove, blocked: s.blocked, data: s.data ?? {} }
    }),
  loadSample: (): Promise<void> => call(() => FirstRun.LoadSample()),
  removeSample: (): Promise<void> => call(() => FirstRun.RemoveSample()),
}
