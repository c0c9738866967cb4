import { I18nService, PdfRenderer, type TranslatableText } from '@enlace/core';
import type { CertificateRow } from './certificate.entity';
import { CERTIFICATE_PDF, certificatePdfContent } from './certificate-pdf';

const text = (value: string): TranslatableText => ({ pt: { text: value, status: 'ORIGINAL' } });
const long = (n: number, word: string) => word.repeat(Math.ceil(n / word.length)).slice(0, n);

/** Page objects in the file (pdfkit writes them uncompressed): `/Type /Page`, not `/Pages`. */
const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

describe('certificate PDF', () => {
  const t = new I18nService().translator('pt');
  // Laid out in worker threads, as the service does; two, so that both tests' documents run side by side.
  const pdfs = new PdfRenderer({ workers: 2 });
  afterAll(() => pdfs.close());
  const renderCertificatePdf = (c: CertificateRow, reader: typeof t, url: string, erasedName: string) =>
    pdfs.render(CERTIFICATE_PDF, certificatePdfContent(c, reader, url, erasedName));
  const row: CertificateRow = {
    id: 'c',
    enrolmentId: 'e',
    personId: 'p',
    holderName: 'Conceição Araújo',
    holderLanguage: 'pt',
    trainingId: 't',
    trainingTitle: text('Alerta precoce e resposta rápida'),
    startsAt: new Date('2012-11-05T12:00:00Z'),
    endsAt: new Date('2012-11-09T20:00:00Z'),
    timeZone: 'America/Argentina/Buenos_Aires',
    places: ['Buenos Aires', 'Montevideo'],
    curriculumVersionId: 'v',
    curriculumTitle: text('Alerta precoce'),
    curriculumVersion: 1,
    networkId: 'n',
    networkName: text('Rede Latino-Americana'),
    networkLanguage: 'pt',
    partnerNames: [],
    code: 'ABCDEFGHJKMNPQRSTVWXYZ0123456789',
    issuedAt: new Date('2012-11-09T21:00:00Z'),
    revokedAt: null,
    revokeReason: null,
  };

  it('is one page, however long the texts people wrote', async () => {
    const pdf = await renderCertificatePdf(
      {
        ...row,
        holderName: long(200, 'João Gonçalves '),
        trainingTitle: text(long(300, 'Prevenção ')),
        curriculumTitle: text(long(300, 'Alerta ')),
        networkName: text(long(300, 'Rede Latino ')),
        places: [long(200, 'Buenos Aires '), long(200, 'Montevideo ')],
        partnerNames: [1, 2, 3, 4, 5].map(() => text(long(200, 'Escritório da ONU '))),
        revokedAt: new Date('2013-01-10T10:00:00Z'),
        revokeReason: long(1000, 'motivo longo '),
      },
      t,
      `https://enlace.example.org/certificates/verify/${row.code}`,
      '—',
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(pdf)).toBe(1);
  });

  it('embeds its fonts, once parsed, in every document', async () => {
    const url = `https://enlace.example.org/certificates/verify/${row.code}`;
    const [a, b] = await Promise.all([renderCertificatePdf(row, t, url, '—'), renderCertificatePdf(row, t, url, '—')]);
    for (const pdf of [a, b]) {
      expect(pages(pdf)).toBe(1);
      expect(pdf.toString('latin1')).toMatch(/\/FontFile2/); // TrueType embedded, not a standard font
    }
  });
});
