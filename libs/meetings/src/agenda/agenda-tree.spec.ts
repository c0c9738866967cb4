import type { AgendaItemRow } from './agenda.entity';
import { compactPositions, depthOf, heightOf, numberAgenda, placeItem, subtreeOf } from './agenda-tree';

const item = (id: string, parentId: string | null, position: number): AgendaItemRow => ({
  id,
  meetingId: 'm',
  parentId,
  position,
  title: { en: { text: id, status: 'ORIGINAL' } },
  presenter: null,
  durationMinutes: null,
  links: [],
});

/** a (a1, a2 (a2x)), b */
const tree = [item('b', null, 2), item('a', null, 1), item('a2', 'a', 2), item('a1', 'a', 1), item('a2x', 'a2', 1)];

describe('agenda tree', () => {
  it('numbers depth first from positions, optionally after a generated first item', () => {
    expect(numberAgenda(tree).map((i) => `${i.number}:${i.id}:${i.depth}`)).toEqual([
      '1:a:0',
      '1.1:a1:1',
      '1.2:a2:1',
      '1.2.1:a2x:2',
      '2:b:0',
    ]);
    expect(numberAgenda(tree, 2).map((i) => i.number)).toEqual(['2', '2.1', '2.2', '2.2.1', '3']);
  });

  it('knows subtrees, depths and heights', () => {
    expect([...subtreeOf(tree, 'a')].sort()).toEqual(['a', 'a1', 'a2', 'a2x']);
    expect(depthOf(tree, 'a2x')).toBe(2);
    expect(depthOf(tree, null)).toBe(-1);
    expect(heightOf(tree, 'a')).toBe(3);
    expect(heightOf(tree, 'b')).toBe(1);
  });

  it('moves an item and renumbers both the old and the new siblings', () => {
    const changes = placeItem(tree, 'a1', 'b', 5);
    expect(changes).toEqual(
      expect.arrayContaining([
        { id: 'a2', parentId: 'a', position: 1 },
        { id: 'a1', parentId: 'b', position: 1 },
      ]),
    );
    expect(changes).toHaveLength(2);
    const moved = tree.map((i) => {
      const c = changes.find((x) => x.id === i.id);
      return c ? { ...i, ...c } : i;
    });
    expect(numberAgenda(moved).map((i) => `${i.number}:${i.id}`)).toEqual([
      '1:a',
      '1.1:a2',
      '1.1.1:a2x',
      '2:b',
      '2.1:a1',
    ]);
    expect(placeItem(tree, 'b', null, 1)).toEqual(
      expect.arrayContaining([
        { id: 'b', parentId: null, position: 1 },
        { id: 'a', parentId: null, position: 2 },
      ]),
    );
  });

  it('closes the gaps left by a removal', () => {
    expect(compactPositions(tree.filter((i) => i.id !== 'a1'))).toEqual([{ id: 'a2', parentId: 'a', position: 1 }]);
  });
});
