// Texts for Configurações → Escritório and the office server's start-up
// problems (issue #15). Spread into pt-BR.ts / en-US.ts.

export const officePtBR = {
  nav: { office: 'Escritório' },
  pages: {
    office: {
      title: 'Escritório',
      intro:
        'Escolha onde este computador guarda os dados do Selo. Com mais de um computador no escritório, todos usam o mesmo servidor PostgreSQL e veem os mesmos envios.',
      mode: 'Onde ficam os dados',
      modeLocal: 'Só este computador',
      modeLocalHelp: 'Os dados ficam no arquivo selo.db deste computador. Não precisa de servidor.',
      modeOffice: 'Servidor do escritório',
      modeOfficeHelp: 'Os dados ficam no PostgreSQL do escritório, compartilhados com os outros computadores.',
      host: 'Servidor (endereço)',
      hostPlaceholder: 'ex.: 192.168.0.10 ou db.escritorio.com.br',
      port: 'Porta',
      database: 'Banco de dados',
      user: 'Usuário',
      password: 'Senha',
      passwordStored: 'Senha guardada no cofre de senhas deste computador. Deixe em branco para mantê-la.',
      passwordHelp: 'A senha fica só no cofre de senhas deste computador, nunca num arquivo.',
      tls: 'Criptografia (TLS)',
      tlsDisable: 'Desligada (rede interna do escritório)',
      tlsRequire: 'Exigir criptografia',
      tlsVerifyFull: 'Exigir e conferir o certificado (servidor na nuvem)',
      caFile: 'Arquivo do certificado da autoridade (CA)',
      caFilePlaceholder: 'caminho do arquivo .pem ou .crt',
      test: 'Testar conexão',
      save: 'Salvar',
      restartNow: 'Reiniciar agora',
      testOkEmpty:
        'Conexão funcionando: PostgreSQL {version}. O banco está vazio; o Selo cria as tabelas ao abrir neste modo.',
      testOkSelo: 'Conexão funcionando: PostgreSQL {version}, com dados do Selo (esquema {schema}).',
      savedNextStart: 'Configuração salva. Ela vale a partir da próxima vez que o Selo abrir.',
      savedLocal:
        'Configuração salva. Na próxima abertura este computador volta ao seu próprio selo.db.',
      localMeans:
        'Voltar para “Só este computador” quer dizer: este computador volta a usar o seu próprio selo.db, do jeito que ele estava antes de passar para o servidor. Nada é copiado de volta do servidor; o que foi feito no servidor continua lá, para os outros computadores.',
      restartNote: 'O Selo precisa reiniciar para usar a nova configuração.',
      current: 'Em uso agora: {where}',
      currentLocal: 'este computador (selo.db)',
      currentOffice: 'servidor do escritório {host}',
      copy: 'Levar os dados deste computador para o servidor',
      copyHelp:
        'Copia os dados e documentos deste computador para o banco do servidor, que precisa estar vazio. Teste a conexão e salve a configuração antes.',
      copyNeedsSave: 'Salve esta configuração (com a senha) para poder levar os dados deste computador para o servidor.',
      copyHasData: 'O banco do servidor já tem dados: a cópia só é feita para um banco vazio.',
      copyConfirmTitle: 'Levar os dados para o servidor?',
      copyConfirm:
        'O Selo vai copiar todos os dados e documentos deste computador para o banco {database} em {host}, de uma vez só: ou tudo é copiado, ou nada. O banco do servidor precisa estar vazio. Nada muda neste computador: o selo.db e os arquivos continuam aqui como estão.',
      copyStart: 'Copiar agora',
      copyCancel: 'Cancelar',
      copying: 'Copiando {table}… {done} de {total}',
      copyCancelled: 'Cópia cancelada. Nada foi gravado no servidor.',
      copyDone: 'Pronto: os dados deste computador estão no servidor ({rows} registros, {files} documentos).',
      copyTable: '{table}: {rows}',
      copySwitch: 'Usar o servidor neste computador',
      copySwitchHelp: 'O Selo reinicia já usando o servidor do escritório.',
      copyTables: {
        developments: 'Empreendimentos',
        stages: 'Etapas',
        blocks: 'Blocos',
        units: 'Unidades',
        reservations: 'Reservas',
        reservation_people: 'Pessoas das reservas',
        contract_templates: 'Modelos de contrato',
        development_contracts: 'Contratos dos empreendimentos',
        reservation_contracts: 'Contratos das reservas',
        envelopes: 'Envelopes',
        leads: 'Leads',
        lead_messages: 'Mensagens de leads',
        integrations: 'Integrações',
        admin_users: 'Usuários',
        files: 'Documentos (PDFs)',
      },
    },
  },
  startup: {
    titleOffice: 'Sem conexão com o servidor do escritório',
    officeHost: 'Servidor',
    fixOffice:
      'Quando o servidor voltar a responder, clique em “Tentar de novo”. Se o servidor mudou, peça os novos dados a quem cuida dele. Você também pode usar só este computador: o Selo volta ao selo.db deste computador, como estava; nada é copiado do servidor.',
    useLocal: 'Usar só este computador',
    restartingLocal: 'Pronto. O Selo está abrindo de novo com os dados deste computador (selo.db)…',
  },
  errors: {
    office: {
      wrong_password:
        'O servidor recusou o usuário “{user}” ou a senha. Confira a senha (e o usuário) com quem cuida do servidor e tente de novo.',
      unreachable:
        'Nada respondeu em {host}, porta {port}. Confira o endereço e a porta, se este computador está na rede do escritório e se o servidor está ligado.',
      // The same code when a call fails because the server went away mid-session.
      unreachable_session:
        'Sem conexão com o servidor do escritório ({host}). O que você digitou continua na tela: salve de novo quando a conexão voltar.',
      tls_required:
        'O servidor {host} só aceita conexões criptografadas. Em “Criptografia (TLS)”, escolha “Exigir criptografia” (ou conferir o certificado) e teste de novo.',
      tls_failed:
        'Não foi possível abrir a conexão criptografada com {host}: o servidor não oferece TLS ou o certificado não confere com o arquivo da autoridade (CA) ou com o endereço. Confira o arquivo do certificado e o endereço, ou desligue a criptografia se o servidor estiver na rede interna.',
      database_missing:
        'O servidor não tem um banco de dados chamado “{database}”. Confira o nome ou peça a quem cuida do servidor para criá-lo (veja o README).',
      no_password:
        'Este computador está configurado para o servidor do escritório {host}, mas a senha não está no cofre de senhas dele. Use só este computador e informe a senha em Configurações → Escritório.',
      ca_file:
        'O arquivo {path} não pôde ser lido ou não contém um certificado. Escolha o arquivo .pem ou .crt da autoridade (CA) que o servidor usa.',
      bad_host:
        'Informe só o endereço do servidor (ex.: 192.168.0.10 ou db.escritorio.com.br), sem “http://”, barras ou espaços.',
      not_empty:
        'O banco do servidor já tem dados (tabela {table}: {count} registros). A cópia só é feita para um banco vazio: peça a quem cuida do servidor um banco novo e vazio, ou use o servidor como está.',
      copy_mismatch:
        'A conferência da cópia falhou na tabela {table} ({got} registros no servidor, {want} neste computador). Nada foi gravado no servidor; tente de novo.',
      copy_cancelled: 'Cópia cancelada. Nada foi gravado no servidor.',
    },
  },
}

