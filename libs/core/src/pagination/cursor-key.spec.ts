import { DomainError } from '../errors/domain-error';
import { encodeCursor } from './cursor';
import { cursorKey, decodeCursorKey } from './cursor-key';

const ID = '3f0c2a9e-1b2c-4d5e-8f90-0123456789ab';

function refused(run: () => unknown, field = 'after'): void {
  try {
    run();
    throw new Error('expected the cursor to be refused');
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('BAD_USER_INPUT');
    expect((e as DomainError).fieldErrors).toEqual([{ field, key: 'validation:invalidCursor' }]);
  }
}

describe('cursor keys', () => {
  it('accepts a cursor only with the shape the list expects', () => {
    expect(cursorKey(null, ['string'] as const)).toBeNull();
    expect(cursorKey(['abc'], ['string'] as const)).toEqual(['abc']);
    expect(() => cursorKey([1], ['string'] as const)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => cursorKey(['a', 'b'], ['string'] as const)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });

  it('checks numbers, ids, bigints and timestamps', () => {
    expect(cursorKey([3], ['number'] as const)).toEqual([3]);
    refused(() => cursorKey(['3'], ['number'] as const));
    expect(cursorKey(['Ana', ID], ['string', 'uuid'] as const)).toEqual(['Ana', ID]);
    refused(() => cursorKey(['Ana', 'not-an-id'], ['string', 'uuid'] as const));
    refused(() => cursorKey(['Ana'], ['string', 'uuid'] as const));
    expect(cursorKey(['12345'], ['bigint'] as const)).toEqual(['12345']);
    for (const bad of ['-1', '1.5', '', '1'.repeat(20), 12]) refused(() => cursorKey([bad], ['bigint'] as const));
    expect(cursorKey(['2024-05-01T10:00:00.000Z', ID], ['timestamp', 'uuid'] as const)).toHaveLength(2);
    refused(() => cursorKey(['yesterday', ID], ['timestamp', 'uuid'] as const));
  });

  it('names the field it was given', () => {
    refused(() => cursorKey(['x'], ['bigint'] as const, 'before'), 'before');
  });

  it('decodes and checks a cursor in one step', () => {
    expect(decodeCursorKey(encodeCursor(['42']), ['bigint'] as const)).toEqual(['42']);
    refused(() => decodeCursorKey(encodeCursor(['x']), ['bigint'] as const, 'before'), 'before');
    refused(() => decodeCursorKey('not base64!', ['bigint'] as const, 'around'), 'around');
  });
});
