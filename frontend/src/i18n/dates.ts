// Naive UI's date-picker locales, in their own chunk (no screen with a date
// picker is in the entry): App.vue asks for it at start, and every lazy
// screen or part waits for it (loadDateLocales and withTexts in index.ts).
export { dateEnUS, datePtBR } from 'naive-ui'
