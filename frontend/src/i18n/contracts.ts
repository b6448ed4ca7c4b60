// Texts of Contratos (contract templates): upload, inspection, signature marks,
// data keys. pt-BR.ts and en-US.ts spread them in.
export const contractsPtBR = {
  pages: {
    contracts: {
      title: 'Contratos',
      emptyTitle: 'Nenhum modelo de contrato',
      emptyBody:
        'Aqui ficarão os modelos de contrato em PDF. O Selo preenche os campos com os dados da reserva e desliga as marcas de assinatura e rubrica antes do envio, porque a Clicksign acrescenta a própria página de assinaturas.',
    },
  },
  errors: {},
}

export const contractsEnUS: typeof contractsPtBR = {
  pages: {
    contracts: {
      title: 'Contracts',
      emptyTitle: 'No contract templates',
      emptyBody:
        'PDF contract templates will live here. Selo fills their fields with reservation data and switches off signature and initials marks before sending, because Clicksign appends its own signature page.',
    },
  },
  errors: {},
}
