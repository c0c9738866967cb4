import { prefersHtml } from './media-type';

describe('prefersHtml', () => {
  it.each([
    // Browsers and phone QR scanners' in-app browsers.
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', true],
    ['text/html', true],
    ['application/xhtml+xml', true],
    ['application/json;q=0.5, text/html', true],
    ['TEXT/HTML', true],
    ['text/*', true],
    // API clients.
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['application/json, text/html', false],
    ['text/html;q=0.5, application/json', false],
    ['text/html;q=0', false],
    ['application/json, */*;q=0.1', false],
  ])('%s → HTML %s', (accept, html) => {
    expect(prefersHtml(accept)).toBe(html);
  });
});
