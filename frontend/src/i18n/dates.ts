// Naive UI's date-picker locales, in their own chunk: App.vue fetches them
// after the first paint (no screen with a date picker is in the entry).
export { dateEnUS, datePtBR } from 'naive-ui'
