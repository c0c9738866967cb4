import { formatDate, type Translator } from '@enlace/core';
import type { CertificateVerificationModel } from './certificate.model';

/** The Content-Security-Policy of the page: nothing loads, nothing runs; only its own inline style. */
export const CERTIFICATE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Text as HTML character data or a quoted attribute value: `& < > " '` escaped, nothing else needed. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What the page says about the code: what it certifies, or that there is no such certificate, or why we cannot tell now. */
export type CertificatePageState =
  | { readonly kind: 'found'; readonly certificate: CertificateVerificationModel }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'unavailable'; readonly message: string };

/**
 * The public verification as a person reads it (the certificate's QR code opens it on a phone):
 * one small, self-contained HTML page in the reader's language `t` — no script, no image, no
 * external style or font — with the state first and unmistakable (VALID, REVOKED or NOT FOUND, in
 * words, not only in colour), then what the certificate certifies as a description list. Every text
 * is escaped, what people wrote (names, titles, reasons) and our translations alike.
 */
export function certificatePage(state: CertificatePageState, t: Translator): string {
  const e = escapeHtml;
  const tt = (key: string, params?: Record<string, unknown>) => e(t.t(key, params));
  let status: { label: string; css: 'valid' | 'revoked' | 'none'; detail: string };
  let details = '';
  if (state.kind === 'found') {
    const c = state.certificate;
    const revoked = c.revoked && c.revokedAt ? c.revokedAt.toISOString().slice(0, 10) : null;
    status = revoked
      ? {
          label: tt('training:certificate.page.revoked'),
          css: 'revoked',
          detail: tt('training:certificate.page.revokedDetail', { network: c.issuingNetwork, date: revoked }),
        }
      : {
          label: tt('training:certificate.page.valid'),
          css: 'valid',
          detail: tt('training:certificate.page.validDetail', { network: c.issuingNetwork }),
        };
    const rows: [string, string][] = [
      [
        tt('training:certificate.page.holder'),
        c.holderName !== null
          ? `<strong>${e(c.holderName)}</strong>`
          : `${e(t.t('directory:erasedName'))}<br><small>${tt('training:certificate.page.erasedHolder')}</small>`,
      ],
      [tt('training:certificate.page.training'), e(c.trainingTitle)],
      [
        tt('training:certificate.page.curriculum'),
        tt('training:certificate.page.curriculumValue', {
          curriculum: c.curriculumTitle,
          version: c.curriculumVersion,
        }),
      ],
      [tt('training:certificate.page.dates'), e(dateRange(c.startDate, c.endDate, t))],
    ];
    if (c.places.length > 0) rows.push([tt('training:certificate.page.places'), e(c.places.join(' · '))]);
    rows.push([tt('training:certificate.page.issuingNetwork'), e(c.issuingNetwork)]);
    if (c.partnerOrganisations.length > 0) {
      rows.push([
        tt('training:certificate.page.partners'),
        e(new Intl.ListFormat(t.lang, { style: 'long', type: 'conjunction' }).format(c.partnerOrganisations)),
      ]);
    }
    rows.push([tt('training:certificate.page.issuedOn'), e(formatDate(c.issuedAt.toISOString().slice(0, 10), t.lang))]);
    if (revoked) {
      rows.push([tt('training:certificate.page.revokedOn'), e(formatDate(revoked, t.lang))]);
      if (c.revokeReason) rows.push([tt('training:certificate.page.reason'), e(c.revokeReason)]);
    }
    rows.push([tt('training:certificate.page.code'), `<code>${e(c.code)}</code>`]);
    details = `<dl>\n${rows.map(([dt, dd]) => `<dt>${dt}</dt><dd>${dd}</dd>`).join('\n')}\n</dl>`;
  } else if (state.kind === 'notFound') {
    status = {
      label: tt('training:certificate.page.notFound'),
      css: 'none',
      detail: tt('training:certificate.page.notFoundDetail'),
    };
  } else {
    status = { label: tt('training:certificate.page.unavailable'), css: 'none', detail: e(state.message) };
  }
  const title = `${tt('training:certificate.page.title')} — ${status.label}`;
  return `<!doctype html>
<html lang="${e(t.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${tt('training:certificate.page.title')}</h1>
<p class="status ${status.css}" role="status">${status.label}</p>
<p>${status.detail}</p>
${details}
</main>
</body>
</html>
`;
}

/** "5–9 November 2012" for two YYYY-MM-DD days (one day when they are the same). */
function dateRange(start: string, end: string, t: Translator): string {
  const day = (d: string) => new Date(`${d}T00:00:00Z`);
  if (Number.isNaN(day(start).getTime()) || Number.isNaN(day(end).getTime())) return `${start} – ${end}`;
  if (start === end) return formatDate(start, t.lang);
  return new Intl.DateTimeFormat(t.lang, { dateStyle: 'long', timeZone: 'UTC' }).formatRange(day(start), day(end));
}

/** Readable on a phone and in print, dark mode included; the state's colours pass WCAG AA on their backgrounds. */
const STYLE = `
:root{color-scheme:light dark;--ink:#1f2933;--muted:#52606d;--bg:#fff;--line:#d9e2ec}
@media (prefers-color-scheme:dark){:root{--ink:#f0f4f8;--muted:#bcccdc;--bg:#102a43;--line:#334e68}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.375rem;margin:0 0 1rem}
.status{display:inline-block;margin:0;padding:.375rem .875rem;border-radius:.375rem;border:2px solid;font-weight:700;font-size:1.25rem;letter-spacing:.04em}
.valid{color:#0b5d1e;background:#e3f9e5;border-color:#0b5d1e}
.revoked{color:#8a1c12;background:#ffe3e3;border-color:#8a1c12}
.none{color:#3e4c59;background:#e4e7eb;border-color:#3e4c59}
dl{margin:1.5rem 0 0;border-top:1px solid var(--line)}
dt{margin-top:.75rem;color:var(--muted);font-size:.875rem}
dd{margin:0 0 .75rem;padding-bottom:.75rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
code{font-size:1rem;overflow-wrap:anywhere}
small{color:var(--muted)}
`.trim();