export const officeEnUS: typeof officePtBR = {
  nav: { office: 'Office' },
  pages: {
    office: {
      title: 'Office',
      intro:
        'Choose where this computer keeps Selo’s data. With more than one computer in the office, all of them use the same PostgreSQL server and see the same sends.',
      mode: 'Where the data lives',
      modeLocal: 'This computer only',
      modeLocalHelp: 'The data stays in this computer’s selo.db file. No server needed.',
      modeOffice: 'Office server',
      modeOfficeHelp: 'The data lives on the office’s PostgreSQL, shared with the other computers.',
      host: 'Server (address)',
      hostPlaceholder: 'e.g. 192.168.0.10 or db.office.com',
      port: 'Port',
      database: 'Database',
      user: 'User',
      password: 'Password',
      passwordStored: 'Password kept in this computer’s keyring. Leave blank to keep it.',
      passwordHelp: 'The password is kept only in this computer’s keyring, never in a file.',
      tls: 'Encryption (TLS)',
      tlsDisable: 'Off (office internal network)',
      tlsRequire: 'Require encryption',
      tlsVerifyFull: 'Require and verify the certificate (cloud server)',
      caFile: 'Certificate authority (CA) file',
      caFilePlaceholder: 'path of the .pem or .crt file',
      test: 'Test connection',
      save: 'Save',
      restartNow: 'Restart now',
      testOkEmpty: 'Connection works: PostgreSQL {version}. The database is empty; Selo creates its tables when it opens in this mode.',
      testOkSelo: 'Connection works: PostgreSQL {version}, holding Selo data (schema {schema}).',
      savedNextStart: 'Settings saved. They take effect the next time Selo opens.',
      savedLocal: 'Settings saved. At the next start this computer goes back to its own selo.db.',
      localMeans:
        'Going back to “This computer only” means: this computer uses its own selo.db again, as it was before it moved to the server. Nothing is copied back from the server; what was done there stays there for the other computers.',
      restartNote: 'Selo must restart to use the new settings.',
      current: 'In use now: {where}',
      currentLocal: 'this computer (selo.db)',
      currentOffice: 'office server {host}',
      copy: 'Take this computer’s data to the server',
      copyHelp:
        'Copies this computer’s data and documents into the server database, which must be empty. Test the connection and save the settings first.',
      copyNeedsSave: 'Save these settings (with the password) to take this computer’s data to the server.',
      copyHasData: 'The server database already holds data: the copy only goes into an empty database.',
      copyConfirmTitle: 'Take the data to the server?',
      copyConfirm:
        'Selo will copy all of this computer’s data and documents into database {database} on {host}, all at once: either everything is copied or nothing is. The server database must be empty. Nothing changes on this computer: selo.db and the files stay here as they are.',
      copyStart: 'Copy now',
      copyCancel: 'Cancel',
      copying: 'Copying {table}… {done} of {total}',
      copyCancelled: 'Copy cancelled. Nothing was written to the server.',
      copyDone: 'Done: this computer’s data is on the server ({rows} records, {files} documents).',
      copyTable: '{table}: {rows}',
      copySwitch: 'Use the server on this computer',
      copySwitchHelp: 'Selo restarts using the office server.',
      copyTables: {
        developments: 'Developments',
        stages: 'Stages',
        blocks: 'Blocks',
        units: 'Units',
        reservations: 'Reservations',
        reservation_people: 'Reservation people',
        contract_templates: 'Contract templates',
        development_contracts: 'Development contracts',
        reservation_contracts: 'Reservation contracts',
        envelopes: 'Envelopes',
        leads: 'Leads',
        lead_messages: 'Lead messages',
        integrations: 'Integrations',
        admin_users: 'Users',
        files: 'Documents (PDFs)',
      },
    },
  },
  startup: {
    titleOffice: 'No connection to the office server',
    officeHost: 'Server',
    fixOffice:
      'Once the server answers again, click “Try again”. If the server changed, ask whoever runs it for the new details. You can also use this computer only: Selo goes back to this computer’s selo.db as it was; nothing is copied from the server.',
    useLocal: 'Use this computer only',
    restartingLocal: 'Done. Selo is opening again on this computer’s data (selo.db)…',
  },
  errors: {
    office: {
      wrong_password: 'The server refused user “{user}” or the password. Check the password (and user) with whoever runs the server and try again.',
      unreachable:
        'Nothing answered at {host}, port {port}. Check the address and port, that this computer is on the office network, and that the server is on.',
      unreachable_session: 'No connection to the office server ({host}). What you typed is still on screen: save again once the connection is back.',
      tls_required: 'Server {host} only accepts encrypted connections. Under “Encryption (TLS)”, choose “Require encryption” (or verify the certificate) and test again.',
      tls_failed:
        'Could not open an encrypted connection to {host}: the server offers no TLS, or its certificate does not match the CA file or the address. Check the certificate file and the address, or turn encryption off if the server is on the internal network.',
      database_missing: 'The server has no database named “{database}”. Check the name or ask whoever runs the server to create it (see the README).',
      no_password:
        'This computer is set to use office server {host}, but the password is not in its keyring. Use this computer only and enter the password under Settings → Office.',
      ca_file: 'File {path} could not be read or holds no certificate. Choose the .pem or .crt file of the certificate authority (CA) the server uses.',
      bad_host: 'Enter just the server address (e.g. 192.168.0.10 or db.office.com), without “http://”, slashes or spaces.',
      not_empty:
        'The server database already holds data (table {table}: {count} rows). The copy only goes into an empty database: ask whoever runs the server for a new, empty one, or use the server as it is.',
      copy_mismatch:
        'The copy check failed on table {table} ({got} rows on the server, {want} on this computer). Nothing was written to the server; try again.',
      copy_cancelled: 'Copy cancelled. Nothing was written to the server.',
    },
  },
}
