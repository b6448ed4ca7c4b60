// Texts for office mode's "who" and optimistic versions (issue #15: who uses
// each desktop, and no silent overwrite between PCs). Spread into pt-BR.ts /
// en-US.ts.

export const versionsPtBR = {
  errors: {
    who: { invalid: 'Esse usuário não está mais ativo. Escolha outro nome da lista.' },
    record: {
      // errorText adds {time} and {date} (São Paulo) from the code's "at".
      conflict:
        '{by} alterou este registro às {time} de {date}. Recarregue para ver a versão atual; o que você digitou continua no formulário.',
    },
  },
  versions: {
    someone: 'Outra pessoa',
    createdBy: 'Criada por {name}',
    sentBy: 'Enviado por {name}',
    reload: 'Recarregar',
  },
  who: {
    title: 'Quem está usando este computador?',
    intro: 'O que for criado e enviado neste computador fica registrado com o nome escolhido. Você pode trocar a qualquer momento.',
    confirm: 'Sou eu',
    using: 'Usando: {name}',
    nobody: 'Ninguém escolhido',
    switch: 'Trocar',
    noUsers: 'Para registrar quem usa cada computador, crie um usuário em Configurações → Usuários.',
  },
}

export const versionsEnUS: typeof versionsPtBR = {
  errors: {
    who: { invalid: 'That user is no longer active. Pick another name from the list.' },
    record: {
      conflict:
        '{by} changed this record at {time} on {date}. Reload to see the current version; what you typed is still in the form.',
    },
  },
  versions: {
    someone: 'Someone else',
    createdBy: 'Created by {name}',
    sentBy: 'Sent by {name}',
    reload: 'Reload',
  },
  who: {
    title: 'Who is using this computer?',
    intro: 'What is created and sent on this computer is recorded under the chosen name. You can switch at any time.',
    confirm: 'That is me',
    using: 'Using: {name}',
    nobody: 'Nobody chosen',
    switch: 'Switch',
    noUsers: 'To record who uses each computer, create a user in Settings → Users.',
  },
}
