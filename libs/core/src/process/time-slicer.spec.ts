import { TimeSlicer } from './time-slicer';

describe('TimeSlicer', () => {
  it('lets what waits on the event loop run between slices, and maps in order', async () => {
    const events: string[] = [];
    let done = false;
    const other = () => {
      events.push('other work');
      if (!done) setImmediate(other);
    };
    setImmediate(other);
    // No time at all per slice: it yields before every item.
    const out = await new TimeSlicer(0).map([1, 2, 3], (n, i) => {
      events.push(`item ${i}`);
      return n * 10;
    });
    done = true;
    expect(out).toEqual([10, 20, 30]);
    expect(events).toEqual(['other work', 'item 0', 'other work', 'item 1', 'other work', 'item 2']);
  });

  it('keeps going without yielding while its slice lasts', async () => {
    const events: string[] = [];
    setImmediate(() => events.push('other work'));
    await new TimeSlicer(60_000).map([1, 2, 3], (_, i) => events.push(`item ${i}`));
    expect(events).toEqual(['item 0', 'item 1', 'item 2']);
  });

  it('serialises an object exactly as JSON.stringify does, arrays item by item', async () => {
    const value = {
      dryRun: true,
      message: null,
      skipped: undefined,
      summary: { created: 2, note: 'dice "sí"\n' },
      errors: [],
      rows: [{ line: 2, personId: null, errors: [{ field: 'email' }] }, undefined, 'x', [1, [2]], { at: new Date(0) }],
    };
    expect(await new TimeSlicer(0).stringify(value)).toBe(JSON.stringify(value));
    expect(await new TimeSlicer().stringify({})).toBe('{}');
  });
});
