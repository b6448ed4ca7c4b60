// Texts of the send refusals that only DocuSign has (backend/signing
// docusign_mapping.go, errors.docusign.*). pt-BR.ts and en-US.ts spread them
// into their errors.docusign block beside the sign-in texts (dslogin.ts).
export const dsmapPtBR = {
  errors: {
    docusign: {
      name_too_long: 'O nome de {name} tem mais de {max} caracteres, o limite da DocuSign. Abrevie-o no cadastro.',
      email_too_long: 'O e-mail de {name} tem mais de {max} caracteres, o limite da DocuSign. Informe outro e-mail.',
      pix_needs_phone:
        'A DocuSign não tem autenticação por PIX: para {name} ela envia um código por SMS, e para isso precisa de um celular válido. Informe o celular ou escolha outra autenticação.',
      too_many_recipients:
        'Este envio tem {count} signatários; a DocuSign aceita até {max} por envelope. Envie os contratos em mais de um envio.',
      icp_needs_cpf:
        'A assinatura ICP-Brasil de {name} vai à DocuSign com o CPF da pessoa, que falta ou é inválido. Informe o CPF no cadastro.',
      icp_approval:
        'Na DocuSign, a aprovação de {name} é uma entrega certificada, que não aceita certificado ICP-Brasil. Em Jurídico, escolha “Assinatura” no Tipo de assinatura ou outra Autenticação.',
    },
  },
}

export const dsmapEnUS: typeof dsmapPtBR = {
  errors: {
    docusign: {
      name_too_long: 'The name of {name} is longer than {max} characters, DocuSign’s limit. Shorten it in the record.',
      email_too_long: 'The e-mail of {name} is longer than {max} characters, DocuSign’s limit. Enter another e-mail.',
      pix_needs_phone:
        'DocuSign has no PIX authentication: it sends {name} a code by SMS instead, which needs a valid mobile number. Enter the mobile or choose another authentication.',
      too_many_recipients:
        'This send has {count} signers; DocuSign accepts up to {max} per envelope. Send the contracts in more than one send.',
      icp_needs_cpf:
        'The ICP-Brasil signature of {name} goes to DocuSign with the person’s CPF, which is missing or invalid. Enter the CPF in the record.',
      icp_approval:
        'On DocuSign, the approval of {name} is a certified delivery, which takes no ICP-Brasil certificate. In Legal, choose “Signature” as the Signature type, or another Authentication.',
    },
  },
}
