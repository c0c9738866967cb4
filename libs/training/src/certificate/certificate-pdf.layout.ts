import QRCode from 'qrcode';
import type { PdfKit } from '@enlace/core';

const INK = '#1f2933';
const MUTED = '#52606d';
const ACCENT = '#1d4e89';
const REVOKED = '#b42318';

/**
 * What a certificate's PDF prints, every text already in the reader's language (`certificatePdfContent`,
 * on the request thread): plain data, copied to a PDF worker.
 */
export interface CertificatePdfContent {
  readonly lang: string;
  readonly title: string;
  readonly network: string;
  /** The training's title: the document's subject, and its line under "has completed the training". */
  readonly training: string;
  readonly issuedAt: Date;
  /** "Revoked on …: reason", for a revoked certificate. */
  readonly revoked: string | null;
  readonly certifies: string;
  readonly holder: string;
  readonly completed: string;
  readonly curriculum: string;
  /** Dates and places, joined. */
  readonly when: string;
  readonly issuedBy: string;
  readonly issuedOn: string;
  readonly verificationUrl: string;
  readonly verifyAt: string;
  readonly code: string;
}

/**
 * The certificate as a one-page A4 landscape PDF (decision 0022): who, what (training, curriculum
 * and version, dates, places), issued by whom and with whom, when, and how to verify it (the code
 * and a QR code of the verification URL). A revoked certificate says so under its title. Texts
 * people wrote are cut to a few lines each, so the page never overflows. Runs in a PDF worker
 * (`PdfRenderer`, decision 0027): imports nothing from the application at run time.
 */
export async function layoutCertificatePdf(c: CertificatePdfContent, kit: PdfKit): Promise<Buffer> {
  const { doc, finished } = kit.startPdf({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    lang: c.lang,
    info: { Title: c.title, Author: c.network, Subject: c.training, CreationDate: c.issuedAt },
  });

  const width = doc.page.width - 2 * 56;
  const left = 56;
  doc
    .lineWidth(2)
    .strokeColor(ACCENT)
    .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
    .stroke();

  /**
   * One centred paragraph of at most `lines` lines (longer text ends in an ellipsis), so that however
   * long the names people gave, the certificate stays on one page above its verification block.
   */
  const paragraph = (value: string, font: 'regular' | 'bold', size: number, color: string, lines: number) => {
    doc.font(font).fontSize(size).fillColor(color);
    doc.text(value, left, doc.y, {
      width,
      align: 'center',
      height: lines * doc.currentLineHeight(true),
      ellipsis: true,
    });
  };

  doc.y = 64;
  paragraph(c.network, 'bold', 13, MUTED, 1);
  doc.moveDown(0.8);
  paragraph(c.title, 'bold', 30, ACCENT, 1);
  // A revoked certificate says so first, under its title.
  if (c.revoked !== null) {
    doc.moveDown(0.2);
    paragraph(c.revoked, 'bold', 12, REVOKED, 2);
  }
  doc.moveDown(0.6);
  paragraph(c.certifies, 'regular', 14, INK, 1);
  doc.moveDown(0.4);
  paragraph(c.holder, 'bold', 24, INK, 2);
  doc.moveDown(0.4);
  paragraph(c.completed, 'regular', 14, INK, 1);
  doc.moveDown(0.4);
  paragraph(c.training, 'bold', 18, INK, 2);
  doc.moveDown(0.3);
  paragraph(c.curriculum, 'regular', 12, MUTED, 1);
  paragraph(c.when, 'regular', 12, MUTED, 1);
  doc.moveDown(0.8);
  paragraph(c.issuedBy, 'regular', 12, INK, 2);
  paragraph(c.issuedOn, 'regular', 12, INK, 1);
  // Verification: the QR code bottom left, the address and the code beside it.
  const size = 96;
  const top = doc.page.height - 56 - size;
  drawQrCode(doc, c.verificationUrl, left, top, size);
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(MUTED)
    .text(c.verifyAt, left + size + 16, top + 24, {
      width: width - size - 16,
    });
  doc
    .font('bold')
    .fillColor(INK)
    .text(c.code, { width: width - size - 16 });
  doc.end();
  return finished;
}

/**
 * A QR code of `value` drawn as vector squares (one path, filled once) in a `size`-point square at
 * (x, y): sharp at any zoom or print size, and no image to encode.
 */
function drawQrCode(doc: PDFKit.PDFDocument, value: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  doc.fillColor('#000000').fill();
}
