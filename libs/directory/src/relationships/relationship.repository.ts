import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, allOf, fresh, namedQuery, SqlPredicate, Tx, visibilitySql } from '@enlace/core';
import { networkVisibleSql } from '../directory-sql.repository';
import { personVisibility } from '../people/person.visibility';
import type { RelationshipType } from '../directory-rules';
import type { Visibility } from '@enlace/core';

export interface Relationship {
  readonly id: string;
  readonly networkId: string;
  readonly type: RelationshipType;
  readonly fromPersonId: string | null;
  readonly fromOrganisationId: string | null;
  readonly toPersonId: string | null;
  readonly toOrganisationId: string | null;
  readonly startsOn: string | null;
  readonly endsOn: string | null;
  readonly visibility: Visibility;
  readonly note: string | null;
  readonly source: string | null;
}

/** The filters of the network-wide list and of the graph export; an id names either end. */
export interface RelationshipFilter {
  readonly networkId: string;
  readonly types?: readonly RelationshipType[];
  readonly personId?: string;
  readonly organisationId?: string;
  /** Either end's country: a person's, or an organisation's. */
  readonly countryCode?: string;
  /** Relationships that run at some time in [from, to) (null bounds: open). */
  readonly from?: string | null;
  readonly to?: string | null;
}

export interface RelationshipListQuery extends RelationshipFilter {
  readonly first: number;
  /** Keyset position: the last row's start (or 0001-01-01) and id. */
  readonly after: readonly [string, string] | null;
}

const COLUMNS = `r.id, r.network_id AS "networkId", r.type, r.from_person_id AS "fromPersonId",
  r.from_organisation_id AS "fromOrganisationId", r.to_person_id AS "toPersonId",
  r.to_organisation_id AS "toOrganisationId", r.starts_on::text AS "startsOn", r.ends_on::text AS "endsOn", r.visibility,
  r.note, r.source`;

/** The list's order, newest first: relationships with no start date come last. */
const ORDER_KEY = `coalesce(r.starts_on, DATE '0001-01-01')`;

