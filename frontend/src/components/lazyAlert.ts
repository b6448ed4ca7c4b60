// Naive's NAlert as its own chunk, for the banners the first paint never
// shows (OfficeConnectionBanner).
export { NAlert as default } from 'naive-ui'
