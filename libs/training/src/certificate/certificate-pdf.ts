import QRCode from 'qrcode';
import { resolveText, startPdf, type TranslatableText, type Translator } from '@enlace/core';
import type { CertificateRow } from './certificate.entity';
import { displayCode } from './certificate-code';

const INK = '#1f2933';
const MUTED = '#52606d';
const ACCENT = '#1d4e89';
const REVOKED = '#b42318';

/**
 * The certificate as a one-page A4 landscape PDF in the reader's language `t` (the holder's): who,
 * what (training, curriculum and version, dates, places), issued by whom and with whom, when, and how
 * to verify it (the code and a QR code of `verificationUrl`). A revoked certificate says so under its
 * title. Texts people wrote are cut to a few lines each, so the page never overflows.
 */
export async function renderCertificatePdf(
  c: CertificateRow,
  t: Translator,
  verificationUrl: string,
  erasedName: string,
): Promise<Buffer> {
  const text = (value: TranslatableText) => resolveText(value, t.lang, c.networkLanguage)?.text ?? '';
  const network = text(c.networkName);
  const partners = c.partnerNames.map(text).filter((p) => p !== '');
  const title = t.t('training:certificate.title');
  const { doc, finished } = startPdf({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    lang: t.lang,
    info: { Title: title, Author: network, Subject: text(c.trainingTitle), CreationDate: c.issuedAt },
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
  paragraph(network, 'bold', 13, MUTED, 1);
  doc.moveDown(0.8);
  paragraph(title, 'bold', 30, ACCENT, 1);
  // A revoked certificate says so first, under its title.
  if (c.revokedAt) {
    doc.moveDown(0.2);
    paragraph(
      t.t('training:certificate.revokedOn', {
        date: c.revokedAt.toISOString().slice(0, 10),
        reason: c.revokeReason ?? '',
      }),
      'bold',
      12,
      REVOKED,
      2,
    );
  }
  doc.moveDown(0.6);
  paragraph(t.t('training:certificate.certifies'), 'regular', 14, INK, 1);
  doc.moveDown(0.4);
  paragraph(c.holderName ?? erasedName, 'bold', 24, INK, 2);
  doc.moveDown(0.4);
  paragraph(t.t('training:certificate.completed'), 'regular', 14, INK, 1);
  doc.moveDown(0.4);
  paragraph(text(c.trainingTitle), 'bold', 18, INK, 2);
  doc.moveDown(0.3);
  paragraph(
    t.t('training:certificate.curriculum', { curriculum: text(c.curriculumTitle), version: c.curriculumVersion }),
    'regular',
    12,
    MUTED,
    1,
  );
  const dates = new Intl.DateTimeFormat(t.lang, { dateStyle: 'long', timeZone: c.timeZone }).formatRange(
    c.startsAt,
    c.endsAt,
  );
  paragraph([dates, ...c.places].join(' · '), 'regular', 12, MUTED, 1);
  doc.moveDown(0.8);
  paragraph(
    partners.length > 0
      ? t.t('training:certificate.issuedByWith', {
          network,
          partners: new Intl.ListFormat(t.lang, { style: 'long', type: 'conjunction' }).format(partners),
        })
      : t.t('training:certificate.issuedBy', { network }),
    'regular',
    12,
    INK,
    2,
  );
  paragraph(
    t.t('training:certificate.issuedOn', { date: c.issuedAt.toISOString().slice(0, 10) }),
    'regular',
    12,
    INK,
    1,
  );
  // Verification: the QR code bottom left, the address and the code beside it.
  const size = 96;
  const top = doc.page.height - 56 - size;
  drawQrCode(doc, verificationUrl, left, top, size);
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(MUTED)
    .text(t.t('training:certificate.verifyAt', { url: verificationUrl }), left + size + 16, top + 24, {
      width: width - size - 16,
    });
  doc
    .font('bold')
    .fillColor(INK)
    .text(t.t('training:certificate.code', { code: displayCode(c.code) }), { width: width - size - 16 });
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
