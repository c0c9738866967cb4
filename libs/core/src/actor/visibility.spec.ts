import { VISIBILITIES, Visibility } from './actor';
import { audienceKeys, canSee, keysMeet, recordKeys, visibilitySql } from './visibility';
import { EXPECTED_VISIBILITY, VIEWERS, VISIBILITY_FIXTURE } from '@enlace/testing';

const { OWNER, PARTNER, OTHER, PARTICIPANT } = VISIBILITY_FIXTURE;
const SECRETARIAT_ID = VIEWERS['own SECRETARIAT'].personId;

describe('canSee (SPEC §3), cell by cell', () => {
  const cells = VISIBILITIES.flatMap((visibility) =>
    Object.keys(VIEWERS).map(
      (viewer) => [visibility, viewer, EXPECTED_VISIBILITY[visibility].includes(viewer)] as const,
    ),
  );

  it.each(cells)('%s record, %s → %s', (visibility, viewer, expected) => {
    expect(canSee(VIEWERS[viewer], { networkId: OWNER, visibility, participantIds: [PARTICIPANT] })).toBe(expected);
  });

  it('a record without participants is seen by nobody through participation', () => {
    expect(canSee(VIEWERS.participant, { networkId: OWNER, visibility: 'RESTRICTED' })).toBe(false);
    expect(canSee(VIEWERS.participant, { networkId: OWNER, visibility: 'NETWORK', participantIds: [] })).toBe(false);
  });

  it('denies an unknown visibility', () => {
    expect(canSee(VIEWERS.admin, { networkId: OWNER, visibility: 'SECRET' as Visibility })).toBe(false);
  });
});

describe('visibilitySql', () => {
  it('binds everything as parameters, never inlining ids', () => {
    const predicate = visibilitySql(VIEWERS['own SECRETARIAT'], {
      network: 'r.network_id',
      visibility: 'r.visibility',
      participant: (p) => `:${p} = ANY(r.participants)`,
    });
    expect(predicate.sql).not.toContain(OWNER);
    expect(predicate.sql).not.toContain(String(SECRETARIAT_ID));
    expect(Object.values(predicate.params)).toEqual(expect.arrayContaining([[OWNER], [PARTNER], SECRETARIAT_ID]));
  });

  it('two predicates in one query never share parameter names', () => {
    const a = visibilitySql(VIEWERS.admin, { network: 'a.n', visibility: 'a.v' });
    const b = visibilitySql(VIEWERS.admin, { network: 'b.n', visibility: 'b.v' });
    expect(Object.keys(a.params).filter((k) => k in b.params)).toEqual([]);
  });
});

describe('audience keys agree with canSee, cell by cell', () => {
  const records = [OWNER, PARTNER, OTHER].flatMap((networkId) =>
    VISIBILITIES.flatMap((visibility) =>
      [[PARTICIPANT], []].map((participantIds) => ({ networkId, visibility, participantIds })),
    ),
  );
  const cells = Object.keys(VIEWERS).flatMap((viewer) =>
    records.map((r) => [viewer, r.networkId, r.visibility, r.participantIds.length] as const),
  );

  it.each(cells)('%s, record of %s, %s, %i participant(s)', (viewer, networkId, visibility, participants) => {
    const record = { networkId, visibility, participantIds: participants ? [PARTICIPANT] : [] };
    const actor = VIEWERS[viewer];
    expect(keysMeet(audienceKeys(actor), recordKeys(record))).toBe(canSee(actor, record));
  });

  it('an actor’s keys are computed once and reused', () => {
    const actor = VIEWERS['own SECRETARIAT'];
    expect(audienceKeys(actor)).toBe(audienceKeys(actor));
    expect(audienceKeys(actor)).toEqual(
      ['*', `n:${OWNER}`, `p:${OWNER}`, `p:${PARTNER}`, `s:${OWNER}`, `u:${SECRETARIAT_ID}`].sort(),
    );
  });

  it('an unknown visibility has no keys', () => {
    expect(recordKeys({ networkId: OWNER, visibility: 'SECRET' as Visibility })).toEqual([]);
  });
});
