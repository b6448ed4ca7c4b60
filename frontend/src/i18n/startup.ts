// The start-up error screen's texts (components/StartupError.vue), in its
// own chunk: that screen must speak even when the catalogue of every screen
// could not be loaded. pt-BR.ts and en-US.ts take these same texts.
import { baddaysEnUS, baddaysPtBR } from './baddays'
import { officeEnUS, officePtBR } from './office'

export const startupPtBR = {
  startup: { ...baddaysPtBR.startup, ...officePtBR.startup },
  errors: {
    ...baddaysPtBR.errors,
    database: {
      newer_than_app: 'Este banco de dados foi gravado por uma versão mais nova do Selo (esquema {dbVersion}; esta versão conhece até {appVersion}). Atualize o Selo para continuar. Nada foi alterado.',
    },
    office: {
      ...officePtBR.errors.office,
      server_too_old: 'O servidor do escritório tem PostgreSQL {version}; o Selo precisa da versão {min} ou mais nova. Peça a quem cuida do servidor para atualizá-lo.',
    },
    internal: 'Algo deu errado do nosso lado. Tente novamente; se continuar, envie a pasta de registros ao suporte.',
  },
}

export const startupEnUS: typeof startupPtBR = {
  startup: { ...baddaysEnUS.startup, ...officeEnUS.startup },
  errors: {
    ...baddaysEnUS.errors,
    database: {
      newer_than_app: 'This database was written by a newer Selo (schema {dbVersion}; this version knows up to {appVersion}). Update Selo to continue. Nothing was changed.',
    },
    office: {
      ...officeEnUS.errors.office,
      server_too_old: 'The office server runs PostgreSQL {version}; Selo needs version {min} or newer. Ask whoever looks after the server to upgrade it.',
    },
    internal: 'Something went wrong on our side. Try again; if it persists, send the logs folder to support.',
  },
}
