// Texts of the office server connection banner (issue #15, the server going
// away mid-session). Spread into pt-BR.ts / en-US.ts as `connection`.

export const connectionPtBR = {
  down: 'Sem conexão com o servidor do escritório — tentando de novo…',
  downHelp:
    'O que você digitou continua na tela. Quando a conexão voltar, salve de novo; nada é gravado pela metade.',
  back: 'Conexão restabelecida',
  // Sobre, in office mode: where the data lives is the server, not selo.db.
  about: {
    officeServer: 'Servidor do escritório',
    officeAddress: '{host}, porta {port} · banco {database}',
    privacyOffice:
      'Os dados do escritório ficam no servidor PostgreSQL do escritório, compartilhados pelos computadores que o usam. A chave de integração da Clicksign fica no cofre de senhas de cada computador, nunca no banco de dados.',
  },
}

export const connectionEnUS: typeof connectionPtBR = {
  down: 'No connection to the office server — trying again…',
  downHelp: 'What you typed is still on screen. Once the connection is back, save again; nothing is half-saved.',
  back: 'Connection restored',
  about: {
    officeServer: 'Office server',
    officeAddress: '{host}, port {port} · database {database}',
    privacyOffice:
      'The office’s data lives on the office PostgreSQL server, shared by the computers that use it. The Clicksign integration key stays in each computer’s keyring, never in the database.',
  },
}
