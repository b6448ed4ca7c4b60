// Writes form PDFs of a chosen size at test time, so no large binary is
// committed: one page with a text field Selo fills (titular_nome), a line of
// text, and a grey-scale image of random bytes that makes up the size (random
// data does not compress, so the file is as big on disk as asked).
import { randomBytes } from 'node:crypto'
import { openSync, writeSync, closeSync } from 'node:fs'

/** Writes a valid form PDF of exactly `bytes` bytes (at least about 5 KB) to path. */
export function writeFormPDF(path, bytes) {
  const width = 1024
  const overhead = 4096
  const height = Math.max(1, Math.floor((bytes - overhead) / width))
  const image = randomBytes(width * height)
  const content = Buffer.from(
    'q 500 0 0 300 50 400 cm /Im1 Do Q\nBT /Helv 14 Tf 50 760 Td (Contrato de teste gerado pelo e2e do Selo) Tj ET\n',
  )
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 6 0 R >> >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] ' +
      '/Resources << /Font << /Helv 6 0 R >> /XObject << /Im1 7 0 R >> >> >>',
    [`<< /Length ${content.length} >>\nstream\n`, content, '\nendstream'],
    '<< /Type /Annot /Subtype /Widget /FT /Tx /T (titular_nome) /Rect [50 700 400 724] /P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    [
      `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${image.length} >>\nstream\n`,
      image,
      '\nendstream',
    ],
  ]
  const fd = openSync(path, 'w')
  let offset = 0
  const put = (chunk) => {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk
    writeSync(fd, b)
    offset += b.length
  }
  put('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
  const offsets = []
  objects.forEach((body, i) => {
    offsets.push(offset)
    put(`${i + 1} 0 obj\n`)
    for (const part of Array.isArray(body) ? body : [body]) put(part)
    put('\nendobj\n')
  })
  const tail = (xref) =>
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  // A comment line pads the file to the exact size asked.
  let pad = bytes - offset - tail(bytes).length - 2
  if (pad < 0) throw new Error(`writeFormPDF: ${bytes} bytes is too small`)
  put(`%${' '.repeat(pad)}\n`)
  put(tail(offset))
  closeSync(fd)
  return offset
}
