// Texts for office mode's "who" and optimistic versions (issue #15: who uses
// each desktop, and no silent overwrite between PCs). Spread into pt-BR.ts /
// en-US.ts.

export const versionsPtBR = {
  errors: {
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
}

export const versionsEnUS: typeof versionsPtBR = {
  errors: {
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
}
