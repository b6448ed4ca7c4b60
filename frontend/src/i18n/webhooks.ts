// Texts of "Receber atualizações por webhook (opcional)" on each Clicksign
// key. pt-BR.ts and en-US.ts spread them in. Error codes nest by their
// dotted segments (errors.webhook.url_local).
export const webhooksPtBR = {
  pages: {
    webhooks: {
      title: 'Receber atualizações por webhook (opcional)',
      intro:
        'Sem webhook, o Selo pergunta à Clicksign de tempos em tempos quem já assinou. Com webhook, a Clicksign avisa o Selo assim que alguém assina ou recusa, ou quando o envio termina, e a tela se atualiza na hora.',
      on: 'Ativo',
      off: 'Desativado',
      summaryOff: 'Desativado',
      summaryOn: 'Ativo em {on} de {total}',
      summaryProblem: 'Receptor parado',
      registered: 'Registrado pelo Selo na Clicksign para {endpoint}.',
      registeredSim: 'Registrado no Simulador local para {endpoint}.',
      manual: 'Webhook criado no site da Clicksign; o segredo está guardado no cofre de senhas deste computador.',
      lastDelivery: 'Último aviso recebido: {when}.',
      noDelivery: 'Nenhum aviso recebido ainda.',
      simBody: 'Um clique registra o receptor local deste computador no Simulador local.',
      enableSim: 'Ativar webhook',
      choose: 'Como ativar',
      modeRegister: 'O Selo registra na Clicksign',
      modeManual: 'Já criei o webhook no site da Clicksign',
      publicUrl: 'Endereço público que encaminha para este computador',
      publicUrlPlaceholder: 'https://selo.imobiliaria.com.br',
      publicUrlHint:
        'A Clicksign, na internet, não alcança este computador diretamente: use um túnel ou proxy reverso que encaminhe para {localUrl}. O Selo acrescenta {path} ao endereço.',
      register: 'Registrar na Clicksign',
      secret: 'Segredo do webhook (HMAC SHA256 Secret)',
      secretHint:
        'No site da Clicksign, o endereço do webhook deve ser o público do seu túnel terminado em {path}. Cole aqui o segredo que a Clicksign mostra; ele fica no cofre de senhas e não é exibido de novo.',
      saveSecret: 'Gravar segredo',
      disable: 'Desativar',
      disableConfirm:
        'Desativar o webhook de “{name}”? O Selo remove o registro na Clicksign e apaga o segredo; as atualizações voltam a chegar pela consulta periódica.',
      cancel: 'Cancelar',
      enabled: 'Webhook ativado para “{name}”.',
      disabled: 'Webhook desativado para “{name}”.',
      remoteLeft:
        'O webhook foi desativado no Selo, mas a Clicksign não confirmou a remoção do registro. Remova-o em Configurações → Webhooks no site da Clicksign; até lá, o Selo recusa o que ele enviar.',
      urlReason: {
        syntax: 'Endereço público inválido. Copie o endereço completo do túnel, como https://selo.imobiliaria.com.br.',
        scheme: 'O endereço público deve começar com https:// (ou http:// no Sandbox).',
        host: 'Falta o nome do servidor no endereço público, como selo.imobiliaria.com.br.',
        credentials: 'Tire usuário e senha do endereço público; a Clicksign não os envia.',
        query: 'Tire a parte depois do “?” do endereço público.',
        fragment: 'Tire a parte depois do “#” do endereço público.',
        port: 'A porta do endereço público deve ser um número de 1 a 65535.',
        path: 'Este endereço termina com o caminho de outra chave. Use só o endereço do túnel; o Selo acrescenta o caminho certo.',
      },
    },
  },
  errors: {
    webhook: {
      url_invalid: 'Endereço público inválido. Copie o endereço completo do túnel, como https://selo.imobiliaria.com.br.',
      url_not_https: 'Para uma chave de Produção, o endereço público precisa começar com https://. Use o endereço https do túnel.',
      url_local:
        'Este endereço só funciona neste computador ou na rede do escritório, e a Clicksign, na internet, não o alcança. Informe o endereço público do túnel que encaminha para este computador.',
      secret_invalid:
        'Segredo inválido: cole o “HMAC SHA256 Secret” do webhook, sem espaços, com pelo menos {min} caracteres (a Clicksign mostra 32 letras e números).',
      simulator_only: 'O registro com um clique é só para chaves do Simulador local. Para Sandbox ou Produção, informe o endereço público.',
      real_only: 'Chaves do Simulador local usam o registro com um clique; não precisam de endereço público.',
      listener_stopped:
        'O receptor local de webhooks está parado, então os avisos da Clicksign não chegam. A porta pode estar em uso por outro programa: veja a aba JivoChat ou reinicie o Selo.',
      endpoint_moved:
        'O receptor deste computador mudou de endereço (a porta foi trocada), e o Simulador local ainda avisa no endereço antigo. Clique em “Ativar webhook” de novo.',
    },
  },
}

