import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, NetworkRole, Tx, Visibility } from '@enlace/core';
import { allOf, namedQuery } from '@enlace/core';
import { currentTermSql, membershipVisibility } from '@enlace/identity';
import { networkVisibleSql } from '../directory-sql.repository';

/** A membership term as the directory reads it (with the term it succeeded, after a handover). */
export interface Term {
  readonly id: string;
  readonly personId: string;
  readonly networkId: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly visibility: Visibility;
  readonly succeedsId: string | null;
}

export interface MemberState {
  readonly networkId: string;
  readonly countryCode: string;
  readonly joinedOn: string;
  readonly leftOn: string | null;
}

const TERM = `m.id, m.person_id AS "personId", m.network_id AS "networkId", m.role, m.member_state AS "memberState",
  m.starts_on::text AS "startsOn", m.ends_on::text AS "endsOn", m.visibility, m.succeeds_id AS "succeedsId"`;
const STATE = `s.network_id AS "networkId", s.country_code AS "countryCode", s.joined_on::text AS "joinedOn",
  s.left_on::text AS "leftOn"`;

/** Member states of networks, focal-point terms, handovers and vacancies. */
@Injectable()
export class FocalPointRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private visibleTerms(actor: Actor): { sql: string; params: Record<string, unknown> } {
    return allOf([membershipVisibility(actor, 'm'), networkVisibleSql(actor, 'n')]);
  }

  /** A network's member states (the caller has shown the network is visible), by country code. */
  async memberStates(
    networkId: string,
    query: { vacantOnly: boolean; currentOnly: boolean; first: number; after: string | null },
  ): Promise<{ rows: MemberState[]; totalCount: number }> {
    const where = ['s.network_id = CAST(:net AS uuid)'];
    if (query.currentOnly || query.vacantOnly)
      where.push('s.joined_on <= current_date AND (s.left_on IS NULL OR s.left_on > current_date)');
    if (query.vacantOnly) {
      where.push(`NOT EXISTS (SELECT 1 FROM membership m WHERE m.network_id = s.network_id
        AND m.member_state = s.country_code AND m.role = 'FOCAL_POINT' AND ${currentTermSql('m')})`);
    }
    const params = { net: networkId, after: query.after, limit: query.first + 1 };
    const [{ count }] = await namedQuery<{ count: string }>(
      this.manager(),
      `SELECT count(*) AS count FROM member_state s WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await namedQuery<MemberState>(
      this.manager(),
      `SELECT ${STATE} FROM member_state s WHERE ${where.join(' AND ')}
       ${query.after ? 'AND s.country_code::text > :after' : ''} ORDER BY s.country_code LIMIT :limit`,
      params,
    );
    return { rows, totalCount: Number(count) };
  }

  async findMemberState(tx: Tx, networkId: string, code: string): Promise<MemberState | null> {
    const rows = (await tx.query(
      `SELECT ${STATE} FROM member_state s WHERE s.network_id = $1 AND s.country_code = $2 FOR UPDATE`,
      [networkId, code],
    )) as MemberState[];
    return rows[0] ?? null;
  }

  async insertMemberState(tx: Tx, networkId: string, code: string, joinedOn: string | null): Promise<MemberState> {
    const rows = (await tx.query(
      `INSERT INTO member_state AS s (network_id, country_code, joined_on) VALUES ($1, $2, COALESCE($3::date, current_date))
       RETURNING ${STATE}`,
      [networkId, code, joinedOn],
    )) as MemberState[];
    return rows[0];
  }

  async setMemberStateDates(
    tx: Tx,
    networkId: string,
    code: string,
    joinedOn: string,
    leftOn: string | null,
  ): Promise<MemberState> {
    const result = (await tx.query(
      `UPDATE member_state AS s SET joined_on = $3, left_on = $4 WHERE network_id = $1 AND country_code = $2 RETURNING ${STATE}`,
      [networkId, code, joinedOn, leftOn],
    )) as [MemberState[], number];
    return result[0][0];
  }

  /** Serialises handovers of one role for one member state in one network until `tx` ends. */
  async lockSeat(tx: Tx, networkId: string, code: string, role: NetworkRole): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('seat:' || $1 || ':' || $2 || ':' || $3))`, [
      networkId,
      code,
      role,
    ]);
  }

  /** The term holding the seat on `on` or later (not yet ended by then), whoever may see it. */
  async openTerm(tx: Tx, networkId: string, code: string, role: NetworkRole, on: string): Promise<Term | null> {
    const rows = (await tx.query(
      `SELECT ${TERM} FROM membership m
       WHERE m.network_id = $1 AND m.member_state = $2 AND m.role = $3 AND (m.ends_on IS NULL OR m.ends_on > $4::date)
       ORDER BY m.starts_on DESC LIMIT 1 FOR UPDATE`,
      [networkId, code, role, on],
    )) as Term[];
    return rows[0] ?? null;
  }

  /** The person's open term in this role and network (any member state), if any. */
  async openTermOf(tx: Tx, personId: string, networkId: string, role: NetworkRole): Promise<Term | null> {
    const rows = (await tx.query(
      `SELECT ${TERM} FROM membership m WHERE m.person_id = $1 AND m.network_id = $2 AND m.role = $3 AND m.ends_on IS NULL`,
      [personId, networkId, role],
    )) as Term[];
    return rows[0] ?? null;
  }

  async endTerm(tx: Tx, id: string, endsOn: string): Promise<Term> {
    await tx.query(`UPDATE membership SET ends_on = $2, updated_at = now() WHERE id = $1`, [id, endsOn]);
    return (await this.termsByIds(tx, [id]))[0];
  }

  async insertTerm(tx: Tx, term: Omit<Term, 'id'>): Promise<Term> {
    const rows = (await tx.query(
      `INSERT INTO membership (person_id, network_id, role, member_state, starts_on, ends_on, visibility, succeeds_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        term.personId,
        term.networkId,
        term.role,
        term.memberState,
        term.startsOn,
        term.endsOn,
        term.visibility,
        term.succeedsId,
      ],
    )) as { id: string }[];
    return (await this.termsByIds(tx, [rows[0].id]))[0];
  }

  async termsByIds(tx: Tx, ids: readonly string[]): Promise<Term[]> {
    return (await tx.query(`SELECT ${TERM} FROM membership m WHERE m.id = ANY($1::uuid[])`, [[...ids]])) as Term[];
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
  ): Promise<Term[]> {
    if (codes.length === 0) return [];
    const visible = this.visibleTerms(actor);
    return namedQuery<Term>(
      this.manager(),
      `SELECT ${TERM} FROM membership m JOIN network n ON n.id = m.network_id
       WHERE m.network_id = CAST(:net AS uuid) AND m.member_state = ANY(CAST(:codes AS bpchar[]))
         AND m.role = ANY(CAST(:roles AS text[])) AND ${visible.sql}
       ORDER BY m.member_state, m.starts_on DESC, m.id`,
      { ...visible.params, net: networkId, codes: [...codes], roles: [...roles] },
    );
  }

  /** Memberships `actor` may see of these people (every term), for person pages and exports. */
  async visibleTermsOfPeople(actor: Actor, personIds: readonly string[]): Promise<Term[]> {
    if (personIds.length === 0) return [];
    const visible = this.visibleTerms(actor);
    return namedQuery<Term>(
      this.manager(),
      `SELECT ${TERM} FROM membership m JOIN network n ON n.id = m.network_id
       WHERE m.person_id = ANY(CAST(:ids AS uuid[])) AND ${visible.sql}
       ORDER BY m.person_id, m.starts_on DESC, m.id`,
      { ...visible.params, ids: [...new Set(personIds)] },
    );
  }

  async personExists(tx: Tx, personId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM person WHERE id = $1`, [personId])) as unknown[];
    return rows.length > 0;
  }

  async today(tx?: Tx): Promise<string> {
    const [row] = (await this.manager(tx).query(`SELECT current_date::text AS today`)) as { today: string }[];
    return row.today;
  }
}