/** Relationships carry their own visibility within their network; the people they name are their participants. */
@Injectable()
export class RelationshipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Relationships (alias `r`, network `rn`) `actor` may see: their own visibility and their
   * network's, and both ends — a person end only while `actor` may see that person, an organisation
   * end only for who reads the shared reference records (`organisations`) — so that a relationship
   * never reveals a record its reader may not see.
   */
  private visible(actor: Actor, organisations: boolean): SqlPredicate {
    const end = (column: string): SqlPredicate => {
      const p = fresh('rp');
      const seen = personVisibility(actor, p);
      return {
        sql: `(${column} IS NULL OR EXISTS (SELECT 1 FROM person ${p} WHERE ${p}.id = ${column} AND ${seen.sql}))`,
        params: seen.params,
      };
    };
    return allOf([
      visibilitySql(actor, {
        network: 'r.network_id',
        visibility: 'r.visibility',
        participant: (p) => `(r.from_person_id = :${p} OR r.to_person_id = :${p})`,
      }),
      networkVisibleSql(actor, 'rn'),
      end('r.from_person_id'),
      end('r.to_person_id'),
      organisations
        ? { sql: 'TRUE', params: {} }
        : { sql: 'r.from_organisation_id IS NULL AND r.to_organisation_id IS NULL', params: {} },
    ]);
  }

  private filtered(actor: Actor, organisations: boolean, f: RelationshipFilter): SqlPredicate {
    const where: SqlPredicate[] = [
      this.visible(actor, organisations),
      { sql: 'r.network_id = CAST(:rnet AS uuid)', params: { rnet: f.networkId } },
    ];
    if (f.types && f.types.length > 0) where.push({ sql: 'r.type = ANY(:rtypes)', params: { rtypes: [...f.types] } });
    if (f.personId) {
      where.push({
        sql: '(r.from_person_id = CAST(:rperson AS uuid) OR r.to_person_id = CAST(:rperson AS uuid))',
        params: { rperson: f.personId },
      });
    }
    if (f.organisationId) {
      where.push({
        sql: '(r.from_organisation_id = CAST(:rorg AS uuid) OR r.to_organisation_id = CAST(:rorg AS uuid))',
        params: { rorg: f.organisationId },
      });
    }
    if (f.countryCode) {
      where.push({
        sql: `(EXISTS (SELECT 1 FROM person cp WHERE cp.id IN (r.from_person_id, r.to_person_id) AND cp.country_code = :rcountry)
          OR EXISTS (SELECT 1 FROM organisation co WHERE co.id IN (r.from_organisation_id, r.to_organisation_id)
                       AND co.country_code = :rcountry))`,
        params: { rcountry: f.countryCode },
      });
    }
    if (f.from || f.to) {
      where.push({
        sql: `daterange(r.starts_on, r.ends_on, '[)') && daterange(CAST(:rfrom AS date), CAST(:rto AS date), '[)')`,
        params: { rfrom: f.from ?? null, rto: f.to ?? null },
      });
    }
    return allOf(where);
  }

  /** One page of a network's relationships `actor` may see, newest first, and how many there are in all. */
  async list(
    actor: Actor,
    organisations: boolean,
    query: RelationshipListQuery,
  ): Promise<{ rows: (Relationship & { orderKey: string })[]; totalCount: number }> {
    const filter = this.filtered(actor, organisations, query);
    const from = `directory_relationship r JOIN network rn ON rn.id = r.network_id`;
    const [{ count }] = await namedQuery<{ count: string }>(
      this.dataSource.manager,
      `SELECT count(*) AS count FROM ${from} WHERE ${filter.sql}`,
      filter.params,
    );
    const keyset = query.after
      ? {
          sql: `(${ORDER_KEY}, r.id) < (CAST(:akey AS date), CAST(:aid AS uuid))`,
          params: { akey: query.after[0], aid: query.after[1] },
        }
      : { sql: 'TRUE', params: {} };
    const rows = await namedQuery<Relationship & { orderKey: string }>(
      this.dataSource.manager,
      `SELECT ${COLUMNS}, ${ORDER_KEY}::text AS "orderKey" FROM ${from} WHERE ${filter.sql} AND ${keyset.sql}
       ORDER BY ${ORDER_KEY} DESC, r.id DESC LIMIT :limit`,
      { ...filter.params, ...keyset.params, limit: query.first + 1 },
    );
    return { rows, totalCount: Number(count) };
  }

  /** Every relationship of the filter `actor` may see, newest first, at most `limit` (the graph export). */
  async graph(actor: Actor, organisations: boolean, f: RelationshipFilter, limit: number): Promise<Relationship[]> {
    const filter = this.filtered(actor, organisations, f);
    return namedQuery<Relationship>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM directory_relationship r JOIN network rn ON rn.id = r.network_id
       WHERE ${filter.sql} ORDER BY ${ORDER_KEY} DESC, r.id DESC LIMIT :limit`,
      { ...filter.params, limit },
    );
  }

  /** Names and countries of people, by id: ends of relationships already shown to be visible. */
  async peopleOf(
    ids: readonly string[],
  ): Promise<{ id: string; name: string; erased: boolean; countryCode: string | null }[]> {
    if (ids.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT id, name, erased_at IS NOT NULL AS erased, country_code AS "countryCode" FROM person WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    )) as { id: string; name: string; erased: boolean; countryCode: string | null }[];
  }

  /** Visible relationships touching any of these people or organisations (batched per request). */
  async visibleFor(actor: Actor, organisations: boolean, ids: readonly string[]): Promise<Relationship[]> {
    if (ids.length === 0) return [];
    const visible = this.visible(actor, organisations);
    return namedQuery<Relationship>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM directory_relationship r JOIN network rn ON rn.id = r.network_id
       WHERE (r.from_person_id = ANY(CAST(:ids AS uuid[])) OR r.to_person_id = ANY(CAST(:ids AS uuid[]))
          OR r.from_organisation_id = ANY(CAST(:ids AS uuid[])) OR r.to_organisation_id = ANY(CAST(:ids AS uuid[])))
         AND ${visible.sql}
       ORDER BY r.starts_on DESC NULLS LAST, r.id`,
      { ...visible.params, ids: [...new Set(ids)] },
    );
  }

  async findVisible(actor: Actor, organisations: boolean, id: string, tx?: Tx): Promise<Relationship | null> {
    const visible = this.visible(actor, organisations);
    const rows = await namedQuery<Relationship>(
      tx ?? this.dataSource.manager,
      `SELECT ${COLUMNS} FROM directory_relationship r JOIN network rn ON rn.id = r.network_id
       WHERE r.id = CAST(:id AS uuid) AND ${visible.sql} ${tx ? 'FOR UPDATE OF r' : ''}`,
      { ...visible.params, id },
    );
    return rows[0] ?? null;
  }

  /**
   * Serialises writes of one relationship (same network, type and ends) until `tx` ends, then tells
   * whether such a relationship already runs at some time in [`from`, `until`) (null: open-ended).
   */
  async lockAndFindOverlapping(
    tx: Tx,
    r: Pick<
      Relationship,
      'networkId' | 'type' | 'fromPersonId' | 'fromOrganisationId' | 'toPersonId' | 'toOrganisationId'
    >,
    from: string | null,
    until: string | null,
  ): Promise<boolean> {
    const ends = [r.fromPersonId ?? r.fromOrganisationId, r.toPersonId ?? r.toOrganisationId];
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `relationship:${r.networkId}:${r.type}:${ends.join(':')}`,
    ]);
    const rows = (await tx.query(
      `SELECT 1 FROM directory_relationship
        WHERE network_id = $1 AND type = $2
          AND from_person_id IS NOT DISTINCT FROM $3 AND from_organisation_id IS NOT DISTINCT FROM $4
          AND to_person_id IS NOT DISTINCT FROM $5 AND to_organisation_id IS NOT DISTINCT FROM $6
          AND daterange(starts_on, ends_on, '[)') && daterange($7::date, $8::date, '[)')
        LIMIT 1`,
      [r.networkId, r.type, r.fromPersonId, r.fromOrganisationId, r.toPersonId, r.toOrganisationId, from, until],
    )) as unknown[];
    return rows.length > 0;
  }

  async insert(tx: Tx, values: Omit<Relationship, 'id'>): Promise<Relationship> {
    const rows = (await tx.query(
      `INSERT INTO directory_relationship (network_id, type, from_person_id, from_organisation_id, to_person_id,
         to_organisation_id, starts_on, ends_on, visibility, note, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        values.networkId,
        values.type,
        values.fromPersonId,
        values.fromOrganisationId,
        values.toPersonId,
        values.toOrganisationId,
        values.startsOn,
        values.endsOn,
        values.visibility,
        values.note,
        values.source,
      ],
    )) as { id: string }[];
    return this.byId(tx, rows[0].id);
  }

  async setNoteAndSource(tx: Tx, id: string, note: string | null, source: string | null): Promise<Relationship> {
    await tx.query(`UPDATE directory_relationship SET note = $2, source = $3 WHERE id = $1`, [id, note, source]);
    return this.byId(tx, id);
  }

  async setEndsOn(tx: Tx, id: string, endsOn: string): Promise<Relationship> {
    await tx.query(`UPDATE directory_relationship SET ends_on = $2 WHERE id = $1`, [id, endsOn]);
    return this.byId(tx, id);
  }

  private async byId(tx: Tx, id: string): Promise<Relationship> {
    const rows = (await tx.query(`SELECT ${COLUMNS} FROM directory_relationship r WHERE r.id = $1`, [
      id,
    ])) as Relationship[];
    return rows[0];
  }
}
