import { backoffMs } from './email-delivery.service';
import { classifySendError, isDeliverableAddress } from './smtp-mailer';

describe('classifySendError', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 mailbox unavailable' }, 'PERMANENT'],
    [{ code: 'EMESSAGE', responseCode: 554, response: '554 rejected' }, 'PERMANENT'],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, 'PERMANENT'],
    [{ code: 'EENVELOPE', responseCode: 451, response: '451 try again later' }, 'TEMPORARY'],
    [{ code: 'EMESSAGE', responseCode: 452, response: '452 mailbox full' }, 'TEMPORARY'],
    [{ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:25' }, 'UNREACHABLE'],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'UNREACHABLE'],
    [{ code: 'EAUTH', responseCode: 535, response: '535 bad credentials' }, 'UNREACHABLE'],
    [new Error('something odd'), 'UNREACHABLE'],
  ])('%j → %s', (error, kind) => {
    expect(classifySendError(error).kind).toBe(kind);
  });
});

describe('isDeliverableAddress', () => {
  it.each(['ana@example.org', 'a.b+tag@mail.example.co', 'x@sub-domain.example.org'])('accepts %s', (a) => {
    expect(isDeliverableAddress(a)).toBe(true);
  });
  it.each([
    'not an address',
    'ana@localhost',
    'ana@example.org, eve@example.org',
    '<ana@example.org>',
    'ana@-example.org',
    `${'a'.repeat(250)}@example.org`,
  ])('refuses %s', (a) => {
    expect(isDeliverableAddress(a)).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles from 30 seconds up to one hour', () => {
    expect([0, 1, 2, 3, 6, 7, 30].map(backoffMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });
});
