import type { AgendaItemRow, NumberedAgendaItem } from './agenda.entity';

/** Items one agenda may hold, and how deep it may nest (1, 1.1, 1.1.1, 1.1.1.1). */
export const MAX_AGENDA_ITEMS = 200;
export const MAX_AGENDA_DEPTH = 4;
export const MAX_AGENDA_LINKS = 10;

type Node = Pick<AgendaItemRow, 'id' | 'parentId' | 'position'>;

function childrenOf<T extends Node>(items: readonly T[]): Map<string | null, T[]> {
  const byParent = new Map<string | null, T[]>();
  for (const item of items) {
    const list = byParent.get(item.parentId) ?? [];
    list.push(item);
    byParent.set(item.parentId, list);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  return byParent;
}

/**
 * The items depth first, each numbered from its place ("2.1"): the numbers are computed, never
 * stored. `first` is the number of the first top-level item (2 when a generated item comes first).
 */
export function numberAgenda<T extends AgendaItemRow>(items: readonly T[], first = 1): (T & NumberedAgendaItem)[] {
  const byParent = childrenOf(items);
  const out: (T & NumberedAgendaItem)[] = [];
  const walk = (parentId: string | null, prefix: string, depth: number, start: number) => {
    (byParent.get(parentId) ?? []).forEach((item, i) => {
      const number = `${prefix}${start + i}`;
      out.push({ ...item, number, depth });
      walk(item.id, `${number}.`, depth + 1, 1);
    });
  };
  walk(null, '', 0, first);
  return out;
}

/** The ids of `id` and everything nested under it. */
export function subtreeOf(items: readonly Node[], id: string): Set<string> {
  const byParent = childrenOf(items);
  const found = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    for (const child of byParent.get(stack.pop()!) ?? []) {
      found.add(child.id);
      stack.push(child.id);
    }
  }
  return found;
}

/** How deep `id` sits (0 at the top), or -1 when it is not an item. */
export function depthOf(items: readonly Node[], id: string | null): number {
  if (id === null) return -1;
  const byId = new Map(items.map((i) => [i.id, i]));
  let depth = -1;
  for (let at = byId.get(id); at; at = at.parentId ? byId.get(at.parentId) : undefined) depth++;
  return depth;
}

/** How many levels `id`'s subtree spans (1 for a leaf). */
export function heightOf(items: readonly Node[], id: string): number {
  const byParent = childrenOf(items);
  const height = (at: string): number => 1 + Math.max(0, ...(byParent.get(at) ?? []).map((c) => height(c.id)));
  return height(id);
}

/**
 * The (parent, position) every item has once `id` sits under `parentId` at 1-based `position`
 * (clamped to the end), siblings renumbered 1..n in both the old and the new place. Returns only the
 * rows that change. The caller has checked that `parentId` is not inside `id`'s subtree.
 */
export function placeItem(
  items: readonly Node[],
  id: string,
  parentId: string | null,
  position: number,
): { id: string; parentId: string | null; position: number }[] {
  const byParent = childrenOf(items.filter((i) => i.id !== id));
  const target = [...(byParent.get(parentId) ?? [])];
  const at = Math.min(Math.max(position, 1), target.length + 1) - 1;
  const moving = items.find((i) => i.id === id) ?? { id, parentId, position };
  target.splice(at, 0, moving as (typeof target)[number]);
  byParent.set(parentId, target);
  const changes: { id: string; parentId: string | null; position: number }[] = [];
  const before = new Map(items.map((i) => [i.id, i]));
  for (const [parent, list] of byParent) {
    list.forEach((item, i) => {
      const old = before.get(item.id);
      if (!old || old.parentId !== parent || old.position !== i + 1) {
        changes.push({ id: item.id, parentId: parent, position: i + 1 });
      }
    });
  }
  return changes;
}

/** The position changes that close the gaps left by removed items (siblings 1..n again). */
export function compactPositions(items: readonly Node[]): { id: string; parentId: string | null; position: number }[] {
  const changes: { id: string; parentId: string | null; position: number }[] = [];
  for (const [parent, list] of childrenOf(items)) {
    list.forEach((item, i) => {
      if (item.position !== i + 1) changes.push({ id: item.id, parentId: parent, position: i + 1 });
    });
  }
  return changes;
}
