// Texts of the DocuSign send and envelope actions (backend/signing
// docusign_send.go and docusign_actions.go, errors.docusign.*). pt-BR.ts and
// en-US.ts spread them into their errors.docusign block beside the sign-in
// (dslogin.ts) and mapping (dsmap.ts) texts.
export const dssendPtBR = {
  errors: {
    docusign: {
      outcome_unknown:
        'A DocuSign não respondeu se recebeu o envio. Clique em “Tentar novamente”: o Selo procura o envelope antes de criar outro, sem duplicar.',
      rate_limited: 'A DocuSign pediu uma pausa nos envios desta conta. Tente de novo em {minutes} min.',
      phone_auth_unavailable:
        'A conta DocuSign desta chave não tem a autenticação por telefone (código por SMS) ativa, pedida para {name}. Peça ao administrador da conta DocuSign que a ative, ou em Configurar Assinantes escolha autenticação por e-mail para esta pessoa. Nada foi enviado.',
      id_verification_unavailable:
        'A conta DocuSign desta chave não tem a verificação de identidade (documento e selfie) ativa, pedida para {name}. Peça ao administrador da conta DocuSign que a ative, ou em Configurar Assinantes escolha “Nenhuma” evidência para esta pessoa. Nada foi enviado.',
      draw_signature_unavailable:
        'A assinatura manuscrita configurada para {name} ainda não pode ser pedida à DocuSign pelo Selo. Em Configurar Assinantes, escolha o tipo “Assinatura” para esta pessoa, ou use uma chave Clicksign neste empreendimento.',
      approval_unavailable:
        'A aprovação configurada para {name} ainda não pode ser pedida à DocuSign pelo Selo. Em Configurar Assinantes, escolha o tipo “Assinatura” para esta pessoa, ou use uma chave Clicksign neste empreendimento.',
      file_too_large: '“{name}” tem {sizeMB} MB; a DocuSign aceita até {maxMB} MB por envelope.',
      too_large: 'Os documentos somam {sizeMB} MB; a DocuSign aceita até {maxMB} MB por envelope. Envie menos contratos juntos.',
      merged_too_large:
        'O documento mesclado, com a página de assinaturas, tem {sizeMB} MB; a DocuSign aceita até {maxMB} MB. Envie menos contratos juntos.',
      not_finished: 'O documento assinado e o certificado ficam prontos quando todos assinarem.',
      notify_wait: 'A notificação acabou de ser reenviada. Aguarde {seconds} s para reenviar de novo.',
      signer_not_turn: '{name} ainda não está na vez de assinar: a DocuSign só convida quem está na vez.',
      remote_missing: 'Este envelope não existe mais na DocuSign, então não há o que cancelar. Confira na conta DocuSign.',
    },
  },
}

export const dssendEnUS: typeof dssendPtBR = {
  errors: {
    docusign: {
      outcome_unknown:
        'DocuSign did not say whether it received the send. Click “Try again”: Selo looks for the envelope before creating another, so nothing is duplicated.',
      rate_limited: 'DocuSign asked this account to pause sending. Try again in {minutes} min.',
      phone_auth_unavailable:
        'This key’s DocuSign account does not have phone authentication (SMS code) enabled, which {name} requires. Ask the DocuSign account administrator to enable it, or in Configure Signers choose e-mail authentication for this person. Nothing was sent.',
      id_verification_unavailable:
        'This key’s DocuSign account does not have ID Verification (ID document and selfie) enabled, which {name} requires. Ask the DocuSign account administrator to enable it, or in Configure Signers choose “None” as evidence for this person. Nothing was sent.',
      draw_signature_unavailable:
        'The handwritten signature set for {name} cannot be asked of DocuSign by Selo yet. In Configure Signers, choose the “Signature” type for this person, or use a Clicksign key for this development.',
      approval_unavailable:
        'The approval set for {name} cannot be asked of DocuSign by Selo yet. In Configure Signers, choose the “Signature” type for this person, or use a Clicksign key for this development.',
      file_too_large: '“{name}” is {sizeMB} MB; DocuSign accepts up to {maxMB} MB per envelope.',
      too_large: 'The documents add up to {sizeMB} MB; DocuSign accepts up to {maxMB} MB per envelope. Send fewer contracts together.',
      merged_too_large:
        'The merged document, with the signature page, is {sizeMB} MB; DocuSign accepts up to {maxMB} MB. Send fewer contracts together.',
      not_finished: 'The signed document and the certificate are ready once everyone has signed.',
      notify_wait: 'The notification was just sent again. Wait {seconds} s to resend it.',
      signer_not_turn: '{name} is not yet due to sign: DocuSign only invites those whose turn it is.',
      remote_missing: 'This envelope no longer exists on DocuSign, so there is nothing to cancel. Check the DocuSign account.',
    },
  },
}
