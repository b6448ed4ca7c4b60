// Test doubles for the specs of screens that show a PDF: what openPdf
// (pdfjs.ts) resolves with, without pdf.js, a worker or canvases (jsdom has
// none of them). Imported by specs only.
import { vi } from 'vitest'

/** A Blob of text with arrayBuffer(), which jsdom's Blob lacks and webviews' have. */
export function pdfBlob(text: string) {
  return Object.assign(new Blob([text], { type: 'application/pdf' }), { arrayBuffer: async () => new TextEncoder().encode(text).buffer })
}

/** One page render as the document saw it. */
export interface Rendered {
  page: number
  canvas: HTMLCanvasElement
  scale: number
}

/** A document with pages of sizes ([width, height] at scale 1); renders are recorded in rendered. */
export function fakeDocument(sizes: Array<[number, number]>) {
  const rendered: Rendered[] = []
  const doc = {
    numPages: sizes.length,
    getPage: async (n: number) => ({
      getViewport: ({ scale }: { scale: number }) => ({ width: sizes[n - 1][0] * scale, height: sizes[n - 1][1] * scale, scale }),
      render: ({ canvas, viewport }: { canvas: HTMLCanvasElement; viewport: { scale: number } }) => {
        rendered.push({ page: n, canvas, scale: viewport.scale })
        return { promise: Promise.resolve(), cancel: () => {} }
      },
    }),
  }
  return { doc, rendered }
}

/** openPdf's answer: a loading task settling as promise does. */
export function opened(promise: Promise<unknown>) {
  return { task: { promise, destroy: vi.fn(async () => {}) }, mode: 'module', release: vi.fn() }
}
