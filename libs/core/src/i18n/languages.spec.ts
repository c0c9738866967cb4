import { negotiateLanguage } from './languages';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['es', 'es'],
    ['pt-BR,pt;q=0.9,en;q=0.8', 'pt'],
    ['fr-CA', 'fr'],
    ['de-DE,de;q=0.9,es;q=0.5', 'es'],
    ['en;q=0.2, fr;q=0.9', 'fr'],
    ['es;q=0, fr;q=0.1', 'fr'],
    ['de, zh', 'en'],
    ['*', 'en'],
    [';;;,,,q=abc', 'en'],
    ['ES', 'es'],
    [['fr', 'es'], 'fr'],
  ])('%p → %s', (header, expected) => {
    expect(negotiateLanguage(header as string | string[] | undefined)).toBe(expected);
  });
});
