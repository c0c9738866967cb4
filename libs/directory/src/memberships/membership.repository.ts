import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  allOf,
  DomainError,
  EXCLUSION_VIOLATION,
  hasSqlState,
  isUuid,
  namedQuery,
  NetworkRole,
  Tx,
  UNIQUE_VIOLATION,
  Visibility,
} from '@enlace/core';
import { networkVisibleSql } from '../directory-sql.repository';
import { networkVisibility } from '../networks/network.visibility';
import { personVisibility, readerKeysSql } from '../people/person.visibility';
import { Membership, MembershipRow, toMembership } from './membership.entity';
import { currentTermSql, membershipVisibility } from './membership.visibility';

export type PersonStanding = 'member' | 'visible' | 'unknown';

export interface MembershipListQuery {
  readonly networkId: string;
  readonly role?: NetworkRole;
  readonly memberState?: string;
  readonly currentOnly?: boolean;
  readonly first: number;
  /** Keyset position: the last row's person name and membership id. */
  readonly after: readonly [string, string] | null;
}

/** A membership in a network's list, with its person's name (the list's order). */
export interface MembershipListRow {
  readonly membership: Membership;
  readonly personName: string;
}

/** Who took a term's seat over the day it ended, and whether one reader may see them now. */
export interface HandoverSuccessor {
  readonly membershipId: string;
  /** The reader. */
  readonly personId: string;
  readonly name: string;
  readonly seen: boolean;
}

export interface PersonName {
  readonly id: string;
  readonly name: string;
  /** Erased by an administrator: doors show the translated placeholder, never the stored one. */
  readonly erased: boolean;
}

export interface NewMembership {
  readonly id?: string;
  readonly personId: string;
  readonly networkId: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly visibility: Visibility;
  readonly succeedsId: string | null;
}

const COLUMNS = (m: string) =>
  `${m}.id, ${m}.person_id, ${m}.network_id, ${m}.role, ${m}.member_state, ${m}.starts_on::text AS starts_on,
   ${m}.ends_on::text AS ends_on, ${m}.visibility, ${m}.succeeds_id`;

const OPEN_TERM_INDEX = 'membership_open_term_uq';

/**
 * A write to `membership` refused by the database: the person's second open term in one role
 * (`membership_open_term_uq`), or two overlapping terms of one seat (`membership_seat_term_excl`).
 * The service serialises seats with `lockSeats`, so these are the safety net, answered as CONFLICT.
 */
function refusedWrite(error: unknown, memberState: string | null | undefined): DomainError | null {
  if (hasSqlState(error, EXCLUSION_VIOLATION)) {
    return DomainError.conflict('networks:seatTaken', { memberState: memberState ?? '' });
  }
  if (hasSqlState(error, UNIQUE_VIOLATION)) {
    const constraint = (error as { driverError?: { constraint?: string } }).driverError?.constraint;
    return constraint === OPEN_TERM_INDEX ? DomainError.conflict('networks:membershipExists') : null;
  }
  return null;
}

/**
 * The one repository of `membership`: terms of people in networks, the seats of member states, and
 * what each reader may see of them. Only `MembershipService` writes through it.
 */
