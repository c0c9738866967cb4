import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, allOf, namedQuery, Tx, visibilitySql } from '@enlace/core';
import { networkVisibleSql } from '../directory-sql.repository';
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
}

const COLUMNS = `r.id, r.network_id AS "networkId", r.type, r.from_person_id AS "fromPersonId",
  r.from_organisation_id AS "fromOrganisationId", r.to_person_id AS "toPersonId",
  r.to_organisation_id AS "toOrganisationId", r.starts_on::text AS "startsOn", r.ends_on::text AS "endsOn", r.visibility`;

/** Relationships carry their own visibility within their network; the people they name are their participants. */
@Injectable()
export class RelationshipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private visible(actor: Actor) {
    return allOf([
      visibilitySql(actor, {
        network: 'r.network_id',
        visibility: 'r.visibility',
        participant: (p) => `(r.from_person_id = :${p} OR r.to_person_id = :${p})`,
      }),
      networkVisibleSql(actor, 'rn'),
    ]);
  }

  /** Visible relationships touching any of these people or organisations (batched per request). */
  async visibleFor(actor: Actor, ids: readonly string[]): Promise<Relationship[]> {
    if (ids.length === 0) return [];
    const visible = this.visible(actor);
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

  async findVisible(actor: Actor, id: string, tx?: Tx): Promise<Relationship | null> {
    const visible = this.visible(actor);
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
         to_organisation_id, starts_on, ends_on, visibility)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
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
      ],
    )) as { id: string }[];
    return this.byId(tx, rows[0].id);
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
