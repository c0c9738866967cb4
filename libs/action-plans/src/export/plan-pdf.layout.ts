import type { PdfKit } from '@enlace/core';

const COLORS = { ink: '#1f2933', muted: '#52606d', accent: '#1d4e89' } as const;
const MARGIN = 50;

/** One line (paragraph) of the report, or a vertical gap of `gap` lines. */
export type PlanPdfLine =
  | {
      readonly text: string;
      readonly font: 'regular' | 'bold';
      readonly size: number;
      readonly color: keyof typeof COLORS;
      readonly indent: number;
    }
  | { readonly gap: number };

/**
 * What a plan's report prints, already in the reader's language (`planPdfContent`, on the request
 * thread): plain data, copied to a PDF worker. `pageLabel` holds `{page}` and `{pages}`, filled in
 * once the layout knows how many pages there are.
 */
export interface PlanPdfContent {
  readonly lang: string;
  readonly title: string;
  readonly subject: string;
  readonly lines: readonly PlanPdfLine[];
  readonly pageLabel: string;
}

/**
 * A plan's report as an A4 portrait PDF: its lines one under the other, pdfkit flowing long plans
 * onto further pages, then a page number at the foot of each. Runs in a PDF worker (`PdfRenderer`,
 * decision 0027): imports nothing from the application at run time.
 */
export async function layoutPlanPdf(content: PlanPdfContent, kit: PdfKit): Promise<Buffer> {
  const { doc, finished } = kit.startPdf({
    size: 'A4',
    margin: MARGIN,
    lang: content.lang,
    bufferPages: true,
    info: { Title: content.title, Subject: content.subject },
  });
  const width = doc.page.width - 2 * MARGIN;
  for (const line of content.lines) {
    if ('gap' in line) {
      doc.moveDown(line.gap);
      continue;
    }
    doc
      .font(line.font)
      .fontSize(line.size)
      .fillColor(COLORS[line.color])
      .text(line.text, MARGIN + line.indent, doc.y, { width: width - line.indent });
  }

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // Written in the bottom margin: without lifting it pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(
        content.pageLabel.replace('{page}', String(p + 1)).replace('{pages}', String(range.count)),
        MARGIN,
        doc.page.height - MARGIN + 16,
        { width, align: 'center', lineBreak: false },
      );
  }
  doc.end();
  return finished;
}
