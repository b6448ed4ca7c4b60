// Naive UI's own texts, adjusted. Its pt-BR catalogue fills every empty input
// with "Por favor digite" and every select with "Por favor selecione": a
// machine-sounding hint on fields whose label already says what to type. A
// field that wants a hint sets its own placeholder; the rest show none.
import { enUS, ptBR, type NLocale } from 'naive-ui'
import type { Locale } from '.'

function quiet(base: NLocale, select: string, week: string): NLocale {
  return {
    ...base,
    Input: { ...base.Input, placeholder: '' },
    InputNumber: { ...base.InputNumber, placeholder: '' },
    Select: { ...base.Select, placeholder: select },
    Cascader: { ...base.Cascader, placeholder: select },
    DatePicker: { ...base.DatePicker, weekPlaceholder: week },
  }
}

const naivePtBR = quiet(ptBR, 'Selecione', 'Selecione a semana')
const naiveEnUS = quiet(enUS, 'Select', 'Select week')

/** The Naive UI locale for n-config-provider. */
export function naiveLocale(locale: Locale): NLocale {
  return locale === 'pt-BR' ? naivePtBR : naiveEnUS
}
