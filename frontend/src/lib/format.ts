// pt-BR formatting for what the screens show. Values arrive as integers
// (centavos, hundredths of m²) so nothing is rounded twice.
const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' })
const area = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

export function formatBRL(cents: number): string {
  // Intl puts a no-break space after "R$"; keep it, it is what pt-BR users see.
  return brl.format(cents / 100)
}

export function formatArea(cm2: number): string {
  return `${area.format(cm2 / 100)} m²`
}

/** Formats centavos back into the pt-BR text a form field accepts. */
export function moneyInput(cents: number): string {
  return cents ? area.format(cents / 100) : ''
}

export function areaInput(cm2: number): string {
  return cm2 ? area.format(cm2 / 100) : ''
}
