import { formatDate } from './dates';

describe('formatDate', () => {
  it('writes an ISO date as each language does inside a sentence', () => {
    expect(formatDate('2026-12-01', 'en')).toBe('December 1, 2026');
    expect(formatDate('2026-12-01', 'es')).toBe('1 de diciembre de 2026');
    expect(formatDate('2026-12-01', 'pt')).toBe('1 de dezembro de 2026');
    expect(formatDate('2026-12-01', 'fr')).toBe('1er décembre 2026');
    expect(formatDate('2026-12-02', 'fr')).toBe('2 décembre 2026');
    expect(formatDate('2026-11-21T12:00:00Z', 'fr')).toMatch(/^21 novembre 2026 (à )?12:00 UTC$/);
  });

  it('leaves anything that is not a real ISO date alone', () => {
    for (const value of ['2026-02-30', '01/12/2026', 'tomorrow', '']) expect(formatDate(value, 'fr')).toBe(value);
  });
});
