// Texts of Pessoas → "Dados de uma pessoa" (LGPD, issue #19). Spread into
// pt-BR.ts / en-US.ts. vue-i18n reads "@" and "|" as syntax: no text here
// may contain them.

const reasonsPtBR = {
  signed_contract:
    'Contrato assinado: guardado para cumprimento de obrigação legal ou regulatória (LGPD art. 16, I; Código Civil arts. 219 e 1.245: prova do negócio e registro do imóvel).',
  signer_rule: 'Assinante configurado pelo escritório: altere ou remova em Empreendimento → Jurídico.',
  user: 'Usuário do Selo: desative em Configurações → Usuários. O nome fica no que ele fez (LGPD art. 16, I).',
  envelope_running: 'Envelope em andamento: cancele o envio antes de anonimizar.',
  attached_contract:
    'PDF anexado de fora: o Selo não consegue gerá-lo de novo e ele é de toda a reserva. Revise-o na reserva: substitua por um sem esta pessoa ou remova.',
}

export const privacyPtBR = {
  nav: { people: 'Pessoas' },
  pages: {
    people: {
      title: 'Dados de uma pessoa',
      intro:
        'A LGPD (Lei 13.709/2018, art. 18) dá a cada pessoa o direito de saber quais dados o escritório guarda, recebê-los e pedir que sejam apagados. Busque pelo CPF, e-mail ou telefone para ver tudo o que o Selo guarda dela, exportar e anonimizar.',
      kind: { cpf: 'CPF', email: 'E-mail', phone: 'Telefone' },
      keyLabel: 'CPF, e-mail ou telefone da pessoa',
      placeholder: { cpf: '000.000.000-00', phone: '(11) 98765-4321 (com DDD)' },
      search: 'Buscar',
      found: 'Nenhum lugar encontrado | 1 lugar encontrado | {n} lugares encontrados',
      nothing: 'O Selo não guarda nenhum dado desta pessoa.',
      exportJSON: 'Exportar JSON',
      exportPDF: 'Exportar PDF',
      exported: 'Arquivo salvo em {path}',
      anonymise: 'Anonimizar…',
      kindTitle: {
        holder: 'Titular de reserva',
        associate: 'Associado de reserva',
        contract: 'Contrato da reserva (PDF)',
        send: 'Envio para assinatura',
        envelope_signer: 'Signatário de envelope',
        signer_rule: 'Assinante configurado (Jurídico)',
        lead: 'Lead do chat',
        transcript: 'Conversa do chat',
        chat_event: 'Evento recebido do JivoChat',
        chat_mention: 'Mensagens do chat que citam a pessoa',
        send_error: 'Erro de envio para assinatura',
        user: 'Usuário do Selo',
      },
      field: {
        name: 'Nome', cpf: 'CPF', email: 'E-mail', phone: 'Telefone', phone1: 'Telefone 1', phone2: 'Telefone 2',
        birthDate: 'Nascimento', address: 'Endereço', role: 'Papel', status: 'Situação', createdAt: 'Criado em',
        fileName: 'Arquivo', sha256: 'SHA-256', signedAt: 'Assinado em', state: 'Situação', signerType: 'Tipo',
        stage: 'Situação', source: 'Origem', visitorId: 'Visitante (JivoChat)', clientId: 'Cliente (JivoChat)',
        organization: 'Organização', city: 'Cidade', region: 'Estado', country: 'País', pageUrl: 'Página',
        event: 'Evento', receivedAt: 'Recebido em', bytes: 'Tamanho (bytes)', active: 'Ativo', envelope: 'Envelope',
        operation: 'Envio', body: 'Conteúdo', contract: 'Contrato', reason: 'Motivo da recusa',
        errorCode: 'Erro', errorData: 'Detalhes do erro', origin: 'Origem do PDF',
      },
      origin: { generated: 'Gerado pelo Selo', attached: 'Anexado de fora' },
      messages: 'Mensagens ({n})',
      action: {
        anonymise: 'Será anonimizado',
        delete: 'Será excluído',
        keep: 'Mantido',
        blocked: 'Impede a anonimização',
      },
      reason: reasonsPtBR,
      confirm: {
        title: 'Anonimizar os dados desta pessoa?',
        intro: 'Tudo é feito de uma vez: se algo falhar, nada é alterado. Não há como desfazer.',
        anonymise: 'Será anonimizado (nome trocado por “Titular anonimizado”, contatos e mensagens apagados): {n}',
        delete: 'Será excluído (contratos não assinados gerados pelo Selo; podem ser gerados de novo): {n}',
        keep: 'Será mantido, com o motivo: {n}',
        blocked: 'Não é possível anonimizar agora:',
        go: 'Anonimizar agora',
        cancel: 'Cancelar',
      },
      done: 'Dados anonimizados: {anonymised} alterados, {deleted} excluídos, {kept} mantidos com o motivo.',
      retention: {
        title: 'Retenção de leads',
        intro:
          'Apaga, uma vez por dia, os leads do chat que não viraram reserva e estão sem atividade há mais tempo que o escolhido, com as conversas. No escritório, só um computador faz isso por dia.',
        enabled: 'Apagar leads que não viraram reserva após',
        months: 'meses',
        off: 'Desligado: nenhum lead é apagado automaticamente.',
        save: 'Salvar',
        saved: 'Retenção salva: leads sem reserva há mais de {months} meses são apagados diariamente. Removidos agora: {removed}.',
        savedOff: 'Retenção desligada.',
      },
      log: {
        title: 'Registro de acessos',
        intro: 'Cada busca, exportação e anonimização fica registrada, com quem e quando, em todos os computadores do escritório. A pessoa aparece mascarada.',
        empty: 'Nada registrado ainda.',
        at: 'Quando',
        who: 'Quem',
        what: 'O quê',
        subject: 'Pessoa',
        counts: 'Números',
        nobody: 'Não identificado',
        action: {
          search: 'Busca',
          export_json: 'Exportação JSON',
          export_pdf: 'Exportação PDF',
          anonymise: 'Anonimização',
          retention: 'Retenção de leads',
        },
        count: {
          places: 'lugares', anonymise: 'a anonimizar', delete: 'a excluir', keep: 'mantidos', blocked: 'bloqueados',
          anonymised: 'anonimizados', deleted: 'excluídos', kept: 'mantidos', removed: 'removidos', months: 'meses',
        },
      },
    },
  },
  errors: {
    privacy: {
      key_invalid:
        'Confira o dado da pessoa: informe um CPF válido, um e-mail completo ou um telefone com DDD (com ou sem +55), conforme o tipo escolhido.',
      kind_invalid: 'Escolha se a busca é por CPF, e-mail ou telefone.',
      envelope_running:
        'Esta pessoa assina um envelope em andamento ({envelopes}). Cancele o envio na reserva antes de anonimizar. Nada foi alterado.',
      nothing_found: 'O Selo não guarda nenhum dado desta pessoa: não há o que anonimizar.',
      retention_invalid: 'Informe os meses de retenção: de 1 a {max}, ou desligue a retenção.',
      save_failed: 'Não foi possível gravar o arquivo em {path}. Escolha outra pasta e tente de novo.',
    },
  },
}

