import { performance } from 'node:perf_hooks';

/** How long one slice of CPU-bound work may hold the event loop before it lets others run. */
export const SLICE_MS = 5;

/**
 * Runs long CPU-bound work (a 20,000-row import: parsing, validation, matching, the report) in
 * slices, so that requests, sockets and timers arriving meanwhile wait one slice at most instead of
 * the whole job. Call `due()` between items (cheap: one clock read) and `await yield()` when it says
 * so; `yield()` lets the event loop run pending I/O (setImmediate) and starts the next slice.
 *
 *   const slicer = new TimeSlicer();
 *   for (const row of rows) {
 *     if (slicer.due()) await slicer.yield();
 *     check(row);
 *   }
 *
 * The work's result is the same whatever the slicing: only when it runs changes.
 */
export class TimeSlicer {
  private sliceStartedAt = performance.now();

  constructor(private readonly budgetMs: number = SLICE_MS) {}

  /** Whether this slice has used its budget. */
  due(): boolean {
    return performance.now() - this.sliceStartedAt >= this.budgetMs;
  }

  /** Lets whatever waits on the event loop run, then starts a new slice. */
  async yield(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStartedAt = performance.now();
  }

  /**
   * `JSON.stringify(value)` of a plain object, the same text, with its array properties (a report's
   * 20,000 rows) serialised item by item in slices rather than in one go.
   */
  async stringify(value: object): Promise<string> {
    const members: string[] = [];
    for (const [key, property] of Object.entries(value)) {
      const json = Array.isArray(property)
        ? `[${(await this.map(property, (item: unknown) => JSON.stringify(item) ?? 'null')).join(',')}]`
        : (JSON.stringify(property) as string | undefined);
      if (json !== undefined) members.push(`${JSON.stringify(key)}:${json}`);
    }
    return `{${members.join(',')}}`;
  }

  /** `items.map(fn)`, yielding between items whenever a slice is used up. */
  async map<T, R>(items: readonly T[], fn: (item: T, index: number) => R): Promise<R[]> {
    const out = new Array<R>(items.length);
    for (let i = 0; i < items.length; i += 1) {
      if (this.due()) await this.yield();
      out[i] = fn(items[i], i);
    }
    return out;
  }
}
