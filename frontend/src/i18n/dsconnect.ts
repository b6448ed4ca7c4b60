// Texts of a DocuSign key's "Receber atualizações na hora (DocuSign
// Connect)" dialog (DocuSignKeys.vue) and of its docusign_connect.* codes.
// pt-BR.ts and en-US.ts spread `pages` and `errors`.
export const dsconnectPtBR = {
  pages: {
    dsconnect: {
      button: 'Connect',
      title: 'Receber atualizações na hora (DocuSign Connect) — {name}',
      on: 'Ativo: a DocuSign avisa o Selo a cada assinatura.',
      off: 'Desativado: o Selo consulta a DocuSign a cada 20 minutos e quando você clica em “Atualizar”.',
      steps:
        'Na DocuSign, em Configurações → Connect → Adicionar configuração → Personalizada: cole o endereço abaixo em “URL to Publish”, escolha JSON SIM, marque “Include HMAC Signature” e, em “Include Data”, Recipients. Em Connect → Chaves HMAC, gere uma chave e cole-a aqui.',
      publicUrl: 'Endereço público do escritório',
      publicUrlHint: 'O endereço https do túnel ou do servidor do escritório que encaminha para o Selo.',
      connectUrl: 'Endereço para colar na DocuSign',
      connectUrlPending: 'Informe o endereço público para ver o endereço completo.',
      secret: 'Chave HMAC do Connect',
      secretHint: 'Fica guardada no cofre de senhas deste computador, nunca no banco de dados. Em uma troca de chaves, cole uma por linha.',
      secretKept: 'Uma chave já está guardada neste computador. Para trocar, cole a nova.',
      serverNote: 'Com o servidor do escritório, a chave vai no arquivo de credencial {credential} do servidor.',
      enable: 'Ativar',
      save: 'Gravar',
      disable: 'Desativar',
      close: 'Fechar',
      enabled: 'DocuSign Connect ativado para “{name}”.',
      disabled: 'DocuSign Connect desativado para “{name}”.',
    },
  },
  errors: {
    docusign_connect: {
      url_invalid: 'Endereço público inválido. Copie o endereço completo, como https://selo.imobiliaria.com.br.',
      url_not_https: 'A DocuSign só envia para endereços https://. Informe o endereço https do túnel ou do servidor.',
      url_local:
        'Este endereço só funciona neste computador ou na rede do escritório, e a DocuSign, na internet, não o alcança. Informe o endereço público que encaminha para o Selo.',
      simulator: 'A chave “{description}” é do Simulador local: as atualizações já chegam na hora, não há o que ativar.',
      not_docusign: 'A chave “{description}” não é da DocuSign.',
    },
  },
}

export const dsconnectEnUS: typeof dsconnectPtBR = {
  pages: {
    dsconnect: {
      button: 'Connect',
      title: 'Get updates at once (DocuSign Connect) — {name}',
      on: 'On: DocuSign tells Selo about every signature.',
      off: 'Off: Selo asks DocuSign every 20 minutes and when you click “Refresh”.',
      steps:
        'In DocuSign, under Settings → Connect → Add configuration → Custom: paste the address below in “URL to Publish”, choose JSON SIM, tick “Include HMAC Signature” and, under “Include Data”, Recipients. Under Connect → HMAC Keys, generate a key and paste it here.',
      publicUrl: 'The office’s public address',
      publicUrlHint: 'The https address of the tunnel or office server that forwards to Selo.',
      connectUrl: 'Address to paste in DocuSign',
      connectUrlPending: 'Enter the public address to see the full address.',
      secret: 'Connect HMAC key',
      secretHint: 'Kept in this computer’s password vault, never in the database. While rotating keys, paste one per line.',
      secretKept: 'A key is already kept on this computer. Paste a new one to replace it.',
      serverNote: 'With the office server, the key goes in the server’s credential file {credential}.',
      enable: 'Turn on',
      save: 'Save',
      disable: 'Turn off',
      close: 'Close',
      enabled: 'DocuSign Connect turned on for “{name}”.',
      disabled: 'DocuSign Connect turned off for “{name}”.',
    },
  },
  errors: {
    docusign_connect: {
      url_invalid: 'Invalid public address. Copy the full address, like https://selo.agency.example.',
      url_not_https: 'DocuSign only posts to https:// addresses. Enter the https address of the tunnel or server.',
      url_local:
        'This address only works on this computer or the office network, which DocuSign, on the internet, cannot reach. Enter the public address that forwards to Selo.',
      simulator: 'The key “{description}” is a Simulador local key: its updates arrive at once already; there is nothing to turn on.',
      not_docusign: 'The key “{description}” is not a DocuSign key.',
    },
  },
}
