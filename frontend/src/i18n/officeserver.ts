// Texts of the "Recebido pelo servidor do escritório" card on Integrações →
// JivoChat and on each Clicksign key's webhook. pt-BR.ts and en-US.ts spread
// them in.
export const officeServerPtBR = {
  pages: {
    officeServer: {
      title: 'Recebido pelo servidor do escritório',
      body: 'O servidor do escritório ({host}) recebe estes avisos pela internet, mesmo com todos os computadores desligados. Este endereço é o que está cadastrado na {provider}:',
      bodyNoHost: 'O servidor do escritório recebe estes avisos pela internet, mesmo com todos os computadores desligados. Este endereço é o que está cadastrado na {provider}:',
      tokenHidden: 'O token no fim do endereço fica só no servidor; aqui aparecem os 4 últimos caracteres.',
      answering: 'Servidor respondendo',
      silentSince: 'Servidor não responde desde {when}',
      silent: 'Servidor não responde',
      silentHint: 'Confira se o servidor está ligado e se o endereço {url} abre na internet (domínio, proxy ou certificado).',
      processRunsHint: 'O serviço do Selo está rodando no servidor, mas o endereço público não responde: confira o domínio, o proxy ou o certificado.',
      lastEvent: 'Último evento recebido',
      lastDelivery: 'Último aviso recebido',
      never: 'nenhum ainda',
      copy: 'Copiar',
      copied: 'Endereço copiado.',
      copyFailed: 'Não foi possível copiar; selecione o endereço e copie.',
    },
  },
}

export const officeServerEnUS: typeof officeServerPtBR = {
  pages: {
    officeServer: {
      title: 'Received by the office server',
      body: 'The office server ({host}) receives these notices from the internet, even with every computer off. This is the address registered on {provider}:',
      bodyNoHost: 'The office server receives these notices from the internet, even with every computer off. This is the address registered on {provider}:',
      tokenHidden: 'The token at the end of the address stays on the server; only its last 4 characters show here.',
      answering: 'Server answering',
      silentSince: 'Server not answering since {when}',
      silent: 'Server not answering',
      silentHint: 'Check that the server is on and that {url} opens from the internet (domain, proxy or certificate).',
      processRunsHint: "Selo's service runs on the server, but its public address does not answer: check the domain, the proxy or the certificate.",
      lastEvent: 'Last event received',
      lastDelivery: 'Last notice received',
      never: 'none yet',
      copy: 'Copy',
      copied: 'Address copied.',
      copyFailed: 'Could not copy; select the address and copy it.',
    },
  },
}
