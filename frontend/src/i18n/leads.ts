// Texts of the lead desk: Leads, Usuários administrativos and Integrações →
// JivoChat. Kept in their own module so those screens can grow without
// touching the rest of the catalogue; pt-BR.ts and en-US.ts spread them in.
export const leadsPtBR = {
  pages: {
    leads: {
      title: 'Leads',
      emptyTitle: 'Nenhum lead recebido',
      emptyBody:
        'Aqui chegarão os contatos do chat do seu site (JivoChat), com a conversa completa. Um lead pode virar reserva com um clique.',
    },
    users: {
      title: 'Usuários administrativos',
      emptyTitle: 'Nenhum usuário administrativo',
      emptyBody:
        'Aqui ficarão os gestores e corretores do escritório e os tokens que identificam cada integração, como a URL do JivoChat.',
    },
  },
  errors: {},
}

export const leadsEnUS: typeof leadsPtBR = {
  pages: {
    leads: {
      title: 'Leads',
      emptyTitle: 'No leads received',
      emptyBody:
        'Contacts from your website chat (JivoChat) will arrive here with the whole conversation. A lead becomes a reservation in one click.',
    },
    users: {
      title: 'Admin users',
      emptyTitle: 'No admin users',
      emptyBody:
        "The office's managers and brokers will live here, with the tokens that identify each integration, such as the JivoChat URL.",
    },
  },
  errors: {},
}
