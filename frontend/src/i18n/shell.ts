// The texts of the first paint: the sidebar, the Painel's title and the
// office connection banner. The window starts with these alone; the whole
// catalogue (every screen, both languages, ./catalogue) is its own chunk,
// fetched at once (see index.ts). The same texts stay in pt-BR.ts / en-US.ts,
// which replace these when they arrive; shell.spec.ts checks they agree.
import { connectionEnUS, connectionPtBR } from './connection'
import { a11yEnUS, a11yPtBR } from './a11y'

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
    people: 'Pessoas',
    settings: 'Configurações',
    integrations: 'Integrações',
    users: 'Usuários',
    office: 'Escritório',
    about: 'Sobre',
    language: 'Idioma',
  },
  pages: { dashboard: { title: 'Painel' } },
  connection: connectionPtBR,
  // The sidebar's landmarks and its Tema select.
  a11y: a11yPtBR,
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
    people: 'People',
    settings: 'Settings',
    integrations: 'Integrations',
    users: 'Users',
    office: 'Office',
    about: 'About',
    language: 'Language',
  },
  pages: { dashboard: { title: 'Dashboard' } },
  connection: connectionEnUS,
  a11y: a11yEnUS,
}