@Injectable()
export class MembershipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** A membership's own visibility *and* its network's (a membership would otherwise reveal a hidden network). */
  private visibleTerms(actor: Actor): { sql: string; params: Record<string, unknown> } {
    return allOf([membershipVisibility(actor, 'm'), networkVisibleSql(actor, 'n')]);
  }

  /** One page of a network's visible memberships ordered by person name, and how many are visible in all. */
  async list(actor: Actor, query: MembershipListQuery): Promise<{ rows: MembershipListRow[]; totalCount: number }> {
    const where = [
      membershipVisibility(actor, 'm'),
      networkVisibility(actor, 'n'),
      { sql: 'm.network_id = CAST(:networkId AS uuid)', params: { networkId: query.networkId } },
    ];
    if (query.role) where.push({ sql: 'm.role = :role', params: { role: query.role } });
    if (query.memberState)
      where.push({ sql: 'm.member_state = :memberState', params: { memberState: query.memberState } });
    if (query.currentOnly) where.push({ sql: currentTermSql('m'), params: {} });
    const filter = allOf(where);
    const from = `membership m JOIN network n ON n.id = m.network_id JOIN person p ON p.id = m.person_id`;
    const [{ count }] = await namedQuery<{ count: string }>(
      this.manager(),
      `SELECT count(*) AS count FROM ${from} WHERE ${filter.sql}`,
      filter.params,
    );
    const keyset = query.after
      ? {
          sql: '(p.name, m.id) > (:afterName, CAST(:afterId AS uuid))',
          params: { afterName: query.after[0], afterId: query.after[1] },
        }
      : { sql: 'TRUE', params: {} };
    const rows = await namedQuery<MembershipRow & { person_name: string }>(
      this.manager(),
      `SELECT ${COLUMNS('m')}, p.name AS person_name FROM ${from} WHERE ${filter.sql} AND ${keyset.sql}
       ORDER BY p.name ASC, m.id ASC LIMIT :limit`,
      { ...filter.params, ...keyset.params, limit: query.first + 1 },
    );
    return {
      rows: rows.map((r) => ({ membership: toMembership(r), personName: r.person_name })),
      totalCount: Number(count),
    };
  }

  /** A visible membership, locked for the rest of `tx` when given (unless `lock` is false). */
  async findVisibleById(actor: Actor, id: string, tx?: Tx, lock = tx !== undefined): Promise<Membership | null> {
    const visible = allOf([membershipVisibility(actor, 'm'), networkVisibility(actor, 'n')]);
    const rows = await namedQuery<MembershipRow>(
      this.manager(tx),
      `SELECT ${COLUMNS('m')} FROM membership m JOIN network n ON n.id = m.network_id
       WHERE m.id = CAST(:id AS uuid) AND ${visible.sql} ${lock ? 'FOR UPDATE OF m' : ''}`,
      { ...visible.params, id },
    );
    return rows[0] ? toMembership(rows[0]) : null;
  }

  /** Names of people, by id (a DataLoader batch). Callers pass ids of records already shown to be visible. */
  /** The names of the people among `ids` whom `actor` may see (`personVisibility`); the others are left out. */
  async findVisiblePeopleByIds(actor: Actor, ids: readonly string[]): Promise<PersonName[]> {
    if (ids.length === 0) return [];
    const visible = personVisibility(actor, 'p');
    return namedQuery<PersonName>(
      this.manager(),
      `SELECT p.id, p.name, p.erased_at IS NOT NULL AS erased FROM person p
        WHERE p.id = ANY(CAST(:ids AS uuid[])) AND ${visible.sql}`,
      { ids: [...new Set(ids)], ...visible.params },
    );
  }

  /**
   * The successors of terms, for readers: for each (term of a seat, reader) pair, the holder of the
   * term of the same seat (network, role, member state) that starts the day it ends, and whether
   * that reader may see them now (`personVisibility` with the keys a request of theirs would hold,
   * `readerKeysSql`); an erased successor, or none found, is seen by nobody (the neutral text).
   */
  async handoverSuccessors(
    pairs: readonly { readonly membershipId: string; readonly personId: string }[],
  ): Promise<HandoverSuccessor[]> {
    const valid = pairs.filter((p) => isUuid(p.membershipId) && isUuid(p.personId));
    if (valid.length === 0) return [];
    return namedQuery<HandoverSuccessor>(
      this.manager(),
      `SELECT pre.id AS "membershipId", r.reader AS "personId", COALESCE(sp.name, '') AS name,
              COALESCE(sp.erased_at IS NULL AND sp.vis_keys && ${readerKeysSql('r.reader')}, false) AS seen
         FROM jsonb_to_recordset(CAST(:pairs AS jsonb)) AS r(membership uuid, reader uuid)
         JOIN membership pre ON pre.id = r.membership AND pre.member_state IS NOT NULL
         LEFT JOIN LATERAL (SELECT s.person_id FROM membership s
                        WHERE s.network_id = pre.network_id AND s.role = pre.role
                          AND s.member_state = pre.member_state
                          AND s.starts_on = pre.ends_on AND s.id <> pre.id
                        ORDER BY s.id LIMIT 1) succ ON true
         LEFT JOIN person sp ON sp.id = succ.person_id`,
      { pairs: JSON.stringify(valid.map((p) => ({ membership: p.membershipId, reader: p.personId }))) },
    );
  }

  async personExists(tx: Tx, personId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM person WHERE id = $1`, [personId])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Where a person stands for `networkId`, as `actor` may know it: `member` when they hold or held a
   * term there (the network's own directory), `visible` when `actor` may see them elsewhere only,
   * `unknown` when there is no such person or `actor` may not see them (the two are one answer).
   */
  async personStanding(tx: Tx, actor: Actor, personId: string, networkId: string): Promise<PersonStanding> {
    const visible = personVisibility(actor, 'p');
    const rows = await namedQuery<{ member: boolean; visible: boolean }>(
      tx,
      `SELECT EXISTS (SELECT 1 FROM membership sm WHERE sm.person_id = p.id AND sm.network_id = CAST(:network AS uuid))
                AS member,
              ${visible.sql} AS visible
         FROM person p WHERE p.id = CAST(:person AS uuid)`,
      { ...visible.params, person: personId, network: networkId },
    );
    const row = rows[0];
    if (!row || !row.visible) return 'unknown';
    return row.member ? 'member' : 'visible';
  }

  /** Today's date as the database sees it (terms are compared with `current_date`). */
  async today(tx?: Tx): Promise<string> {
    const [row] = (await this.manager(tx).query(`SELECT current_date::text AS today`)) as { today: string }[];
    return row.today;
  }

  /** Today (as `today`) and how many milliseconds are left of it, by the database's clock. */
  async todayAndRest(): Promise<{ today: string; msLeft: number }> {
    const [row] = (await this.manager().query(
      `SELECT current_date::text AS today,
              (extract(epoch FROM (current_date + 1)::timestamptz - now()) * 1000)::float8 AS "msLeft"`,
    )) as { today: string; msLeft: number }[];
    return { today: row.today, msLeft: Number(row.msLeft) };
  }

  /** People with a term whose end (its first day no longer held) is after `after` and by `upTo`. */
  async peopleWithTermsEndedBetween(after: string, upTo: string): Promise<string[]> {
    const rows = (await this.manager().query(
      `SELECT DISTINCT person_id FROM membership WHERE ends_on > $1::date AND ends_on <= $2::date`,
      [after, upTo],
    )) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  /**
   * Serialises every change to one seat (one role for one member state in one network) until `tx`
   * ends. Several seats are locked in one order, whoever asks, so two writers never deadlock.
   */
  async lockSeats(
    tx: Tx,
    networkId: string,
    seats: readonly { memberState: string; role: NetworkRole }[],
  ): Promise<void> {
    // A member state's two seats (focal point and alternate) are one lock: a handover may touch both
    // (an alternate promoted to focal point leaves the alternate seat), and one lock cannot deadlock.
    const keys = [...new Set(seats.map((s) => `seat:${networkId}:${s.memberState}`))].sort();
    for (const key of keys) await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
  }

  /**
   * The term holding the seat at some time in [`from`, `until`) (`until` null: open-ended), the
   * latest to start, whoever may see it, locked.
   */
  async seatHolder(
    tx: Tx,
    seat: { networkId: string; memberState: string; role: NetworkRole },
    from: string,
    until: string | null,
  ): Promise<Membership | null> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS('m')} FROM membership m
       WHERE m.network_id = $1 AND m.member_state = $2 AND m.role = $3 AND (m.ends_on IS NULL OR m.ends_on > $4::date)
         AND ($5::date IS NULL OR m.starts_on < $5::date)
       ORDER BY m.starts_on DESC LIMIT 1 FOR UPDATE`,
      [seat.networkId, seat.memberState, seat.role, from, until],
    )) as MembershipRow[];
    return rows[0] ? toMembership(rows[0]) : null;
  }

  /** The person's open term (no end date) in this role and network (any member state), locked. */
  async openTermOf(tx: Tx, personId: string, networkId: string, role: NetworkRole): Promise<Membership | null> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS('m')} FROM membership m
       WHERE m.person_id = $1 AND m.network_id = $2 AND m.role = $3 AND m.ends_on IS NULL FOR UPDATE`,
      [personId, networkId, role],
    )) as MembershipRow[];
    return rows[0] ? toMembership(rows[0]) : null;
  }

  /** The person's current or upcoming term (open, or ending after today) in this role and network. */
  async currentTermOf(tx: Tx, personId: string, networkId: string, role: NetworkRole): Promise<Membership | null> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS('m')} FROM membership m
       WHERE m.person_id = $1 AND m.network_id = $2 AND m.role = $3 AND (m.ends_on IS NULL OR m.ends_on > current_date)
       ORDER BY m.starts_on LIMIT 1`,
      [personId, networkId, role],
    )) as MembershipRow[];
    return rows[0] ? toMembership(rows[0]) : null;
  }

  /** The person's term in this role and network that starts on `startsOn`, if any. */
  async termStartingOn(
    tx: Tx,
    personId: string,
    networkId: string,
    role: NetworkRole,
    startsOn: string,
  ): Promise<Membership | null> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS('m')} FROM membership m
       WHERE m.person_id = $1 AND m.network_id = $2 AND m.role = $3 AND m.starts_on = $4::date`,
      [personId, networkId, role, startsOn],
    )) as MembershipRow[];
    return rows[0] ? toMembership(rows[0]) : null;
  }

  /** Terms of the network not ended by `day` (open or ending later), newest first, whoever may see them. */
  async openTermsOfNetwork(tx: Tx, networkId: string, day: string): Promise<Membership[]> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS('m')} FROM membership m WHERE m.network_id = $1 AND (m.ends_on IS NULL OR m.ends_on > $2::date)
       ORDER BY m.starts_on DESC`,
      [networkId, day],
    )) as MembershipRow[];
    return rows.map(toMembership);
  }

  /** The person's terms not ended by `day` (current or upcoming), in every network; `lock` takes their rows. */
  async openTermsOfPerson(tx: Tx, personId: string, day: string, lock = false): Promise<Membership[]> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS('m')} FROM membership m WHERE m.person_id = $1 AND (m.ends_on IS NULL OR m.ends_on > $2::date)
       ORDER BY m.network_id, m.starts_on ${lock ? 'FOR UPDATE' : ''}`,
      [personId, day],
    )) as MembershipRow[];
    return rows.map(toMembership);
  }

  async termsByIds(tx: Tx, ids: readonly string[]): Promise<Membership[]> {
    const rows = (await tx.query(`SELECT ${COLUMNS('m')} FROM membership m WHERE m.id = ANY($1::uuid[])`, [
      [...ids],
    ])) as MembershipRow[];
    return rows.map(toMembership);
  }

  /**
   * Terms `actor` may see of these roles for these member states of one network, newest first: the
   * history of each seat ("who was, and when"). One query for a whole page of member states.
   */
  async seatHistory(
    actor: Actor,
    networkId: string,
    codes: readonly string[],
    roles: readonly NetworkRole[],
  ): Promise<Membership[]> {
    if (codes.length === 0) return [];
    const visible = this.visibleTerms(actor);
    const rows = await namedQuery<MembershipRow>(
      this.manager(),
      `SELECT ${COLUMNS('m')} FROM membership m JOIN network n ON n.id = m.network_id
       WHERE m.network_id = CAST(:net AS uuid) AND m.member_state = ANY(CAST(:codes AS bpchar[]))
         AND m.role = ANY(CAST(:roles AS text[])) AND ${visible.sql}
       ORDER BY m.member_state, m.starts_on DESC, m.id`,
      { ...visible.params, net: networkId, codes: [...codes], roles: [...roles] },
    );
    return rows.map(toMembership);
  }

  /** Memberships `actor` may see of these people (every term), for person pages and exports. */
  async visibleTermsOfPeople(actor: Actor, personIds: readonly string[]): Promise<Membership[]> {
    if (personIds.length === 0) return [];
    const visible = this.visibleTerms(actor);
    const rows = await namedQuery<MembershipRow>(
      this.manager(),
      `SELECT ${COLUMNS('m')} FROM membership m JOIN network n ON n.id = m.network_id
       WHERE m.person_id = ANY(CAST(:ids AS uuid[])) AND ${visible.sql}
       ORDER BY m.person_id, m.starts_on DESC, m.id`,
      { ...visible.params, ids: [...new Set(personIds)] },
    );
    return rows.map(toMembership);
  }

  async insert(tx: Tx, term: NewMembership): Promise<Membership> {
    try {
      const rows = (await tx.query(
        `INSERT INTO membership AS m (id, person_id, network_id, role, member_state, starts_on, ends_on, visibility, succeeds_id)
         VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS('m')}`,
        [
          term.id ?? null,
          term.personId,
          term.networkId,
          term.role,
          term.memberState,
          term.startsOn,
          term.endsOn,
          term.visibility,
          term.succeedsId,
        ],
      )) as MembershipRow[];
      return toMembership(rows[0]);
    } catch (error) {
      throw refusedWrite(error, term.memberState) ?? error;
    }
  }

  async setEndsOn(tx: Tx, id: string, endsOn: string): Promise<Membership> {
    try {
      const [rows] = (await tx.query(
        `UPDATE membership AS m SET ends_on = $2, updated_at = now() WHERE m.id = $1 RETURNING ${COLUMNS('m')}`,
        [id, endsOn],
      )) as [MembershipRow[], number];
      return toMembership(rows[0]);
    } catch (error) {
      throw refusedWrite(error, null) ?? error;
    }
  }

  /**
   * Gives the memberships of `networkId` that match `filter` (one by id, or by role, member state,
   * current terms) another visibility, in one statement (the person keys' triggers run once for it).
   * Returns those that changed, with their visibility before, in id order.
   */
  async setVisibility(
    tx: Tx,
    networkId: string,
    filter: { id?: string; role?: NetworkRole; memberState?: string; currentOnly?: boolean },
    visibility: Visibility,
  ): Promise<{ id: string; personId: string; before: Visibility }[]> {
    const where = ['o.network_id = CAST(:network AS uuid)', 'o.visibility <> :visibility'];
    const params: Record<string, unknown> = { network: networkId, visibility };
    if (filter.id) {
      where.push('o.id = CAST(:id AS uuid)');
      params.id = filter.id;
    }
    if (filter.role) {
      where.push('o.role = :role');
      params.role = filter.role;
    }
    if (filter.memberState) {
      where.push('o.member_state = :memberState');
      params.memberState = filter.memberState;
    }
    if (filter.currentOnly) where.push(currentTermSql('o'));
    const rows = await namedQuery<{ id: string; personId: string; before: Visibility }>(
      tx,
      `WITH changed AS (
         UPDATE membership m SET visibility = :visibility, updated_at = now()
           FROM (SELECT o.id, o.visibility FROM membership o WHERE ${where.join(' AND ')} ORDER BY o.id FOR UPDATE) old
          WHERE m.id = old.id
          RETURNING m.id, m.person_id AS "personId", old.visibility AS before)
       SELECT * FROM changed ORDER BY id`,
      params,
    );
    return rows;
  }

  /** Set-based writes for imports: a 10,000-row file costs two statements, never one per row. */
  async endMany(tx: Tx, ends: readonly { id: string; endsOn: string }[]): Promise<void> {
    if (ends.length === 0) return;
    try {
      await tx.query(
        `UPDATE membership m SET ends_on = x.ends_on, updated_at = now()
         FROM unnest($1::uuid[], $2::date[]) AS x (id, ends_on) WHERE m.id = x.id`,
        [ends.map((e) => e.id), ends.map((e) => e.endsOn)],
      );
    } catch (error) {
      throw refusedWrite(error, null) ?? error;
    }
  }

  async insertMany(tx: Tx, terms: readonly (NewMembership & { id: string })[]): Promise<void> {
    if (terms.length === 0) return;
    try {
      await tx.query(
        `INSERT INTO membership (id, person_id, network_id, role, member_state, starts_on, ends_on, visibility, succeeds_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bpchar[], $6::date[], $7::date[],
           $8::text[], $9::uuid[])`,
        [
          terms.map((t) => t.id),
          terms.map((t) => t.personId),
          terms.map((t) => t.networkId),
          terms.map((t) => t.role),
          terms.map((t) => t.memberState),
          terms.map((t) => t.startsOn),
          terms.map((t) => t.endsOn),
          terms.map((t) => t.visibility),
          terms.map((t) => t.succeedsId),
        ],
      );
    } catch (error) {
      throw refusedWrite(error, terms.find((t) => t.memberState)?.memberState) ?? error;
    }
  }

  /** Links the term that started when `predecessorId` ended to it (a handover chain), if not linked yet. */
  async linkSuccessor(tx: Tx, predecessorId: string): Promise<void> {
    await tx.query(
      `UPDATE membership s SET succeeds_id = p.id FROM membership p
       WHERE p.id = $1 AND s.network_id = p.network_id AND s.role = p.role AND s.member_state = p.member_state
         AND s.starts_on = p.ends_on AND s.id <> p.id AND s.succeeds_id IS NULL`,
      [predecessorId],
    );
  }
}
