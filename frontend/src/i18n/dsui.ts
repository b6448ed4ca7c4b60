// Texts of a development on a Clicksign or a DocuSign key (#17): the key
// choice in Configurações, "Como a DocuSign fará" on the signer rules, and
// the DocuSign envelopes of the Simulador local training desk. pt-BR.ts and
// en-US.ts hang them under `dsui`.
export const dsuiPtBR = {
  providers: { clicksign: 'Clicksign', docusign: 'DocuSign' },
  /** A key in the development's list: "Treino — DocuSign · Demo". */
  keyLabel: '{description} — {provider} · {environment}',
  // A DocuSign key's environments are DocuSign's names (crm.Environment is shared).
  env: {
    clicksign: { sandbox: 'Sandbox', production: 'Produção', simulator: 'Simulador local' },
    docusign: { sandbox: 'Demo', production: 'Produção', simulator: 'Simulador local' },
  },
  settings: {
    provider: {
      none: 'O serviço de assinatura é o da chave escolhida: Clicksign ou DocuSign.',
      clicksign: 'Serviço: Clicksign. Os contratos deste empreendimento serão enviados pela Clicksign.',
      docusign:
        'Serviço: DocuSign. Os contratos deste empreendimento serão enviados pela DocuSign; em Jurídico, cada assinante mostra como a DocuSign fará o que foi configurado.',
    },
  },
  rules: {
    note:
      'Este empreendimento usa uma chave DocuSign. Os assinantes se configuram como para a Clicksign; o que a DocuSign não faz como configurado (PIX, autenticação por WhatsApp, papéis de assinante) aparece em “Como a DocuSign fará”. SMS, autenticação por telefone e verificação de identidade são recursos pagos da conta DocuSign.',
    compromisesTitle: 'Como a DocuSign fará',
    noCompromises: 'A DocuSign fará exatamente como configurado.',
    problemsTitle: 'Com estes assinantes a DocuSign recusaria o envio. Corrija antes de enviar:',
    problem: 'Assinante {n} · {field}: {message}',
  },
  sim: {
    provider: { clicksign: 'Clicksign', docusign: 'DocuSign' },
    envelope: {
      sent: 'Em andamento',
      delivered: 'Em andamento (aberto)',
      completed: 'Finalizado',
      declined: 'Recusado',
      voided: 'Cancelado',
      expired: 'Prazo vencido',
      created: 'Rascunho',
    },
    expire: 'Simular prazo vencido',
    expired: 'O prazo de “{name}” venceu (simulado).',
  },
}

export const dsuiEnUS: typeof dsuiPtBR = {
  providers: { clicksign: 'Clicksign', docusign: 'DocuSign' },
  keyLabel: '{description} — {provider} · {environment}',
  env: {
    clicksign: { sandbox: 'Sandbox', production: 'Production', simulator: 'Local simulator' },
    docusign: { sandbox: 'Demo', production: 'Production', simulator: 'Local simulator' },
  },
  settings: {
    provider: {
      none: 'The e-signature service is the chosen key’s: Clicksign or DocuSign.',
      clicksign: 'Service: Clicksign. This development’s contracts are sent through Clicksign.',
      docusign:
        'Service: DocuSign. This development’s contracts are sent through DocuSign; under Legal, each signer shows what DocuSign will do with its settings.',
    },
  },
  rules: {
    note:
      'This development uses a DocuSign key. Signers are set up as for Clicksign; what DocuSign cannot do as configured (PIX, WhatsApp authentication, signer roles) shows under “What DocuSign will do”. SMS, phone authentication and ID verification are paid features of the DocuSign account.',
    compromisesTitle: 'What DocuSign will do',
    noCompromises: 'DocuSign will do exactly as configured.',
    problemsTitle: 'With these signers DocuSign would refuse the send. Fix them before sending:',
    problem: 'Signer {n} · {field}: {message}',
  },
  sim: {
    provider: { clicksign: 'Clicksign', docusign: 'DocuSign' },
    envelope: {
      sent: 'In progress',
      delivered: 'In progress (opened)',
      completed: 'Completed',
      declined: 'Declined',
      voided: 'Voided',
      expired: 'Expired',
      created: 'Draft',
    },
    expire: 'Simulate expiry',
    expired: 'The deadline of “{name}” passed (simulated).',
  },
}
