import { randomUUID } from 'node:crypto';
import { FieldError, STATE_BOUND_ROLES } from '@enlace/core';
import type { Term } from '../memberships/membership.entity';
import { handoverError } from '../memberships/membership.service';
import type { ImportRow } from './import-csv';
import type { ImportRowReport } from './import-report';
import type { NewTerm } from './import.repository';

/** The term writes of an import's plan. */
export interface TermWrites {
  ends: Map<string, { term: Term; endsOn: string }>;
  memberStates: Set<string>;
  terms: NewTerm[];
}

/** What the term plan reads: the accepted rows with their person, and the network's terms. */
export interface TermPlanInput {
  readonly today: string;
  /** Accepted rows, with their person and the index of their report in `reports`. */
  readonly intents: readonly { row: ImportRow; personId: string; report: number }[];
  /** The row reports; a row whose terms cannot be planned is turned REJECTED, a changed one UPDATED. */
  readonly reports: ImportRowReport[];
  /** The current holder of each seat (`ROLE:STATE`). */
  readonly seatHolders: ReadonlyMap<string, Term>;
  /** Each person's terms in the network not ended by today. */
  readonly termsOf: ReadonlyMap<string, Term[]>;
  /** Terms of the rows' people that ended by today (a row may list a past role, as the export does). */
  readonly ended: readonly Term[];
  /** The network's current member states. */
  readonly memberStates: ReadonlySet<string>;
}

/**
 * The terms of the accepted rows. The rows of a person list the roles they hold in the network: a
 * row's role and member state that they hold already changes nothing (or ends it on `ends_on`), a
 * new one opens a term (handing a seat over from its holder), and a role they hold that none of
 * their rows lists ends the day the new one starts: a role change replaces a term.
 */
export function planTerms(
  { today, intents, reports, seatHolders, termsOf, ended, memberStates }: TermPlanInput,
  writes: TermWrites,
): void {
  const seatOf = (role: string, state: string | null) => `${role}:${state ?? ''}`;
  const listed = new Map<string, Set<string>>();
  for (const { row, personId } of intents) {
    if (!listed.has(personId)) listed.set(personId, new Set());
    listed.get(personId)!.add(seatOf(row.role, row.memberState));
  }
  const firstStart = new Map<string, string>();
  const changed = new Set<number>();
  const reject = (index: number, error: FieldError) => {
    const r = reports[index];
    reports[index] = { ...r, outcome: 'REJECTED', errors: [...r.errors, error] };
  };
  for (const { row, personId, report: rowReport } of intents) {
    const target = rowReport;
    const mine = (termsOf.get(personId) ?? []).filter((t) => t.role === row.role && t.memberState === row.memberState);
    const current = mine[0];
    if (current) {
      if (row.endsOn && row.endsOn !== current.endsOn) {
        if (row.endsOn < current.startsOn) {
          reject(target, { field: 'ends_on', key: 'directory:endBeforeStart' });
          continue;
        }
        writes.ends.set(current.id, { term: current, endsOn: row.endsOn });
        changed.add(rowReport);
      }
      continue;
    }
    if (row.endsOn && row.endsOn <= today) {
      const past = ended.find(
        (t) =>
          t.personId === personId &&
          t.role === row.role &&
          t.memberState === row.memberState &&
          t.endsOn === row.endsOn,
      );
      if (!past) reject(target, { field: 'ends_on', key: 'directory:import.nothingToEnd' });
      continue;
    }
    const startsOn = row.startsOn ?? today;
    if (row.endsOn && row.endsOn < startsOn) {
      reject(target, { field: 'ends_on', key: 'directory:endBeforeStart' });
      continue;
    }
    let predecessor: Term | null = null;
    if (STATE_BOUND_ROLES.includes(row.role) && row.memberState) {
      const holder = seatHolders.get(`${row.role}:${row.memberState}`) ?? null;
      if (holder && holder.personId !== personId) {
        const refused = handoverError(holder, startsOn);
        if (refused) {
          reject(target, { ...refused, field: 'starts_on' });
          continue;
        }
        predecessor = holder;
      }
      // One person, one voice per member state: not the focal point and the alternate in one file.
      const other = row.role === 'FOCAL_POINT' ? 'ALTERNATE_FOCAL_POINT' : 'FOCAL_POINT';
      if (listed.get(personId)!.has(seatOf(other, row.memberState))) {
        reject(target, {
          field: 'role',
          key: other === 'FOCAL_POINT' ? 'directory:holdsFocalSeat' : 'directory:holdsAlternateSeat',
          params: { memberState: row.memberState },
        });
        continue;
      }
    }
    if (predecessor) writes.ends.set(predecessor.id, { term: predecessor, endsOn: startsOn });
    if (row.memberState && !memberStates.has(row.memberState)) writes.memberStates.add(row.memberState);
    writes.terms.push({
      id: randomUUID(),
      personId,
      role: row.role,
      memberState: row.memberState,
      startsOn,
      endsOn: row.endsOn,
      succeedsId: predecessor?.id ?? null,
    });
    if (!firstStart.has(personId) || startsOn < firstStart.get(personId)!) firstStart.set(personId, startsOn);
    changed.add(rowReport);
  }
  // A role the person holds that none of their rows lists is replaced: it ends when the new one starts.
  const firstRow = new Map<string, number>();
  for (const i of intents) if (!firstRow.has(i.personId)) firstRow.set(i.personId, i.report);
  for (const [personId, seats] of listed) {
    for (const term of termsOf.get(personId) ?? []) {
      if (seats.has(seatOf(term.role, term.memberState)) || writes.ends.has(term.id)) continue;
      const on = firstStart.get(personId) ?? today;
      writes.ends.set(term.id, { term, endsOn: on < term.startsOn ? term.startsOn : on });
      changed.add(firstRow.get(personId)!);
    }
  }
  for (const index of changed) {
    const r = reports[index];
    if (r.outcome === 'UNCHANGED') reports[index] = { ...r, outcome: 'UPDATED' };
  }
}
