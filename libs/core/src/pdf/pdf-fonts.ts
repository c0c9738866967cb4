import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

export type PdfFontSource = PDFKit.Mixins.PDFFontSource;

/**
 * DejaVu Sans (regular and bold), read and parsed once: TrueType fonts with the Latin-1 and Latin
 * Extended glyphs every working language needs (é, ã, ç, ñ, œ), embedded (subset) in each PDF;
 * pdfkit's built-in Helvetica has no such guarantee. pdfkit parses a font file anew for every
 * document (most of a short document's rendering time), but also accepts a font it parsed before: we
 * keep the one parsed for a first, empty document and pass it to every later one. Should a later
 * pdfkit no longer expose it, the file's bytes are passed instead (slower, same output).
 * Shared by every PDF the project writes (certificates, action plan reports), once per PDF worker
 * thread (pdf.worker.ts, decision 0027): the request thread never lays out a PDF.
 */
let fonts: { regular: PdfFontSource; bold: PdfFontSource } | null = null;
export function loadPdfFonts(): { regular: PdfFontSource; bold: PdfFontSource } {
  fonts ??= {
    regular: parsedOnce(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))),
    bold: parsedOnce(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))),
  };
  return fonts;
}

function parsedOnce(file: Buffer): PdfFontSource {
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.registerFont('probe', file).font('probe');
  const parsed = (probe as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
  return typeof parsed?.layout === 'function' ? (parsed as unknown as PdfFontSource) : file;
}

/**
 * A new pdfkit document with the fonts registered as `regular` and `bold`, and the promise of its
 * bytes once `doc.end()` is called.
 */
export function startPdf(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; finished: Promise<Buffer> } {
  const { regular, bold } = loadPdfFonts();
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  return { doc, finished };
}
