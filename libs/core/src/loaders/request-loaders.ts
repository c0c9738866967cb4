import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders. Each request (or socket event) gets its own registry, so batching and
 * caching never cross callers — a loader's cache is also a permission boundary. Services define
 * loaders by key: `loaders.get('network.byId', () => new DataLoader(ids => repo.findByIds(actor, ids)))`.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create() as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** Forget everything loaded so far (after a mutation changed what later fields read). */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }
}

/** Orders batch results to match the keys, `null` for keys with no row (DataLoader's contract). */
export function alignByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((k) => byKey.get(k) ?? null);
}

/** Groups batch results by key, in key order, `[]` for keys with no row (one-to-many loaders). */
export function groupByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const byKey = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = byKey.get(key);
    if (group) group.push(row);
    else byKey.set(key, [row]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}
