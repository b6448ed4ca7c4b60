// What went wrong with a PDF, told apart by the names pdf.js gives its errors
// (the same across pdf.js's worker boundary, where classes are not kept), so
// this needs no pdf.js import.

/** Why a PDF could not be shown, as the viewer's message keys (pdf.failed.*) name it. */
export type PdfFailure = 'invalid' | 'password' | 'other'

function nameOf(e: unknown): string {
  if (typeof e !== 'object' || e === null) return ''
  const name: unknown = Reflect.get(e, 'name')
  return typeof name === 'string' ? name : ''
}

/** Sorts an error from pdf.js into what the user is told. */
export function failureOf(e: unknown): PdfFailure {
  switch (nameOf(e)) {
    case 'InvalidPDFException':
      return 'invalid'
    case 'PasswordException':
      return 'password'
    default:
      return 'other'
  }
}

/** A render stopped on purpose (a zoom, the viewer closing), not a failure. */
export function isCancelled(e: unknown): boolean {
  return nameOf(e) === 'RenderingCancelledException'
}
