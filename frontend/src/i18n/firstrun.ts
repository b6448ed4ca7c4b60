// Texts of the Painel's "Comece aqui" guide and the dados de exemplo.
// pt-BR.ts and en-US.ts spread them in. Error codes nest by their dotted
// segments (errors.sample.not_empty), because vue-i18n reads dots as paths.
export const firstrunPtBR = {
  pages: {
    firstrun: {
      title: 'Comece aqui',
      intro: 'Cinco passos para enviar os contratos de uma reserva para assinatura eletrônica. Cada passo se marca sozinho quando estiver feito.',
      progress: '{done} de {total} passos feitos',
      done: 'Feito',
      todo: 'A fazer',
      steps: {
        key: {
          title: 'Criar a chave de assinatura',
          body: 'Em Configurações → Integrações: Sandbox para testar, Produção para valer, ou Simulador local para experimentar sem conta na Clicksign.',
          action: 'Abrir Integrações',
        },
        development: {
          title: 'Cadastrar um empreendimento',
          body: 'Em Empreendimentos: etapas, blocos e unidades, e a chave de assinatura que ele usa.',
          action: 'Abrir Empreendimentos',
        },
        contracts: {
          title: 'Associar contratos e configurar assinantes',
          body: 'Na aba Jurídico do empreendimento: os modelos de contrato que ele usa e quem assina cada um.',
          action: 'Abrir Jurídico',
        },
        reservation: {
          title: 'Criar uma reserva',
          body: 'Em Reservas → Nova reserva: a unidade, o titular e quem mais compra, e o corretor.',
          action: 'Nova reserva',
        },
        send: {
          title: 'Enviar para assinatura',
          body: 'Na reserva, gere os contratos e use “Enviar contratos para assinatura eletrônica”.',
          action: 'Abrir Reservas',
        },
      },
      sample: {
        title: 'Dados de exemplo',
        body: 'Quer ver o Selo funcionando antes de cadastrar o seu escritório? Os dados de exemplo trazem uma chave do Simulador local, um empreendimento com dois blocos, dois modelos de contrato com assinantes configurados, um corretor e três reservas, todos marcados “(exemplo)”.',
        loadedBody: 'Os dados de exemplo estão carregados: tudo o que termina em “(exemplo)”. Remova-os quando quiser começar com os dados do seu escritório.',
        load: 'Carregar dados de exemplo',
        loadConfirm: 'Carregar os dados de exemplo? Eles só entram em um banco vazio e podem ser removidos depois, de uma vez.',
        loaded: 'Dados de exemplo carregados.',
        remove: 'Remover dados de exemplo',
        removeConfirm: 'Remover os dados de exemplo? Só os registros do exemplo são apagados; nada do que você cadastrou é tocado.',
        removed: 'Dados de exemplo removidos.',
        tag: 'exemplo',
        // Beside a disabled button, before any click: an explanation, not an error.
        why: {
          not_empty: 'Os dados de exemplo são para um banco vazio; este já tem cadastros do seu escritório.',
          changed: 'Para remover, desfaça antes a alteração em “{name}” ou exclua os registros de exemplo pelas telas de cadastro.',
          in_use: 'Para remover, tire antes o vínculo de “{name}”, cadastrado por você, com os dados de exemplo.',
          sent: 'Uma reserva de exemplo já foi enviada para assinatura ({count} envio(s)); o registro do envio fica guardado.',
          other: 'Não disponível agora.',
        },
      },
      hide: 'Ocultar guia',
      hidden: 'Guia ocultado. Para vê-lo de novo, use “Mostrar o guia Comece aqui” em Sobre.',
      confirm: 'Confirmar',
      cancel: 'Cancelar',
      about: {
        show: 'Mostrar o guia Comece aqui',
        shown: 'O guia voltou ao Painel.',
      },
    },
  },
  errors: {
    sample: {
      already_loaded: 'Os dados de exemplo já estão carregados. Para carregá-los de novo, remova-os primeiro.',
      not_empty: 'Os dados de exemplo só podem ser carregados em um banco vazio, e este já tem cadastros do seu escritório. Nada foi alterado.',
      not_loaded: 'Não há dados de exemplo para remover.',
      changed: 'Os dados de exemplo não foram removidos porque você alterou “{name}”. Para não perder a sua alteração, nada foi apagado; exclua os registros de exemplo que não quiser pelas telas de cadastro.',
      in_use: 'Os dados de exemplo não foram removidos porque “{name}”, cadastrado por você, depende deles. Nada foi apagado.',
      sent: 'Os dados de exemplo não foram removidos porque contratos de uma reserva de exemplo já foram enviados para assinatura ({count} envio(s)). O registro do envio precisa continuar aqui.',
    },
  },
}

