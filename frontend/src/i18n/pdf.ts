// Texts of the PDF preview (components/pdf): the pages drawn by pdf.js, the
// thumbnails, zoom, and why a file could not be shown.

export const pdfPtBR = {
  loading: 'Carregando o PDF…',
  pageOf: 'Página {n} de {total}',
  pages: 'Páginas do documento',
  document: 'Documento PDF',
  goTo: 'Ir para a página {n}',
  zoomIn: 'Aumentar',
  zoomOut: 'Diminuir',
  fitWidth: 'Ajustar à largura',
  download: 'Baixar PDF',
  failed: {
    invalid: 'Não foi possível mostrar este PDF: o arquivo está danificado ou não é um PDF. Baixe-o para conferir, ou envie o arquivo de novo.',
    password: 'Este PDF é protegido por senha e não pode ser mostrado aqui. Baixe-o para abrir fora do Selo.',
    other: 'Não foi possível desenhar este PDF aqui. Baixe-o para abrir fora do Selo.',
  },
}

export const pdfEnUS: typeof pdfPtBR = {
  loading: 'Loading the PDF…',
  pageOf: 'Page {n} of {total}',
  pages: 'Document pages',
  document: 'PDF document',
  goTo: 'Go to page {n}',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fitWidth: 'Fit to width',
  download: 'Download PDF',
  failed: {
    invalid: 'This PDF cannot be shown: the file is damaged or is not a PDF. Download it to check, or upload the file again.',
    password: 'This PDF is password-protected and cannot be shown here. Download it to open it outside Selo.',
    other: 'This PDF could not be drawn here. Download it to open it outside Selo.',
  },
}
