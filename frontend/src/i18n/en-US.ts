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
      add: 'New development',
      formNew: 'New development',
      created: 'Development created. Now add its stages, blocks and units.',
      name: 'Name',
      city: 'City',
      state: 'State',
      showArchived: 'Show archived',
      archived: 'Archived',
      archive: 'Archive',
      restore: 'Restore',
      archivedDone: 'Development archived.',
      restored: 'Development restored.',
      integrated: 'API integrated',
      notIntegrated: 'No e-signature',
      noUnits: 'No units',
      unitsSummary: '{total} units · {available} available',
      columns: { name: 'Development', place: 'City / State', units: 'Units', signature: 'E-signature' },
      tabs: { structure: 'Structure', settings: 'Settings' },
      structure: {
        addStage: 'Add stage',
        stagePlaceholder: 'Stage name, e.g. Stage 1',
        addBlock: 'Add block',
        blockPlaceholder: 'Block name, e.g. Block A',
        blockTitle: '{name} · {count} units',
        empty: 'Start with a stage: blocks and units come next.',
        noUnits: 'No units in this block. Use “Create units in bulk”.',
        delete_stage: 'Delete the stage “{name}” with its blocks and units?',
        delete_block: 'Delete the block “{name}” with its units?',
      },
      bulk: {
        open: 'Create units in bulk',
        title: 'Create units in bulk — {block}',
        floorFrom: 'From floor',
        floorTo: 'To floor',
        perFloor: 'Units per floor',
        area: 'Area (m²)',
        price: 'Price (R$)',
        preview: '{count} units will be created, numbered {first} to {last}.',
        create: 'Create units',
        created: '{count} units created.',
      },
      unit: { number: 'Unit', floor: 'Floor', area: 'Area', price: 'Price', status: 'Status' },
      status: { available: 'Available', reserved: 'Reserved', sold: 'Sold', blocked: 'Blocked' },
      settings: {
        integrated: 'API integrated',
        integratedHint: "Sends this development's contracts for e-signature.",
        key: 'E-signature (integration key)',
        keyPlaceholder: "Choose this development's key",
        noKeys: 'No keys yet. Add one in Settings → Integrations.',
        provider: 'Service: Clicksign. Other e-signature services may be chosen per development in the future.',
        saved: 'Settings saved.',
      },
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
      tabClicksign: 'Clicksign (e-signature)',
      tabJivochat: 'JivoChat',
      jivochatSoonTitle: 'JivoChat',
      jivochatSoonBody:
        'Here you will choose the manager and token for the integration, and Selo will show the URL to paste into JivoChat’s “Webhooks URL”. Chat contacts and conversations will arrive in Leads.',
      keys: {
        intro:
          'Each development uses one integration key. You can keep several: for example a Production key for sales and a Sandbox or local Simulator key to train the team.',
        add: 'New key',
        emptyTitle: 'No integration keys',
        emptyBody:
          'Add your Clicksign key to send contracts for e-signature. No account yet? Choose “Local simulator” and train the whole flow without anything leaving this computer.',
        columns: {
          description: 'Description',
          environment: 'Environment',
          token: 'Access token',
          deadline: 'Deadline',
          usedBy: 'Used by',
          actions: 'Actions',
        },
        deadlineDays: '{n} days',
        deadlineDefault: '{n} days (default)',
        notUsed: 'No development',
        test: 'Test connection',
        edit: 'Edit',
        delete: 'Delete',
        deleteConfirm: 'Delete the key “{name}”? Its access token is also removed from this computer’s keyring.',
        deleted: 'Key deleted.',
        saved: 'Key saved.',
        connected: 'Connected: Clicksign accepted the key “{name}”.',
        connectedSimulator: 'Connected to the local Simulator: “{name}” is ready for training.',
        formNew: 'New integration key',
        formEdit: 'Edit integration key',
        save: 'Save',
        cancel: 'Cancel',
        description: 'Description',
        descriptionHint: 'Use a name that says the service and its use, e.g. “Clicksign key”.',
        environment: 'Environment',
        token: 'Access token',
        tokenHint: 'Copy the Access Token from Clicksign → Settings → API. It is kept only in the system keyring.',
        tokenKeep: 'Leave empty to keep the current token ({masked}).',
        tokenSimulator: 'Optional: the local Simulator makes one up.',
        deadline: 'Default deadline in days',
        deadlineHint:
          '1 to 90; empty means 15. When the deadline passes without every signature, the document is cancelled in the reservation and must be generated and sent again.',
        checklistTitle: 'Before adding your first key, check on Clicksign:',
        checklist1: 'the API (envelopes) service is part of your plan;',
        checklist2: 'you have the Access Token at hand (Settings → API);',
        checklist3: 'a valid company e-mail is saved in the Clicksign account.',
        checklistSimulator: 'To train without an account, choose “Local simulator”: none of this is needed.',
      },
      env: {
        sandbox: 'Sandbox',
        production: 'Production',
        simulator: 'Local simulator',
        sandboxHint: 'Tests with no legal validity and no charge.',
        productionHint: 'Legally valid signatures.',
        simulatorHint: 'Training: nothing leaves the computer.',
      },
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
    cancel: 'Cancel',
    save: 'Save',
    edit: 'Edit',
    delete: 'Delete',
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
      too_long: 'Use at most {max} characters.',
      money_invalid: 'Enter an amount in reais, such as 450.000,00.',
      area_invalid: 'Enter the area in m², such as 65,40.',
      not_a_number: 'Enter digits only.',
    },
    integration: {
      token_invalid: 'Invalid token: Clicksign rejected the access token (401). Copy the Access Token again from Clicksign → Settings → API.',
      envelopes_disabled: 'The account does not have the envelope API enabled (503). Ask Clicksign to enable API 3.0 (envelopes) on your account.',
      unreachable: 'No connection to Clicksign, or it timed out. Check this computer’s internet and try again.',
      service_error: 'Clicksign answered with an error: {message}',
      token_missing: 'The access token of “{description}” is not in this computer’s keyring. Edit the key and type the token again.',
      environment_invalid: 'Choose the environment: Sandbox, Production or Local simulator.',
      token_spaces: 'The access token cannot contain spaces. Copy only the Access Token.',
    },
    development: {
      integration_required: 'To turn on “API integrated”, choose the e-signature key for this development.',
      state_invalid: 'Enter a Brazilian state code, such as SP or MG.',
      archived: 'This development is archived. Restore it to make changes.',
    },
    units: {
      overlap: 'Units {numbers} already exist in this block. Adjust the floors or the count; nothing was created.',
      too_many: 'At most {max} units at a time.',
      floor_range: 'The last floor must be equal to or higher than the first.',
    },
    unit: {
      status_invalid: 'Choose the status: available, reserved, sold or blocked.',
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
