import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { namedQuery, Tx } from '@enlace/core';
import { currentTermSql } from './membership.visibility';

export interface MemberState {
  readonly networkId: string;
  readonly countryCode: string;
  readonly joinedOn: string;
  readonly leftOn: string | null;
}

const STATE = `s.network_id AS "networkId", s.country_code AS "countryCode", s.joined_on::text AS "joinedOn",
  s.left_on::text AS "leftOn"`;

/** Member states of networks (with their join and leave dates) and their vacancies. */
@Injectable()
export class MemberStateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
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

  async today(tx?: Tx): Promise<string> {
    const [row] = (await this.manager(tx).query(`SELECT current_date::text AS today`)) as { today: string }[];
    return row.today;
  }
}
