// Naive UI's dark theme holds a style object for every component: its own
// chunk, fetched only when the system is in dark mode.
export { darkTheme } from 'naive-ui'
