// Texts of a reservation's contracts and their sending for e-signature
// (Gerar contratos, Anexar PDF, Enviar, progress, errors of the send).
// pt-BR.ts and en-US.ts spread them in.
export const sendingPtBR = {
  pages: {},
  errors: {},
}

export const sendingEnUS: typeof sendingPtBR = {
  pages: {},
  errors: {},
}
