import { insertAccount } from '@enlace/testing';
import { signIn } from './support/identity.operations';
import { CallOptions, GraphqlResponse, startTestApp, TestApp } from './support/test-app';

type SignInData = { signIn: { token: string } };

// argon2id at production cost takes ~150 ms per attempt, and these tests make dozens of attempts.
jest.setTimeout(60_000);

/**
 * The sign-in budgets (README, "Security"; docs/decisions/0010): a stranger who knows someone's
 * email cannot lock them out of the places they already signed in from, brute force stays slow from
 * any one address and across addresses that never signed in, and one trusted proxy hop means the
 * client cannot pick the address it is counted under.
 */
describe('sign-in rate limits', () => {
  let t: TestApp;
  let nextAddress = 0;
  /** A client address of its own (one proxy hop is trusted), so tests never share a budget by accident. */
  const freshAddress = () => {
    nextAddress += 1;
    return `192.0.2.${nextAddress}`;
  };
  const from = (address: string, options: CallOptions = {}): CallOptions => ({
    ...options,
    headers: { ...options.headers, 'x-forwarded-for': address },
  });
  const codeOf = (res: GraphqlResponse) => res.body.errors?.[0].extensions.code ?? 'OK';
  /** `count` wrong passwords for `email`, five at a time; their answers' codes in order. */
  const failures = async (email: string, count: number, address: () => string) => {
    const codes: string[] = [];
    for (let i = 0; i < count; i += 5) {
      const batch = Array.from({ length: Math.min(5, count - i) }, (_, j) =>
        t.gql(signIn(email, `wrong password ${i + j}`), from(address())),
      );
      codes.push(...(await Promise.all(batch)).map(codeOf));
    }
    return codes;
  };

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a stranger’s failures from one address never stop the owner signing in from an address they used before', async () => {
    const owner = await insertAccount(t.dataSource);
    const home = freshAddress();
    expect(codeOf(await t.gql(signIn(owner.email, owner.password), from(home)))).toBe('OK');

    const stranger = freshAddress();
    const codes = await failures(owner.email, 12, () => stranger);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(10);
    expect(codes.slice(-2)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);

    // The owner, from home, with the right password: in.
    const res = await t.gql<SignInData>(signIn(owner.email, owner.password), from(home));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.signIn.token).toMatch(/^enl_/);
    // A typo from home is an ordinary wrong password, not a lock-out.
    expect(codeOf(await t.gql(signIn(owner.email, 'a typo'), from(home)))).toBe('UNAUTHENTICATED');

    // Brute force from the stranger's address stays refused, even with the right password.
    const refused = await t.gql(signIn(owner.email, owner.password), from(stranger, { lang: 'es' }));
    expect(refused.body.data ?? null).toBeNull();
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.body.errors?.[0].message).toMatch(/^Demasiados intentos\. Inténtelo de nuevo en \d+ segundos\.$/);
  });

  it('spraying many addresses at one account is limited for every address that never signed in to it', async () => {
    const owner = await insertAccount(t.dataSource);
    const office = freshAddress();
    expect(codeOf(await t.gql(signIn(owner.email, owner.password), from(office)))).toBe('OK');

    // Ten failures, each from an address of its own, spend the account's ten (the owner's success spent nothing).
    expect(await failures(owner.email, 10, freshAddress)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    for (const password of ['another guess', owner.password]) {
      expect(codeOf(await t.gql(signIn(owner.email, password), from(freshAddress())))).toBe('RATE_LIMITED');
    }
    // The owner's own address still gets in.
    expect(codeOf(await t.gql(signIn(owner.email, owner.password), from(office)))).toBe('OK');
  });

  it('still limits each known address per account: signing in once from an address is no licence to guess there', async () => {
    const owner = await insertAccount(t.dataSource);
    const shared = freshAddress();
    expect(codeOf(await t.gql(signIn(owner.email, owner.password), from(shared)))).toBe('OK');
    // Ten failures from the shared address: the pair's whole budget.
    expect(await failures(owner.email, 10, () => shared)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    expect(codeOf(await t.gql(signIn(owner.email, owner.password), from(shared)))).toBe('RATE_LIMITED');
  });

  it('answers a spent account budget for an unknown email exactly as for a real one from an unknown address', async () => {
    const owner = await insertAccount(t.dataSource);
    const ghost = 'ghost.' + owner.email;
    for (const email of [owner.email, ghost]) {
      expect(await failures(email, 10, freshAddress)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    }
    const known = await t.gql(signIn(owner.email, owner.password), from(freshAddress()));
    const unknown = await t.gql(signIn(ghost, owner.password), from(freshAddress()));
    const shape = (res: GraphqlResponse) => ({
      ...res.body,
      errors: res.body.errors?.map((e) => ({ ...e, message: e.message.replace(/\d+/, 'N') })),
    });
    expect(codeOf(known)).toBe('RATE_LIMITED');
    expect(shape(unknown)).toEqual(shape(known));
  });

  it('a person who signs in again and again is never locked out: only failures spend the budgets', async () => {
    const owner = await insertAccount(t.dataSource);
    const home = freshAddress();
    // Twelve sign-ins in a few seconds from home (more than the ten failures a pair may make).
    for (let i = 0; i < 12; i += 1) {
      expect(codeOf(await t.gql(signIn(owner.email, owner.password), from(home)))).toBe('OK');
    }
    // The account's own budget is whole: an address it never used gets in too.
    expect(codeOf(await t.gql(signIn(owner.email, owner.password), from(freshAddress())))).toBe('OK');
    // Failures still count: ten wrong passwords from new addresses spend it, and new addresses are refused.
    expect(await failures(owner.email, 10, freshAddress)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    expect(codeOf(await t.gql(signIn(owner.email, owner.password), from(freshAddress())))).toBe('RATE_LIMITED');
    expect(codeOf(await t.gql(signIn(owner.email, owner.password), from(home)))).toBe('OK');
  });

  it('a ministry behind one address: sixty colleagues sign in, some after a typo, and nobody is throttled', async () => {
    const office = freshAddress();
    const staff = await Promise.all(Array.from({ length: 60 }, () => insertAccount(t.dataSource)));
    const codes: string[] = [];
    for (let i = 0; i < staff.length; i += 5) {
      const batch = staff.slice(i, i + 5).map(async (person, j) => {
        // Every sixth colleague mistypes first.
        if ((i + j) % 6 === 0) codes.push(codeOf(await t.gql(signIn(person.email, 'a typo'), from(office))));
        codes.push(codeOf(await t.gql(signIn(person.email, person.password), from(office))));
      });
      await Promise.all(batch);
    }
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(10);
    expect(codes.filter((c) => c === 'OK')).toHaveLength(60);
  });

  // A hundred argon2 verifications at production cost: more than the file's 60 s on a busy machine.
  it('with one trusted proxy hop, counts an address’s failures under the address the proxy saw, and stops it after 100 except for people who signed in there before', async () => {
    const office = freshAddress();
    const colleague = await insertAccount(t.dataSource);
    expect(codeOf(await t.gql(signIn(colleague.email, colleague.password), from(office)))).toBe('OK');
    // A hundred guesses at emails, each claiming a different left-most address, all arriving from `office` via the proxy.
    let spoofed = 0;
    for (let i = 0; i < 100; i += 5) {
      const batch = Array.from({ length: 5 }, () => {
        spoofed += 1;
        return t.gql(
          signIn(`guess-${spoofed}-${office}@example.org`, 'wrong password'),
          from(`1.2.3.${spoofed}, ${office}`),
        );
      });
      for (const res of await Promise.all(batch)) expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    // Someone who never signed in from there waits, even with the right password...
    const newcomer = await insertAccount(t.dataSource);
    expect(codeOf(await t.gql(signIn(newcomer.email, newcomer.password), from(`1.2.3.250, ${office}`)))).toBe(
      'RATE_LIMITED',
    );
    // ...while a colleague who did signs in.
    expect(codeOf(await t.gql(signIn(colleague.email, colleague.password), from(office)))).toBe('OK');
    const buckets = (await t.dataSource.query(`SELECT bucket, hits FROM rate_limit WHERE bucket IN ($1, $2)`, [
      `signIn:address:${office}`,
      'signIn:address:1.2.3.1',
    ])) as { bucket: string; hits: number }[];
    expect(buckets).toEqual([{ bucket: `signIn:address:${office}`, hits: 101 }]);
    // The address the proxy saw is the client's, not the hop before it: another client is unaffected.
    expect(codeOf(await t.gql(signIn(newcomer.email, newcomer.password), from(`${office}, ${freshAddress()}`)))).toBe(
      'OK',
    );
  }, 180_000);
});