export const firstrunEnUS = {
  pages: {
    firstrun: {
      title: 'Start here',
      intro: "Five steps to send a reservation's contracts for e-signature. Each step ticks itself when it is done.",
      progress: '{done} of {total} steps done',
      done: 'Done',
      todo: 'To do',
      steps: {
        key: {
          title: 'Create the signing key',
          body: 'In Settings → Integrations: Sandbox to test, Production for real, or Local simulator to try without a Clicksign account.',
          action: 'Open Integrations',
        },
        development: {
          title: 'Register a development',
          body: 'In Developments: stages, blocks and units, and the signing key it uses.',
          action: 'Open Developments',
        },
        contracts: {
          title: 'Associate contracts and set up signers',
          body: "On the development's Legal tab: the contract templates it uses and who signs each one.",
          action: 'Open Legal',
        },
        reservation: {
          title: 'Create a reservation',
          body: 'In Reservations → New reservation: the unit, the holder and other buyers, and the broker.',
          action: 'New reservation',
        },
        send: {
          title: 'Send for signature',
          body: 'On the reservation, generate the contracts and use “Send contracts for e-signature”.',
          action: 'Open Reservations',
        },
      },
      sample: {
        title: 'Sample data',
        body: 'Want to see Selo at work before registering your office? The sample data brings a Local simulator key, a development with two blocks, two contract templates with signers set up, a broker and three reservations, all marked “(exemplo)”.',
        loadedBody: 'The sample data is loaded: everything ending in “(exemplo)”. Remove it when you want to start with your office’s data.',
        load: 'Load sample data',
        loadConfirm: 'Load the sample data? It only goes into an empty database and can be removed later, all at once.',
        loaded: 'Sample data loaded.',
        remove: 'Remove sample data',
        removeConfirm: 'Remove the sample data? Only the sample records are deleted; nothing you registered is touched.',
        removed: 'Sample data removed.',
        tag: 'sample',
        why: {
          not_empty: 'The sample data is for an empty database; this one already has your office’s records.',
          changed: 'To remove it, first undo the change to “{name}” or delete the sample records from their screens.',
          in_use: 'To remove it, first unlink “{name}”, which you registered, from the sample data.',
          sent: 'A sample reservation was already sent for signature ({count} send(s)); the send record is kept.',
          other: 'Not available right now.',
        },
      },
      hide: 'Hide guide',
      hidden: 'Guide hidden. To see it again, use “Show the Start here guide” in About.',
      confirm: 'Confirm',
      cancel: 'Cancel',
      about: {
        show: 'Show the Start here guide',
        shown: 'The guide is back on the Dashboard.',
      },
    },
  },
  errors: {
    sample: {
      already_loaded: 'The sample data is already loaded. To load it again, remove it first.',
      not_empty: 'The sample data can only be loaded into an empty database, and this one already has your office’s records. Nothing was changed.',
      not_loaded: 'There is no sample data to remove.',
      changed: 'The sample data was not removed because you changed “{name}”. So your change is not lost, nothing was deleted; delete the sample records you do not want from their screens.',
      in_use: 'The sample data was not removed because “{name}”, which you registered, depends on it. Nothing was deleted.',
      sent: 'The sample data was not removed because contracts of a sample reservation were already sent for signature ({count} send(s)). The send record must stay.',
    },
  },
}
