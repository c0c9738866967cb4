import type { IncomingMessage } from 'node:http';
import { requestIdFor } from './request-id';

const withHeader = (value: string | string[] | undefined) =>
  ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as unknown as IncomingMessage;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFor', () => {
  it('keeps a short client id made of letters, digits, dashes and underscores', () => {
    expect(requestIdFor(withHeader('abc-123_XYZ'))).toBe('abc-123_XYZ');
    expect(requestIdFor(withHeader('a'.repeat(64)))).toBe('a'.repeat(64));
    expect(requestIdFor(withHeader(['first-id', 'second']))).toBe('first-id');
  });

  it('generates a UUID when there is none, or it is too long, empty or has other characters', () => {
    for (const bad of [undefined, '', 'a'.repeat(65), 'id with spaces', 'id\nforged log line', 'é', '{"x":1}']) {
      expect(requestIdFor(withHeader(bad))).toMatch(UUID);
    }
  });
});
