// Painel → "Comece aqui": the guide's steps, hiding it, and the dados de
// exemplo. Typed wrappers over the generated bindings.
import * as FirstRun from '../../wailsjs/go/app/FirstRun'
import { call } from './errors'
import type { GoGuideStep, GoSampleStatus } from './models'
import { oneOf, type Refine } from './refine'

export type StepKey = 'key' | 'development' | 'contracts' | 'reservation' | 'send'

const stepKeys: readonly StepKey[] = ['key', 'development', 'contracts', 'reservation', 'send']

/** developmentId: on the contracts step, the development whose Jurídico tab it opens (0: none). */
export type GuideStep = Refine<GoGuideStep, { key: StepKey }>

/** blocked: the error code Load or Remove would give now, '' when none. */
export type SampleStatus = Refine<GoSampleStatus, { data: Record<string, unknown> }>

export const firstRunApi = {
  steps: (): Promise<GuideStep[]> =>
    call(async () => ((await FirstRun.Steps()) ?? []).map((s) => ({ ...s, key: oneOf(stepKeys, s.key, 'send') }))),
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
