// Texts for bad days: start-up failures, a full disk, a call the backend
// could not read, and a burst of leads. Spread into pt-BR.ts / en-US.ts.

export const baddaysPtBR = {
  startup: {
    title: 'O Selo não conseguiu abrir os seus dados',
    titleUnwritable: 'O Selo não consegue gravar na pasta de dados',
    titleDiskFull: 'O disco deste computador está cheio',
    folder: 'Local',
    logsAt: 'Os registros desta abertura estão em {path}.',
    fix: {
      read_only:
        'A pasta está num disco ou pasta somente leitura (um pendrive protegido, uma pasta de rede, uma partição montada só para leitura). Libere a gravação ou mova a pasta para um disco gravável e clique em “Tentar de novo”.',
      permission:
        'Seu usuário não tem permissão para gravar nela. Peça a quem cuida deste computador que dê permissão de gravação ao seu usuário (ou devolva a pasta ao seu usuário) e clique em “Tentar de novo”.',
      full: 'O disco onde fica a pasta está cheio. Libere espaço (esvazie a lixeira, apague ou mova arquivos grandes) e clique em “Tentar de novo”.',
      other:
        'Confira se o caminho existe e é uma pasta (não um arquivo) e se o disco está conectado. Corrija e clique em “Tentar de novo”; se continuar, envie a pasta de registros ao suporte.',
      newer: 'Instale a versão mais nova do Selo neste computador e abra-o de novo. Seus dados continuam intactos.',
      internal: 'Clique em “Tentar de novo”. Se continuar, envie a pasta de registros ao suporte.',
    },
    openFolder: 'Abrir pasta',
    openLogs: 'Abrir registros',
    retry: 'Tentar de novo',
    quit: 'Sair',
    restarting: 'Pronto, a pasta já aceita gravação. O Selo está abrindo de novo…',
    portBusy: {
      title: 'Leads e webhooks não estão chegando',
      body: 'A porta {addr} já está em uso por outro programa, então o receptor do JivoChat e dos webhooks da Clicksign não abriu. Feche o outro programa (talvez outro Selo aberto) e abra o Selo de novo, ou escolha outra porta em Configurações → Integrações → JivoChat.',
      open: 'Abrir Integrações',
      other:
        'O receptor do JivoChat e dos webhooks da Clicksign não abriu no endereço {addr}. Escolha outra porta em Configurações → Integrações → JivoChat; se continuar, envie a pasta de registros ao suporte.',
    },
  },
  leadGroup: {
    title: '{n} novos leads',
    body: 'Chegaram pelo chat do site (JivoChat): {names}.',
    more: '{names} e mais {n}',
    open: 'Abrir Leads',
  },
  errors: {
    disk: {
      full: 'O disco deste computador está cheio e nada foi gravado. Libere espaço (esvazie a lixeira, apague ou mova arquivos grandes) e tente de novo.',
    },
    datahome: {
      unwritable: 'O Selo não consegue criar ou gravar na pasta {path}.',
    },
    call: {
      bad_arguments:
        'A tela enviou dados num formato que o Selo não esperava, e nada foi feito. Recarregue a tela (Ctrl+R) e tente de novo; se continuar, envie a pasta de registros ao suporte.',
    },
  },
}

export const baddaysEnUS: typeof baddaysPtBR = {
  startup: {
    title: 'Selo could not open your data',
    titleUnwritable: 'Selo cannot write to its data folder',
    titleDiskFull: "This computer's disk is full",
    folder: 'Location',
    logsAt: 'The logs of this start are in {path}.',
    fix: {
      read_only:
        'The folder is on a read-only disk or folder (a write-protected USB drive, a network folder, a partition mounted read-only). Allow writing or move the folder to a writable disk, then click “Try again”.',
      permission:
        'Your user may not write to it. Ask whoever looks after this computer to give your user write permission (or give the folder back to your user), then click “Try again”.',
      full: 'The disk holding the folder is full. Free some space (empty the trash, delete or move large files), then click “Try again”.',
      other:
        'Check that the path exists, is a folder (not a file) and that the disk is connected. Fix it and click “Try again”; if it persists, send the logs folder to support.',
      newer: 'Install the newest Selo on this computer and open it again. Your data is intact.',
      internal: 'Click “Try again”. If it persists, send the logs folder to support.',
    },
    openFolder: 'Open folder',
    openLogs: 'Open logs',
    retry: 'Try again',
    quit: 'Quit',
    restarting: 'Done, the folder takes writes again. Selo is opening again…',
    portBusy: {
      title: 'Leads and webhooks are not arriving',
      body: 'Port {addr} is already used by another program, so the JivoChat and Clicksign webhook listener did not open. Close the other program (maybe another Selo) and open Selo again, or choose another port in Settings → Integrations → JivoChat.',
      open: 'Open Integrations',
      other:
        'The JivoChat and Clicksign webhook listener could not open at {addr}. Choose another port in Settings → Integrations → JivoChat; if it goes on, send the logs folder to support.',
    },
  },
  leadGroup: {
    title: '{n} new leads',
    body: 'They came from the website chat (JivoChat): {names}.',
    more: '{names} and {n} more',
    open: 'Open Leads',
  },
  errors: {
    disk: {
      full: "This computer's disk is full and nothing was saved. Free some space (empty the trash, delete or move large files) and try again.",
    },
    datahome: {
      unwritable: 'Selo cannot create or write to the folder {path}.',
    },
    call: {
      bad_arguments:
        'The screen sent data in a shape Selo did not expect, and nothing was done. Reload the screen (Ctrl+R) and try again; if it persists, send the logs folder to support.',
    },
  },
}
