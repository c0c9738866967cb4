import countries from 'i18n-iso-countries';
import { isCountryCode } from '@enlace/core';
import { regionOf } from './countries/regions';
import { isPhone, prefixTsQuery, searchTokens } from './directory-rules';

describe('directory rules', () => {
  it('folds search text into words, dropping accents, case and every non-word character', () => {
    expect(searchTokens('Pérou')).toEqual(['perou']);
    expect(searchTokens('  PERÚ ')).toEqual(['peru']);
    expect(searchTokens(`'; DROP TABLE person; --`)).toEqual(['drop', 'table', 'person']);
    expect(searchTokens('.* | \\ % _ ( ) [ ] :*')).toEqual([]);
    expect(searchTokens('São Tomé & Príncipe')).toEqual(['sao', 'tome', 'principe']);
    expect(searchTokens('Côte d’Ivoire')).toEqual(['cote', 'd', 'ivoire']);
  });

  it('builds a prefix query from words only', () => {
    expect(prefixTsQuery(['rosa', 'quis'])).toBe('rosa:* & quis:*');
  });

  it('knows ISO codes and phone numbers', () => {
    expect(isCountryCode('PE')).toBe(true);
    expect(isCountryCode('pe')).toBe(false);
    expect(isCountryCode('XX')).toBe(false);
    expect(isPhone('+51 1 204 2400')).toBe(true);
    expect(isPhone('(021) 414-3000')).toBe(true);
    expect(isPhone('call me')).toBe(false);
  });

  it('has a region for every country the maintained package knows', () => {
    const missing = Object.keys(countries.getAlpha2Codes()).filter((code) => regionOf(code) === null);
    expect(missing).toEqual([]);
    expect(regionOf('PE')).toBe('AMERICAS');
    expect(regionOf('KE')).toBe('AFRICA');
    expect(regionOf('FR')).toBe('EUROPE');
  });
});
