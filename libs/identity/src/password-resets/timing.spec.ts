import { atLeast } from './timing';

describe('atLeast', () => {
  it('waits out the minimum after quick work, and returns its value', async () => {
    const started = performance.now();
    await expect(atLeast(60, async () => 'done')).resolves.toBe('done');
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
  });

  it('waits out the minimum when the work fails too', async () => {
    const started = performance.now();
    await expect(
      atLeast(60, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
  });
});
