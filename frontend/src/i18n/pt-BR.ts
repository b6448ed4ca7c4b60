export default {
  app: {
    name: 'Selo',
    tagline: 'Contratos assinados, sem sair do escritório',
  },
  nav: {
    dashboard: 'Painel',
    reservations: 'Reservas',
    developments: 'Empreendimentos',
    contracts: 'Contratos',
    leads: 'Leads',
    settings: 'Configurações',
    integrations: 'Integrações',
    users: 'Usuários',
    about: 'Sobre',
    language: 'Idioma',
  },
  pages: {
    dashboard: {
      title: 'Painel',
      emptyTitle: 'Nenhum envio para acompanhar ainda',
      emptyBody:
        'Aqui o gestor verá, de relance, cada contrato enviado para assinatura eletrônica: o que está pendente e quem falta assinar, o que vence nos próximos dias, as recusas e o que já foi finalizado.',
    },
    reservations: {
      title: 'Reservas',
      emptyTitle: 'Nenhuma reserva cadastrada',
      emptyBody:
        'Aqui ficarão as reservas das unidades, com titular, associados, corretor e valor. De cada reserva você gera os contratos e os envia para assinatura eletrônica com um clique.',
    },
    developments: {
      title: 'Empreendimentos',
      emptyTitle: 'Nenhum empreendimento cadastrado',
      emptyBody:
        'Aqui você cadastrará cada empreendimento com suas etapas, blocos e unidades, escolherá a chave de assinatura eletrônica que ele usa e quem assina cada contrato.',
    },
    contracts: {
      title: 'Contratos',
      emptyTitle: 'Nenhum modelo de contrato',
      emptyBody:
        'Aqui ficarão os modelos de contrato em PDF. O Selo preenche os campos com os dados da reserva e desliga as marcas de assinatura e rubrica antes do envio, porque a Clicksign acrescenta a própria página de assinaturas.',
    },
    leads: {
      title: 'Leads',
      emptyTitle: 'Nenhum lead recebido',
      emptyBody:
        'Aqui chegarão os contatos do chat do seu site (JivoChat), com a conversa completa. Um lead pode virar reserva com um clique.',
    },
    integrations: {
      title: 'Integrações',
      emptyTitle: 'Nenhuma integração configurada',
      emptyBody:
        'Aqui você cadastrará as chaves da Clicksign (Sandbox, Produção ou Simulador local, para treinar sem conta) e configurará o JivoChat para receber os leads do chat.',
      tabClicksign: 'Clicksign (assinatura eletrônica)',
      tabJivochat: 'JivoChat',
      jivochatSoonTitle: 'JivoChat',
      jivochatSoonBody:
        'Aqui você escolherá o gestor e o token da integração, e o Selo mostrará a URL para colar em “URL para Webhooks” no JivoChat. Os contatos e conversas do chat chegarão em Leads.',
      keys: {
        intro:
          'Cada empreendimento usa uma chave de integração. Você pode ter várias: por exemplo, uma de Produção para as vendas e uma de Sandbox ou do Simulador local para treinar a equipe.',
        add: 'Nova chave',
        emptyTitle: 'Nenhuma chave de integração',
        emptyBody:
          'Cadastre a chave da Clicksign para enviar contratos para assinatura eletrônica. Sem conta ainda? Escolha “Simulador local” e treine o fluxo completo sem que nada saia deste computador.',
        columns: {
          description: 'Descrição',
          environment: 'Ambiente',
          token: 'Chave de integração',
          deadline: 'Vencimento',
          usedBy: 'Usada por',
          actions: 'Ações',
        },
        deadlineDays: '{n} dias',
        deadlineDefault: '{n} dias (padrão)',
        notUsed: 'Nenhum empreendimento',
        test: 'Testar conexão',
        edit: 'Editar',
        delete: 'Excluir',
        deleteConfirm: 'Excluir a chave “{name}”? A chave de integração também será apagada do cofre de senhas deste computador.',
        deleted: 'Chave excluída.',
        saved: 'Chave gravada.',
        connected: 'Conectado: a Clicksign aceitou a chave “{name}”.',
        connectedSimulator: 'Conectado ao Simulador local: “{name}” está pronta para treinar.',
        formNew: 'Nova chave de integração',
        formEdit: 'Editar chave de integração',
        save: 'Gravar',
        cancel: 'Cancelar',
        description: 'Descrição',
        descriptionHint: 'Dê um nome que diga o serviço e o uso, por exemplo “Chave Clicksign”.',
        environment: 'Ambiente',
        token: 'Chave de integração (Access Token)',
        tokenHint: 'Copie o Access Token em Clicksign → Configurações → API. Ele fica guardado só no cofre de senhas do sistema.',
        tokenKeep: 'Deixe em branco para manter a chave atual ({masked}).',
        tokenSimulator: 'Opcional: o Simulador local cria uma chave sozinho.',
        deadline: 'Vencimento padrão em dias',
        deadlineHint:
          'De 1 a 90; em branco vale 15. Quando o prazo vence sem todas as assinaturas, o documento é cancelado na reserva e precisa ser gerado e enviado de novo.',
        checklistTitle: 'Antes de cadastrar a primeira chave, confira na Clicksign:',
        checklist1: 'o serviço de API (envelopes) está contratado na sua conta;',
        checklist2: 'você tem o Access Token em mãos (Configurações → API);',
        checklist3: 'há um e-mail válido da empresa cadastrado na conta Clicksign.',
        checklistSimulator: 'Para treinar sem conta, escolha “Simulador local”: nada disso é necessário.',
      },
      env: {
        sandbox: 'Sandbox',
        production: 'Produção',
        simulator: 'Simulador local',
        sandboxHint: 'Testes sem validade jurídica e sem cobrança.',
        productionHint: 'Assinaturas com validade jurídica.',
        simulatorHint: 'Treinamento: nada sai do computador.',
      },
    },
    users: {
      title: 'Usuários administrativos',
      emptyTitle: 'Nenhum usuário administrativo',
      emptyBody:
        'Aqui ficarão os gestores e corretores do escritório e os tokens que identificam cada integração, como a URL do JivoChat.',
    },
    about: {
      title: 'Sobre o Selo',
      version: 'Versão',
      dataDir: 'Pasta de dados',
      logsDir: 'Pasta de registros (logs)',
      database: 'Banco de dados',
      schema: 'Versão do esquema',
      platform: 'Sistema',
      openLogs: 'Abrir pasta de registros',
      openData: 'Abrir pasta de dados',
      privacy:
        'Os dados do escritório ficam só neste computador. A chave de integração da Clicksign fica no cofre de senhas do sistema operacional, nunca no banco de dados.',
    },
  },
  common: {
    soon: 'Em breve nesta tela',
    loading: 'Carregando…',
    retry: 'Tentar novamente',
  },
  startup: {
    title: 'O Selo não conseguiu abrir os seus dados',
  },
  errors: {
    internal: 'Algo deu errado do nosso lado. Tente novamente; se continuar, envie a pasta de registros ao suporte.',
    not_found: 'O registro não existe mais. Atualize a tela.',
    field: {
      required: 'Preencha este campo.',
      duplicate: 'Já existe um registro com “{value}”. Escolha outro.',
      out_of_range: 'Informe um número de {min} a {max}.',
      too_long: 'Use no máximo {max} caracteres.',
      not_a_number: 'Informe só números.',
    },
    integration: {
      token_invalid: 'Token inválido: a Clicksign recusou a chave de integração (401). Copie o Access Token de novo em Clicksign → Configurações → API.',
      envelopes_disabled: 'A conta não tem a API de envelopes habilitada (503). Peça à Clicksign para ativar a API 3.0 (envelopes) na sua conta.',
      unreachable: 'Sem conexão com a Clicksign ou tempo esgotado. Verifique a internet deste computador e tente de novo.',
      service_error: 'A Clicksign respondeu com erro: {message}',
      token_missing: 'A chave de integração de “{description}” não está no cofre de senhas deste computador. Edite a chave e digite o token de novo.',
      environment_invalid: 'Escolha o ambiente: Sandbox, Produção ou Simulador local.',
      token_spaces: 'A chave de integração não pode ter espaços. Copie só o Access Token.',
    },
    record: {
      in_use: 'Não é possível excluir: está em uso por {usedBy}.',
    },
    database: {
      newer_than_app: 'Este banco de dados foi gravado por uma versão mais nova do Selo (esquema {dbVersion}; esta versão conhece até {appVersion}). Atualize o Selo para continuar. Nada foi alterado.',
    },
    keyring: {
      unavailable: 'O cofre de senhas do sistema não respondeu. Desbloqueie-o (no Linux, o “Chaveiro”/GNOME Keyring) e tente novamente.',
    },
    operation: {
      canceled: 'Operação cancelada.',
    },
    validation: {
      failed: 'Corrija os itens indicados e tente novamente.',
    },
  },
}
