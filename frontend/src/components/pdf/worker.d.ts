// pdf.js's worker code has no types of its own; it is imported on the main
// thread only when no Web Worker can run it (pdfjs.ts).
declare module 'pdfjs-dist/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown
}
