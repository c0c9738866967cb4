import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id at the production costs, a fresh salt each time', async () => {
    const [a, b] = await Promise.all([hasher.hash('correct horse'), hasher.hash('correct horse')]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(a).not.toBe(b);
    expect(hasher.needsRehash(a)).toBe(false);
  });

  it('verifies the right password only', async () => {
    const hash = await hasher.hash('correct horse');
    expect(await hasher.verify(hash, 'correct horse')).toBe(true);
    expect(await hasher.verify(hash, 'Correct horse')).toBe(false);
  });

  it('answers false, after a real verification, when there is no hash', async () => {
    await hasher.onModuleInit();
    expect(await hasher.verify(null, 'anything at all')).toBe(false);
    expect(await hasher.verify(null, '')).toBe(false);
  });

  it('never matches a malformed stored hash', async () => {
    expect(await hasher.verify('not-a-hash', 'anything')).toBe(false);
    expect(hasher.needsRehash('not-a-hash')).toBe(true);
  });

  it('tells hashes made with other costs apart', async () => {
    const cheap = new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const hash = await cheap.hash('pw');
    expect(hasher.needsRehash(hash)).toBe(true);
    expect(cheap.needsRehash(hash)).toBe(false);
    expect(await hasher.verify(hash, 'pw')).toBe(true);
  });
});
