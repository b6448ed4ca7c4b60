import type ptBR from './pt-BR'

// The English catalogue must have the same keys as pt-BR: the type below makes
// a missing or extra key a compile error.
const enUS: typeof ptBR = {
  app: {
    name: 'Selo',
    tagline: 'Contracts signed without leaving the office',
  },
  nav: {
    dashboard: 'Dashboard',
    reservations: 'Reservations',
    developments: 'Developments',
    contracts: 'Contracts',
    leads: 'Leads',
    settings: 'Settings',
    integrations: 'Integrations',
    users: 'Users',
    about: 'About',
    language: 'Language',
  },
  pages: {
    dashboard: {
      title: 'Dashboard',
      emptyTitle: 'No envelopes to follow yet',
      emptyBody:
        'The manager will see here, at a glance, every contract sent for e-signature: what is pending and who has not signed, what expires in the next days, refusals and what is done.',
    },
    reservations: {
      title: 'Reservations',
      emptyTitle: 'No reservations yet',
      emptyBody:
        'Unit reservations will live here, with holder, associates, broker and price. From each reservation you generate its contracts and send them for e-signature in one click.',
    },
    developments: {
      title: 'Developments',
      emptyTitle: 'No developments yet',
      emptyBody:
        'Here you will register each development with its stages, blocks and units, choose the e-signature key it uses and who signs each contract.',
    },
    contracts: {
      title: 'Contracts',
      emptyTitle: 'No contract templates',
      emptyBody:
        'PDF contract templates will live here. Selo fills their fields with reservation data and switches off signature and initials marks before sending, because Clicksign appends its own signature page.',
    },
    leads: {
      title: 'Leads',
      emptyTitle: 'No leads received',
      emptyBody:
        'Contacts from your website chat (JivoChat) will arrive here with the whole conversation. A lead becomes a reservation in one click.',
    },
    integrations: {
      title: 'Integrations',
      emptyTitle: 'No integrations configured',
      emptyBody:
        'Here you will add Clicksign keys (Sandbox, Production or the local Simulator, to train without an account) and set up JivoChat to receive chat leads.',
    },
    users: {
      title: 'Admin users',
      emptyTitle: 'No admin users',
      emptyBody:
        "The office's managers and brokers will live here, with the tokens that identify each integration, such as the JivoChat URL.",
    },
    about: {
      title: 'About Selo',
      version: 'Version',
      dataDir: 'Data folder',
      logsDir: 'Logs folder',
      database: 'Database',
      schema: 'Schema version',
      platform: 'System',
      openLogs: 'Open logs folder',
      openData: 'Open data folder',
      privacy:
        "The office's data stays on this computer. The Clicksign access token lives in the operating system's keyring, never in the database.",
    },
  },
  common: {
    soon: 'Coming to this screen',
    loading: 'Loading…',
    retry: 'Try again',
  },
  startup: {
    title: 'Selo could not open your data',
  },
  errors: {
    internal: 'Something went wrong on our side. Try again; if it persists, send the logs folder to support.',
    not_found: 'That record no longer exists. Refresh the screen.',
    field: {
      required: 'Fill in this field.',
      duplicate: '“{value}” is already used. Choose another.',
      out_of_range: 'Enter a number from {min} to {max}.',
      not_a_number: 'Enter digits only.',
    },
    record: {
      in_use: 'Cannot delete: it is used by {usedBy}.',
    },
    database: {
      newer_than_app: 'This database was written by a newer Selo (schema {dbVersion}; this version knows up to {appVersion}). Update Selo to continue. Nothing was changed.',
    },
    keyring: {
      unavailable: "The system keyring did not answer. Unlock it (on Linux, GNOME Keyring) and try again.",
    },
    operation: {
      canceled: 'Operation cancelled.',
    },
    validation: {
      failed: 'Fix the items shown and try again.',
    },
  },
}

export default enUS
