// Texts of the office server connection banner (issue #15, the server going
// away mid-session). Spread into pt-BR.ts / en-US.ts as `connection`.

export const connectionPtBR = {
  down: 'Sem conexão com o servidor do escritório — tentando de novo…',
  downHelp:
    'O que você digitou continua na tela. Quando a conexão voltar, salve de novo; nada é gravado pela metade.',
  back: 'Conexão restabelecida',
}

export const connectionEnUS: typeof connectionPtBR = {
  down: 'No connection to the office server — trying again…',
  downHelp: 'What you typed is still on screen. Once the connection is back, save again; nothing is half-saved.',
  back: 'Connection restored',
}
