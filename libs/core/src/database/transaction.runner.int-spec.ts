import { Logger } from '@nestjs/common';
import { prepared, preparedQuery, QUERY_OUTSIDE_TRANSACTION, TransactionRunner } from '@enlace/core';
import { ENGINES, testContext, TestContext } from '@enlace/testing';

/**
 * A statement sent through the data source from inside a transaction's work (instead of through its
 * `tx`): on the embedded database, whose only connection the transaction holds, it used to wait
 * forever and every later request with it; now it fails at once and the transaction rolls back. On
 * PostgreSQL it still works (it reads outside the transaction's snapshot) and is logged as a warning.
 */
describe.each(ENGINES)('statements outside their transaction on %s', (engine) => {
  let ctx: TestContext;
  let transactions: TransactionRunner;
  const embedded = engine === 'embedded PGlite';

  beforeAll(async () => {
    ctx = await testContext({ engine });
    transactions = ctx.get(TransactionRunner);
    await ctx.dataSource.query('CREATE TABLE guard_probe (n int NOT NULL)');
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  afterEach(() => jest.restoreAllMocks());

  const count = async () =>
    Number((await ctx.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM guard_probe'))[0].n);

  const outside: Record<string, () => Promise<unknown>> = {
    'a query runner': () => ctx.dataSource.query('SELECT 1'),
    'the prepared path': () => preparedQuery(ctx.dataSource, prepared('guard_probe_one', 'SELECT 1'), []),
    'a nested transaction': () => transactions.run((tx) => tx.query('SELECT 1')),
  };

  it.each(Object.keys(outside))('%s inside the work', async (path) => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const before = await count();
    const work = transactions.run(async (tx) => {
      await tx.query('INSERT INTO guard_probe (n) VALUES (1)');
      await outside[path]();
      return 'done';
    });
    if (embedded) {
      await expect(work).rejects.toThrow(QUERY_OUTSIDE_TRANSACTION);
      expect(await count()).toBe(before); // rolled back
    } else {
      await expect(work).resolves.toBe('done');
      expect(await count()).toBe(before + 1);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('query outside its transaction'));
    }
    // The connection is free again: the next transaction and a plain statement both answer.
    await expect(transactions.run((tx) => tx.query('SELECT 2 AS n'))).resolves.toEqual([{ n: 2 }]);
    await expect(ctx.dataSource.query('SELECT 3 AS n')).resolves.toEqual([{ n: 3 }]);
  });

  it('lets statements through the tx, and through the data source once the work has settled', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let later: Promise<unknown> = Promise.resolve();
    await transactions.run(async (tx) => {
      await tx.query('INSERT INTO guard_probe (n) VALUES (2)');
      await tx.query('SELECT n FROM guard_probe');
      // Left running by the work, asked for after it settled: on PGlite it waits for the commit (and
      // sees the row); on PostgreSQL another connection answers, maybe before the commit.
      later = Promise.resolve().then(async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return ctx.dataSource.query('SELECT count(*)::int AS n FROM guard_probe WHERE n = 2');
      });
    });
    const [{ n }] = (await later) as { n: number }[];
    if (embedded) expect(n).toBe(1);
    expect(warn).not.toHaveBeenCalled();
  });
});
