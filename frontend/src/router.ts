import { createRouter, createMemoryHistory, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import DashboardPage from './pages/DashboardPage.vue'
import ReservationsPage from './pages/ReservationsPage.vue'
import ReservationPage from './pages/ReservationPage.vue'
import DevelopmentsPage from './pages/DevelopmentsPage.vue'
import DevelopmentPage from './pages/DevelopmentPage.vue'
import ContractsPage from './pages/ContractsPage.vue'
import LeadsPage from './pages/LeadsPage.vue'
import LeadPage from './pages/LeadPage.vue'
import IntegrationsPage from './pages/IntegrationsPage.vue'
import UsersPage from './pages/UsersPage.vue'
import OfficePage from './pages/OfficePage.vue'
import AboutPage from './pages/AboutPage.vue'

// Route names double as i18n keys under nav.* so the menu, the page header and
// the window title never disagree.
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  { path: '/dashboard', name: 'dashboard', component: DashboardPage },
  { path: '/reservations', name: 'reservations', component: ReservationsPage },
  { path: '/reservations/new', name: 'reservation-new', component: ReservationPage, meta: { menu: 'reservations' } },
  { path: '/reservations/:id', name: 'reservation', component: ReservationPage, meta: { menu: 'reservations' } },
  { path: '/developments', name: 'developments', component: DevelopmentsPage },
  { path: '/developments/:id', name: 'development', component: DevelopmentPage, meta: { menu: 'developments' } },
  { path: '/contracts', name: 'contracts', component: ContractsPage },
  { path: '/leads', name: 'leads', component: LeadsPage },
  { path: '/leads/:id', name: 'lead', component: LeadPage, meta: { menu: 'leads' } },
  { path: '/people', name: 'people', component: () => import('./pages/PeoplePage.vue') },
  { path: '/settings/integrations', name: 'integrations', component: IntegrationsPage },
  { path: '/settings/users', name: 'users', component: UsersPage },
  { path: '/settings/office', name: 'office', component: OfficePage },
  { path: '/about', name: 'about', component: AboutPage },
  { path: '/:pathMatch(.*)*', redirect: '/dashboard' },
]

/** Hash history in the app (the webview serves one file); memory in tests. */
export function makeRouter(memory = false) {
  return createRouter({
    history: memory ? createMemoryHistory() : createWebHashHistory(),
    routes,
  })
}
