// The PDF preview as the screens use it: an async component, so pdf.js and
// its worker load when a preview first opens, not with the app.
import { defineAsyncComponent } from 'vue'

/** PdfViewer, fetched on first use (props: blob, fileName). */
export const AsyncPdfViewer = defineAsyncComponent(() => import('./PdfViewer.vue'))
