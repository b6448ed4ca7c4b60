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
      not_a_number: 'Informe só números.',
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
