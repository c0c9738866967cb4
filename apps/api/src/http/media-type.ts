/**
 * Content negotiation between JSON and HTML for routes that serve both (`Accept`, RFC 9110 §12.5.1):
 * each of the two types gets the quality of the most specific range that matches it (`text/html`
 * over `text/*` over `*\/*`), and HTML wins only when its quality is strictly higher. So a browser
 * (`text/html,…,*\/*;q=0.8`) gets HTML, while a client that sends no Accept, `*\/*` (curl, fetch) or
 * `application/json` keeps JSON, as before.
 */
export function prefersHtml(accept: string | string[] | undefined): boolean {
  const raw = Array.isArray(accept) ? accept.join(',') : accept;
  if (!raw) return false;
  const ranges = raw
    .split(',')
    .slice(0, 50)
    .map((part) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      let q = 1;
      for (const param of params) {
        const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(param);
        if (m) q = Number(m[1]);
      }
      return { type: type.trim(), q };
    });
  const quality = (type: string, subtype: string): number => {
    let best = { specificity: -1, q: 0 };
    for (const r of ranges) {
      const specificity = r.type === `${type}/${subtype}` ? 2 : r.type === `${type}/*` ? 1 : r.type === '*/*' ? 0 : -1;
      if (specificity > best.specificity) best = { specificity, q: r.q };
    }
    return best.q;
  };
  const html = Math.max(quality('text', 'html'), quality('application', 'xhtml+xml'));
  return html > 0 && html > quality('application', 'json');
}
