/**
 * Runs `work` and answers no sooner than `minimumMs` after it started (errors included), so that
 * callers cannot tell two paths of different length apart by the response time.
 */
export async function atLeast<T>(minimumMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = minimumMs - (performance.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}
