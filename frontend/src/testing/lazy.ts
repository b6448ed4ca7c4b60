import { routes } from '../router'

// What loads after the first paint: every screen but the Painel (lazy routes
// in router.ts) and the parts of the shell and the Painel that are
// defineAsyncComponent (App.vue, AppShell.vue, DashboardPage.vue, BoardView.vue,
// OfficeConnectionBanner.vue). The first
// import of a module in a spec file takes longer than the flushPromises() the
// specs wait with after a click or a mount; a loaded one resolves within it,
// as in the window, where a chunk once fetched is at hand. A spec that
// navigates or mounts the shell calls this in beforeAll.
export async function loadLazyParts(): Promise<void> {
  const screens = routes.map((r) => r.component).filter((c): c is () => Promise<unknown> => typeof c === 'function')
  await Promise.all([
    ...screens.map((load) => load()),
    import('../components/board/BoardView.vue'),
    import('../components/board/BoardFilters.vue'),
    import('../components/board/BoardTable.vue'),
    import('../components/firstrun/StartGuide.vue'),
    import('../components/StartupWarnings.vue'),
    import('../components/leads/LeadNotices.vue'),
    import('../components/reservations/EnvelopeNotices.vue'),
    import('../components/who/WhoPicker.vue'),
    import('../components/StartupError.vue'),
    import('../components/lazyAlert'),
    import('../i18n/dates'),
  ])
}
