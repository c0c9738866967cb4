import { pdfLayout, resolveText, type TranslatableText, type Translator } from '@enlace/core';
import type { CertificateRow } from './certificate.entity';
import { displayCode } from './certificate-code';
import type { CertificatePdfContent } from './certificate-pdf.layout';

/** The certificate's layout, run by a PDF worker (`PdfRenderer.render`). */
export const CERTIFICATE_PDF = pdfLayout<CertificatePdfContent>(
  require.resolve('./certificate-pdf.layout'),
  'layoutCertificatePdf',
);

/**
 * Everything the certificate's PDF prints, in the reader's language `t` (the holder's), resolved on
 * the request thread: texts people wrote in that language (else the network's), the dates in the
 * training's time zone, the partners as a list, the verification address and code. The layout
 * (certificate-pdf.layout.ts, in a worker) only places them.
 */
export function certificatePdfContent(
  c: CertificateRow,
  t: Translator,
  verificationUrl: string,
  erasedName: string,
): CertificatePdfContent {
  const text = (value: TranslatableText) => resolveText(value, t.lang, c.networkLanguage)?.text ?? '';
  const network = text(c.networkName);
  const partners = c.partnerNames.map(text).filter((p) => p !== '');
  const dates = new Intl.DateTimeFormat(t.lang, { dateStyle: 'long', timeZone: c.timeZone }).formatRange(
    c.startsAt,
    c.endsAt,
  );
  return {
    lang: t.lang,
    title: t.t('training:certificate.title'),
    network,
    training: text(c.trainingTitle),
    issuedAt: c.issuedAt,
    revoked: c.revokedAt
      ? t.t('training:certificate.revokedOn', {
          date: c.revokedAt.toISOString().slice(0, 10),
          reason: c.revokeReason ?? '',
        })
      : null,
    certifies: t.t('training:certificate.certifies'),
    holder: c.holderName ?? erasedName,
    completed: t.t('training:certificate.completed'),
    curriculum: t.t('training:certificate.curriculum', {
      curriculum: text(c.curriculumTitle),
      version: c.curriculumVersion,
    }),
    when: [dates, ...c.places].join(' · '),
    issuedBy:
      partners.length > 0
        ? t.t('training:certificate.issuedByWith', {
            network,
            partners: new Intl.ListFormat(t.lang, { style: 'long', type: 'conjunction' }).format(partners),
          })
        : t.t('training:certificate.issuedBy', { network }),
    issuedOn: t.t('training:certificate.issuedOn', { date: c.issuedAt.toISOString().slice(0, 10) }),
    verificationUrl,
    verifyAt: t.t('training:certificate.verifyAt', { url: verificationUrl }),
    code: t.t('training:certificate.code', { code: displayCode(c.code) }),
  };
}
