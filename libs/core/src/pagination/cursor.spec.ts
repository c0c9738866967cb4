import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, pageRequest, toPage } from './cursor';

describe('cursors', () => {
  it('round-trip a sort key and stay opaque', () => {
    const cursor = encodeCursor(['latam-network', 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('latam');
    expect(decodeCursor(cursor)).toEqual(['latam-network', 42]);
  });

  it.each([
    '',
    'not base64!',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["c2","x"]').toString('base64url'),
    'x'.repeat(600),
  ])('refuse a forged cursor %p with BAD_USER_INPUT', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(DomainError);
    try {
      decodeCursor(cursor);
    } catch (e) {
      expect((e as DomainError).code).toBe('BAD_USER_INPUT');
      expect((e as DomainError).fieldErrors[0]).toMatchObject({ field: 'after', key: 'validation:invalidCursor' });
    }
  });

  it('cap page size at 100', () => {
    expect(pageRequest({}).first).toBe(20);
    expect(pageRequest({ first: 100 }).first).toBe(100);
    expect(() => pageRequest({ first: 101 })).toThrow(DomainError);
    expect(() => pageRequest({ first: -1 })).toThrow(DomainError);
  });

  it('turn first + 1 rows into a page', () => {
    const request = pageRequest({ first: 2 });
    const page = toPage(['a', 'b', 'c'], request, (r) => [r], 3);
    expect(page.items).toEqual(['a', 'b']);
    expect(page.hasNextPage).toBe(true);
    expect(page.hasPreviousPage).toBe(false);
    expect(decodeCursor(page.cursors[1])).toEqual(['b']);
  });
});
