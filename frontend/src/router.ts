import { createRouter, createMemoryHistory, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import DashboardPage from './pages/DashboardPage.vue'
import { withTexts } from './i18n'

// The Painel is the first screen, so it ships in the entry chunk; every other
// screen is its own chunk, fetched the first time it is opened, so the window
// parses and paints only what the Painel needs. Each waits for the texts
// too (withTexts), fetched at the same time.
const ReservationPage = withTexts(() => import('./pages/ReservationPage.vue'))

// Route names double as i18n keys under nav.* so the menu, the page header and
// the window title never disagree.
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  { path: '/dashboard', name: 'dashboard', component: DashboardPage },
  { path: '/reservations', name: 'reservations', component: withTexts(() => import('./pages/ReservationsPage.vue')) },
  { path: '/reservations/new', name: 'reservation-new', component: ReservationPage, meta: { menu: 'reservations' } },
  { path: '/reservations/:id', name: 'reservation', component: ReservationPage, meta: { menu: 'reservations' } },
  { path: '/developments', name: 'developments', component: withTexts(() => import('./pages/DevelopmentsPage.vue')) },
  { path: '/developments/:id', name: 'development', component: withTexts(() => import('./pages/DevelopmentPage.vue')), meta: { menu: 'developments' } },
  { path: '/contracts', name: 'contracts', component: withTexts(() => import('./pages/ContractsPage.vue')) },
  { path: '/leads', name: 'leads', component: withTexts(() => import('./pages/LeadsPage.vue')) },
  { path: '/leads/:id', name: 'lead', component: withTexts(() => import('./pages/LeadPage.vue')), meta: { menu: 'leads' } },
  { path: '/people', name: 'people', component: withTexts(() => import('./pages/PeoplePage.vue')) },
  { path: '/settings/integrations', name: 'integrations', component: withTexts(() => import('./pages/IntegrationsPage.vue')) },
  { path: '/settings/users', name: 'users', component: withTexts(() => import('./pages/UsersPage.vue')) },
  { path: '/settings/office', name: 'office', component: withTexts(() => import('./pages/OfficePage.vue')) },
  { path: '/about', name: 'about', component: withTexts(() => import('./pages/AboutPage.vue')) },
  { path: '/:pathMatch(.*)*', redirect: '/dashboard' },
]

/** Hash history in the app (the webview serves one file); memory in tests. */
export function makeRouter(memory = false) {
  return createRouter({
    history: memory ? createMemoryHistory() : createWebHashHistory(),
    routes,
  })
}
