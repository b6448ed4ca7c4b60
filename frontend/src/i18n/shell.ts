// The texts of the first paint: the sidebar, the Painel's title and the
// office connection banner. The window starts with these alone; the whole
// catalogue (every screen, both languages, ./catalogue) is its own chunk,
// fetched at once (see index.ts). The same texts stay in pt-BR.ts / en-US.ts,
// which replace these when they arrive; shell.spec.ts checks they agree.
import { connectionEnUS, connectionPtBR } from './connection'

export const shellPtBR = {
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
    office: 'Escritório',
    about: 'Sobre',
    language: 'Idioma',
  },
  pages: { dashboard: { title: 'Painel' } },
  connection: connectionPtBR,
}

export const shellEnUS: typeof shellPtBR = {
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
    office: 'Office',
    about: 'About',
    language: 'Language',
  },
  pages: { dashboard: { title: 'Dashboard' } },
  connection: connectionEnUS,
}
