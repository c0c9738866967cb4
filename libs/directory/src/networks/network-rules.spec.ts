import { SLUG_PATTERN } from './network-rules';

describe('network rules', () => {
  it('checks slugs before they reach SQL', () => {
    expect(SLUG_PATTERN.test('latin-america-2')).toBe(true);
    for (const slug of ['Latin', 'a--b', '-a', 'a-', 'a b', 'café']) expect(SLUG_PATTERN.test(slug)).toBe(false);
  });
});
