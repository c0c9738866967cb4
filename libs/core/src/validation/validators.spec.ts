import { DomainError } from '../errors/domain-error';
import {
  checkText,
  findUnstorableText,
  isCountryCode,
  isEmail,
  isIsoDate,
  isStorableText,
  isUuid,
  MAX_EMAIL_LENGTH,
  normalizeEmail,
  optionalText,
  throwIfAny,
} from './validators';

describe('validators', () => {
  it('checks uuids before they reach SQL, in either case', () => {
    expect(isUuid('3f0c2a9e-1b2c-4d5e-8f90-0123456789ab')).toBe(true);
    expect(isUuid('3F0C2A9E-1B2C-4D5E-8F90-0123456789AB')).toBe(true);
    for (const value of [
      "x' OR '1'='1",
      '3f0c2a9e1b2c4d5e8f900123456789ab',
      ' 3f0c2a9e-1b2c-4d5e-8f90-0123456789ab',
      '',
      null,
      1,
    ]) {
      expect(isUuid(value)).toBe(false);
    }
  });

  it('accepts real calendar dates as YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const value of ['2023-02-29', '2024-13-01', '2024-1-01', '01/02/2024', '2024-02-01T00:00:00Z', undefined]) {
      expect(isIsoDate(value)).toBe(false);
    }
  });

  it('refuses dates that do not exist, and years outside 1900–2999', () => {
    for (const value of ['1900-01-01', '2000-02-29', '2999-12-31', '2025-12-31']) expect(isIsoDate(value)).toBe(true);
    for (const value of ['2024-02-30', '2024-04-31', '2024-00-10', '2024-01-00', '1900-02-29', '2100-02-29']) {
      expect(isIsoDate(value)).toBe(false);
    }
    for (const value of ['1899-12-31', '3000-01-01', '0001-01-01', '9999-12-31']) expect(isIsoDate(value)).toBe(false);
    for (const value of [' 2024-01-01', '2024-01-01 ', '20240101', '', 20240101, null]) {
      expect(isIsoDate(value)).toBe(false);
    }
  });

  it('accepts assigned ISO 3166-1 alpha-2 codes in capitals only', () => {
    for (const code of ['PY', 'PE', 'FR', 'BR', 'CD', 'SS']) expect(isCountryCode(code)).toBe(true);
    for (const code of ['py', 'pe', 'Pe', 'XX', 'ZZ', 'EU', 'UK', 'PRY', '', 'P', ' PE', null, 12]) {
      expect(isCountryCode(code)).toBe(false);
    }
  });

  it('knows an email address by its shape and length', () => {
    expect(isEmail('ana@example.org')).toBe(true);
    expect(isEmail('Ana.Maria+cc@sub.example.org')).toBe(true);
    for (const value of ['ana', 'ana@example', '@example.org', 'ana @example.org', 'ana@exa mple.org', '']) {
      expect(isEmail(value)).toBe(false);
    }
    const local = 'a'.repeat(MAX_EMAIL_LENGTH - '@example.org'.length);
    expect(isEmail(`${local}@example.org`)).toBe(true);
    expect(isEmail(`${local}a@example.org`)).toBe(false);
  });

  it('normalises an email for comparison: trimmed, NFC, lower case', () => {
    expect(normalizeEmail('  Ana@Example.ORG ')).toBe('ana@example.org');
    expect(normalizeEmail('Jose\u0301@example.org')).toBe('jos\u00e9@example.org');
  });

  it('trims optional text and turns blank into null', () => {
    expect(optionalText('  Dra. ')).toBe('Dra.');
    expect(optionalText('   ')).toBeNull();
    expect(optionalText('')).toBeNull();
    expect(optionalText(null)).toBeNull();
    expect(optionalText(undefined)).toBeNull();
  });

  it('stores text without NUL or lone surrogates, and names the first string that has one', () => {
    for (const ok of ['', 'hola', 'Perú 🇵🇪', '\ud83d\ude00', 'tab\tnew\nline']) expect(isStorableText(ok)).toBe(true);
    for (const bad of ['a\u0000b', '\u0000', 'x\ud800', '\udfffx', '\ude00\ud83d'])
      expect(isStorableText(bad)).toBe(false);
    expect(checkText('a\u0000', 'body')).toEqual([{ field: 'body', key: 'validation:invalidCharacters' }]);
    expect(checkText('fine', 'body')).toEqual([]);
    expect(checkText(42, 'body')).toEqual([]);
    expect(findUnstorableText({ input: { name: 'ok', tags: ['a', 'b\ud800'] } })).toBe('input.tags.1');
    expect(findUnstorableText({ channelId: 'x\u0000' })).toBe('channelId');
    expect(findUnstorableText({ ['k\u0000']: 1 })).toBe('k\ufffd');
    expect(findUnstorableText({ a: [1, null, true, { b: 'ok' }] })).toBeNull();
  });

  it('throws the collected field errors as one BAD_USER_INPUT error', () => {
    expect(() => throwIfAny([])).not.toThrow();
    const errors = [
      { field: 'name', key: 'validation:required' },
      { field: 'startsOn', key: 'directory:invalidDate' },
    ];
    try {
      throwIfAny(errors);
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('BAD_USER_INPUT');
      expect((e as DomainError).fieldErrors).toEqual(errors);
      expect((e as DomainError).params).toEqual({ count: 2 });
    }
  });
});

describe('email addresses', () => {
  it('are compared trimmed and in lower case', () => {
    expect(normalizeEmail('  Ana.Perez@Example.ORG ')).toBe('ana.perez@example.org');
  });

  it('have a basic shape', () => {
    expect(isEmail('a@b.co')).toBe(true);
    expect(isEmail('a b@c.d')).toBe(false);
    expect(isEmail('a@b')).toBe(false);
    expect(isEmail(`${'a'.repeat(250)}@b.co`)).toBe(false);
  });
});
