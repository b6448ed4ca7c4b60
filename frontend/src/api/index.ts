// The only module that talks to the generated Wails bindings. Pages and stores
// import from here, so tests mock one place and the bindings can change shape
// without touching the screens.
export * from './errors'
export * from './system'
export * from './integrations'
export * from './docusign'
export * from './dsconnect'
export * from './developments'
export * from './users'
export * from './office'
export * from './officeserver'
export * from './who'
export * from './leads'
export * from './events'
export * from './useAppEvent'
export * from './useLiveRefresh'
