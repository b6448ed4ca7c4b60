// Texts of the Clicksign keys list about the token on this computer (office
// mode: each PC keeps its own keyring). pt-BR.ts and en-US.ts put them under
// pages.integrations.keys.tokenHere.
export const tokenHerePtBR = {
  missing: 'Token não está neste computador',
  mismatch: 'Token diferente do escritório',
  unknown: 'Cofre de senhas não respondeu',
  missingHint: 'Esta chave ainda não está neste computador: cole o token (Access Token) para enviar daqui.',
  mismatchHint: 'O token guardado neste computador não é o da chave do escritório: cole o token certo.',
  unknownHint: 'Não foi possível ler o cofre de senhas deste computador. Abra-o (ou desbloqueie a sessão) e recarregue a tela.',
  paste: 'Colar token',
}

export const tokenHereEnUS: typeof tokenHerePtBR = {
  missing: 'Token not on this computer',
  mismatch: 'Token differs from the office’s',
  unknown: 'Keyring did not answer',
  missingHint: 'This key is not on this computer yet: paste the token (Access Token) to send from here.',
  mismatchHint: 'The token kept on this computer is not the office’s token for this key: paste the right one.',
  unknownHint: 'This computer’s keyring could not be read. Open (or unlock) it and reload the screen.',
  paste: 'Paste token',
}