export const webhooksEnUS = {
  pages: {
    webhooks: {
      title: 'Receive updates by webhook (optional)',
      intro:
        'Without a webhook, Selo asks Clicksign every now and then who has signed. With one, Clicksign tells Selo as soon as someone signs or refuses, or the envelope ends, and the screen updates at once.',
      on: 'Active',
      off: 'Off',
      summaryOff: 'Off',
      summaryOn: 'Active on {on} of {total}',
      summaryProblem: 'Receiver stopped',
      registered: 'Registered by Selo on Clicksign for {endpoint}.',
      registeredSim: 'Registered with the local simulator for {endpoint}.',
      manual: "Webhook created on Clicksign's site; its secret is kept in this computer's keyring.",
      lastDelivery: 'Last update received: {when}.',
      noDelivery: 'No update received yet.',
      simBody: "One click registers this computer's local receiver with the local simulator.",
      enableSim: 'Turn on webhook',
      choose: 'How to turn it on',
      modeRegister: 'Selo registers it on Clicksign',
      modeManual: "I created the webhook on Clicksign's site",
      publicUrl: 'Public address that forwards to this computer',
      publicUrlPlaceholder: 'https://selo.agency.example',
      publicUrlHint:
        'Clicksign, on the internet, cannot reach this computer directly: use a tunnel or reverse proxy forwarding to {localUrl}. Selo appends {path} to the address.',
      register: 'Register on Clicksign',
      secret: 'Webhook secret (HMAC SHA256 Secret)',
      secretHint:
        "On Clicksign's site, the webhook address must be your tunnel's public address ending in {path}. Paste the secret Clicksign shows; it goes to the keyring and is never shown again.",
      saveSecret: 'Save secret',
      disable: 'Turn off',
      disableConfirm:
        'Turn off the webhook of “{name}”? Selo removes the registration on Clicksign and deletes the secret; updates go back to arriving by the periodic check.',
      cancel: 'Cancel',
      enabled: 'Webhook turned on for “{name}”.',
      disabled: 'Webhook turned off for “{name}”.',
      remoteLeft:
        "The webhook is off in Selo, but Clicksign did not confirm removing the registration. Remove it under Settings → Webhooks on Clicksign's site; until then, Selo refuses what it sends.",
      urlReason: {
        syntax: "Invalid public address. Copy the tunnel's full address, like https://selo.agency.example.",
        scheme: 'The public address must start with https:// (or http:// for Sandbox).',
        host: 'The public address lacks the server name, like selo.agency.example.',
        credentials: 'Remove the user and password from the public address; Clicksign does not send them.',
        query: 'Remove the part after “?” from the public address.',
        fragment: 'Remove the part after “#” from the public address.',
        port: "The public address's port must be a number from 1 to 65535.",
        path: "This address ends with another key's path. Use just the tunnel's address; Selo appends the right path.",
      },
    },
  },
  errors: {
    webhook: {
      url_invalid: "Invalid public address. Copy the tunnel's full address, like https://selo.agency.example.",
      url_not_https: "For a Production key, the public address must start with https://. Use the tunnel's https address.",
      url_local:
        "This address only works on this computer or the office network, which Clicksign, on the internet, cannot reach. Enter the public address of the tunnel forwarding to this computer.",
      secret_invalid:
        "Invalid secret: paste the webhook's “HMAC SHA256 Secret”, without spaces, at least {min} characters (Clicksign shows 32 letters and digits).",
      simulator_only: 'One-click registration is for local simulator keys only. For Sandbox or Production, enter the public address.',
      real_only: 'Local simulator keys use one-click registration; they need no public address.',
      listener_stopped:
        "The local webhook receiver is stopped, so Clicksign's updates do not arrive. Its port may be in use by another program: see the JivoChat tab or restart Selo.",
      endpoint_moved:
        'This computer’s receiver changed address (its port was changed), and the local simulator still posts to the old one. Click “Turn on webhook” again.',
    },
  },
}
