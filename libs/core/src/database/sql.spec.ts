import { allOf, fresh } from './sql';

describe('SQL kit', () => {
  it('hands out a new name on every call', () => {
    const a = fresh('p');
    const b = fresh('p');
    expect(a).toMatch(/^p\d+$/);
    expect(b).not.toBe(a);
    expect(fresh('q')).toMatch(/^q\d+$/);
  });

  it('joins predicates with AND and merges their parameters', () => {
    expect(allOf([])).toEqual({ sql: 'TRUE', params: {} });
    expect(allOf([{ sql: 'a = :x', params: { x: 1 } }])).toEqual({ sql: '(a = :x)', params: { x: 1 } });
    expect(
      allOf([
        { sql: 'a = :x OR b', params: { x: 1 } },
        { sql: 'c = :y', params: { y: 'two' } },
      ]),
    ).toEqual({ sql: '(a = :x OR b) AND (c = :y)', params: { x: 1, y: 'two' } });
  });
});
