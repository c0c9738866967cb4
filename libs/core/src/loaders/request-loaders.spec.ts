import { alignByKey, groupByKey } from './request-loaders';

describe('batch result helpers', () => {
  const rows = [
    { id: 'a', owner: 'p1' },
    { id: 'b', owner: 'p2' },
    { id: 'c', owner: 'p1' },
  ];

  it('groupByKey keeps key order, row order within a key, and [] for keys without rows', () => {
    expect(groupByKey(['p2', 'p3', 'p1'], rows, (r) => r.owner).map((g) => g.map((r) => r.id))).toEqual([
      ['b'],
      [],
      ['a', 'c'],
    ]);
  });

  it('alignByKey answers null for keys without a row', () => {
    expect(alignByKey(['c', 'z'], rows, (r) => r.id)).toEqual([rows[2], null]);
  });
});
