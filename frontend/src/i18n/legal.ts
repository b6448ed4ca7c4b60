// Texts of Empreendimento → Jurídico: associated contracts, their scope and
// the signer rules (Configurar Assinantes). pt-BR.ts and en-US.ts spread them in.
export const legalPtBR = {
  pages: {
  },
  errors: {},
}

export const legalEnUS: typeof legalPtBR = {
  pages: {
  },
  errors: {},
}
