export const LANGUAGES = ['en', 'es', 'pt', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Best supported match for an `Accept-Language` header (RFC 9110 quality values, primary subtag
 * match: `pt-BR` → `pt`). Unknown or malformed headers fall back to English.
 */
export function negotiateLanguage(header: string | string[] | undefined): Language {
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (!raw) return DEFAULT_LANGUAGE;
  let best: { lang: Language; q: number; order: number } | undefined;
  raw
    .split(',')
    .slice(0, 20)
    .forEach((part, order) => {
      const [tag, ...attrs] = part.trim().split(';');
      const primary = tag?.trim().toLowerCase().split('-')[0];
      if (!isLanguage(primary)) return;
      let q = 1;
      for (const attr of attrs) {
        const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(attr);
        if (m) q = Number(m[1]);
      }
      if (q <= 0) return;
      if (!best || q > best.q || (q === best.q && order < best.order)) best = { lang: primary, q, order };
    });
  return best?.lang ?? DEFAULT_LANGUAGE;
}
