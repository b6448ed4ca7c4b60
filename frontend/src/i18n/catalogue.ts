// Every text of every screen, in both languages: loaded right after the first
// paint by index.ts (one chunk, as the area modules hold both languages).
export { default as ptBR } from './pt-BR'
export { default as enUS } from './en-US'
