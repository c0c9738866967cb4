import { displayCode, newCertificateCode, normaliseCertificateCode } from './certificate-code';

describe('certificate codes', () => {
  it('draws 160 random bits as 32 Crockford base32 characters, never twice the same', () => {
    const codes = Array.from({ length: 2000 }, () => newCertificateCode());
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{32}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet turns up: the bits are spread over all 32 symbols.
    expect(new Set(codes.join('')).size).toBe(32);
  });

  it('reads a code as printed or typed back into its stored form', () => {
    const code = newCertificateCode();
    expect(displayCode(code)).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(normaliseCertificateCode(displayCode(code).toLowerCase())).toBe(code);
    expect(normaliseCertificateCode(' 7k3m qo1l ')).toBe('7K3MQ011');
    expect(normaliseCertificateCode('x'.repeat(5000))).toHaveLength(200);
  });
});