export const privacyEnUS = {
  nav: { people: 'People' },
  pages: {
    people: {
      title: 'Data of one person',
      intro:
        'The LGPD (Brazilian data protection law, art. 18) gives each person the right to know what the office keeps about them, receive it and ask for deletion. Search by CPF, e-mail or phone to see everything Selo keeps, export it and anonymise it.',
      kind: { cpf: 'CPF', email: 'E-mail', phone: 'Phone' },
      keyLabel: 'The person’s CPF, e-mail or phone',
      placeholder: { cpf: '000.000.000-00', phone: '(11) 98765-4321 (with area code)' },
      search: 'Search',
      found: 'No place found | 1 place found | {n} places found',
      nothing: 'Selo keeps no data about this person.',
      exportJSON: 'Export JSON',
      exportPDF: 'Export PDF',
      exported: 'File saved to {path}',
      anonymise: 'Anonymise…',
      kindTitle: {
        holder: 'Reservation holder',
        associate: 'Reservation associate',
        contract: 'Reservation contract (PDF)',
        send: 'Send for signature',
        envelope_signer: 'Envelope signer',
        signer_rule: 'Configured signer (Legal)',
        lead: 'Chat lead',
        transcript: 'Chat conversation',
        chat_event: 'JivoChat delivery',
        chat_mention: 'Chat messages that mention the person',
        send_error: 'Send for signature error',
        user: 'Selo user',
      },
      field: {
        name: 'Name', cpf: 'CPF', email: 'E-mail', phone: 'Phone', phone1: 'Phone 1', phone2: 'Phone 2',
        birthDate: 'Birth date', address: 'Address', role: 'Role', status: 'Status', createdAt: 'Created',
        fileName: 'File', sha256: 'SHA-256', signedAt: 'Signed', state: 'Status', signerType: 'Type',
        stage: 'Stage', source: 'Source', visitorId: 'Visitor (JivoChat)', clientId: 'Client (JivoChat)',
        organization: 'Organisation', city: 'City', region: 'State', country: 'Country', pageUrl: 'Page',
        event: 'Event', receivedAt: 'Received', bytes: 'Size (bytes)', active: 'Active', envelope: 'Envelope',
        operation: 'Send', body: 'Content', contract: 'Contract', reason: 'Refusal reason',
        errorCode: 'Error', errorData: 'Error details', origin: 'PDF origin',
      },
      origin: { generated: 'Generated by Selo', attached: 'Attached from outside' },
      messages: 'Messages ({n})',
      action: { anonymise: 'Will be anonymised', delete: 'Will be deleted', keep: 'Kept', blocked: 'Blocks anonymisation' },
      reason: {
        signed_contract:
          'Signed contract: kept to comply with a legal or regulatory obligation (LGPD art. 16 I; Civil Code arts. 219 and 1,245: evidence of the sale and property registry).',
        signer_rule: 'Signer configured by the office: change or remove it in Development → Legal.',
        user: 'Selo user: deactivate them in Settings → Users. Their name stays on what they did (LGPD art. 16 I).',
        envelope_running: 'Envelope still running: cancel the send before anonymising.',
        attached_contract:
          'PDF attached from outside: Selo cannot generate it again and it belongs to the whole reservation. Review it on the reservation: replace it with one without this person, or remove it.',
      },
      confirm: {
        title: 'Anonymise this person’s data?',
        intro: 'It is done all at once: if anything fails, nothing changes. It cannot be undone.',
        anonymise: 'Will be anonymised (name replaced by “Titular anonimizado”, contacts and messages erased): {n}',
        delete: 'Will be deleted (unsigned contracts Selo generated; they can be generated again): {n}',
        keep: 'Will be kept, with the reason: {n}',
        blocked: 'Cannot anonymise now:',
        go: 'Anonymise now',
        cancel: 'Cancel',
      },
      done: 'Data anonymised: {anonymised} changed, {deleted} deleted, {kept} kept with the reason.',
      retention: {
        title: 'Lead retention',
        intro:
          'Once a day, deletes chat leads that never became a reservation and have had no activity for longer than chosen, with their conversations. In an office, one computer does it per day.',
        enabled: 'Delete leads that never became a reservation after',
        months: 'months',
        off: 'Off: no lead is deleted automatically.',
        save: 'Save',
        saved: 'Retention saved: leads without a reservation for over {months} months are deleted daily. Removed now: {removed}.',
        savedOff: 'Retention turned off.',
      },
      log: {
        title: 'Access log',
        intro: 'Every search, export and anonymisation is logged with who and when, on every computer of the office. The person is masked.',
        empty: 'Nothing logged yet.',
        at: 'When',
        who: 'Who',
        what: 'What',
        subject: 'Person',
        counts: 'Figures',
        nobody: 'Not identified',
        action: {
          search: 'Search',
          export_json: 'JSON export',
          export_pdf: 'PDF export',
          anonymise: 'Anonymisation',
          retention: 'Lead retention',
        },
        count: {
          places: 'places', anonymise: 'to anonymise', delete: 'to delete', keep: 'kept', blocked: 'blocked',
          anonymised: 'anonymised', deleted: 'deleted', kept: 'kept', removed: 'removed', months: 'months',
        },
      },
    },
  },
  errors: {
    privacy: {
      key_invalid: 'Check the person’s data: a valid CPF, a complete e-mail or a phone with area code (with or without +55), as chosen.',
      kind_invalid: 'Choose whether to search by CPF, e-mail or phone.',
      envelope_running: 'This person signs an envelope still running ({envelopes}). Cancel the send on the reservation before anonymising. Nothing was changed.',
      nothing_found: 'Selo keeps no data about this person: nothing to anonymise.',
      retention_invalid: 'Enter the retention months: 1 to {max}, or turn retention off.',
      save_failed: 'Could not write the file to {path}. Choose another folder and try again.',
    },
  },
}
