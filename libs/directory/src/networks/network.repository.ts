import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  DomainError,
  hasSqlState,
  Language,
  namedQuery,
  TranslatableText,
  Tx,
  UNIQUE_VIOLATION,
  Visibility,
} from '@enlace/core';
import { Network, networkColumns, NetworkKind, NetworkRow, toNetwork } from './network.entity';
import { networkVisibility } from './network.visibility';

export interface NetworkListQuery {
  readonly kind?: NetworkKind;
  readonly first: number;
  readonly afterSlug: string | null;
}

export interface PartnerRow {
  readonly networkId: string;
  readonly partner: Network;
}

export type NetworkValues = Omit<Network, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

/** The column behind each field of `NetworkValues`, with the cast its parameter needs. */
const VALUE_COLUMNS: Record<keyof NetworkValues, { column: string; cast?: string }> = {
  slug: { column: 'slug' },
  name: { column: 'name', cast: 'jsonb' },
  description: { column: 'description', cast: 'jsonb' },
  kind: { column: 'kind' },
  defaultLanguage: { column: 'default_language' },
  workingLanguages: { column: 'working_languages', cast: 'text[]' },
  visibility: { column: 'visibility' },
};

/** `:name` (or `CAST(:name AS type)`) and its bound value (jsonb travels as JSON text). */
function valueParam(key: keyof NetworkValues, value: unknown): { sql: string; value: unknown } {
  const { cast } = VALUE_COLUMNS[key];
  if (cast === 'jsonb') return { sql: `CAST(:${key} AS jsonb)`, value: JSON.stringify(value) };
  if (cast) return { sql: `CAST(:${key} AS ${cast})`, value: [...(value as unknown[])] };
  return { sql: `:${key}`, value };
}

/** The fields of a network a seed owns (the demo data set), and the stored network with its id. */
export interface SeededNetworkFields {
  readonly slug: string;
  readonly kind: NetworkKind;
  readonly name: TranslatableText;
  readonly description: TranslatableText;
  readonly defaultLanguage: Language;
  readonly workingLanguages: readonly Language[];
  readonly visibility: Visibility;
}

export interface SeededNetwork extends SeededNetworkFields {
  readonly id: string;
}

interface SeededNetworkRow {
  id: string;
  slug: string;
  kind: NetworkKind;
  name: TranslatableText;
  description: TranslatableText;
  default_language: Language;
  working_languages: Language[];
  visibility: Visibility;
}

const SEEDED_COLUMNS = 'id, slug, kind, name, description, default_language, working_languages, visibility';

function toSeededNetwork(row: SeededNetworkRow): SeededNetwork {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    description: row.description,
    defaultLanguage: row.default_language,
    workingLanguages: row.working_languages,
    visibility: row.visibility,
  };
}

/** Parameters $2..$7 of the seed's insert and update: everything but the slug. */
function seededParams(fields: SeededNetworkFields): unknown[] {
  return [
    fields.kind,
    JSON.stringify(fields.name),
    JSON.stringify(fields.description),
    fields.defaultLanguage,
    [...fields.workingLanguages],
    fields.visibility,
  ];
}

@Injectable()
export class NetworkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** Visible networks ordered by slug, after a keyset position; `totalCount` counts every visible one. */
  async list(actor: Actor, query: NetworkListQuery): Promise<{ rows: Network[]; totalCount: number }> {
    const visible = networkVisibility(actor, 'n');
    const params = { ...visible.params, kind: query.kind ?? null, afterSlug: query.afterSlug, limit: query.first + 1 };
    const where = `${visible.sql} ${query.kind ? 'AND n.kind = :kind' : ''}`;
    const [{ n: totalCount }] = await namedQuery<{ n: number }>(
      this.manager(),
      `SELECT count(*)::int AS n FROM network n WHERE ${where}`,
      params,
    );
    const rows = await namedQuery<NetworkRow>(
      this.manager(),
      `SELECT ${networkColumns('n')} FROM network n
        WHERE ${where} ${query.afterSlug !== null ? 'AND n.slug > :afterSlug' : ''}
        ORDER BY n.slug ASC LIMIT :limit`,
      params,
    );
    return { rows: rows.map(toNetwork), totalCount };
  }

  /** The networks among `ids` that `actor` may see, in one statement (a DataLoader batch). */
  async findVisibleByIds(actor: Actor, ids: readonly string[], tx?: Tx): Promise<Network[]> {
    if (ids.length === 0) return [];
    const visible = networkVisibility(actor, 'n');
    const rows = await namedQuery<NetworkRow>(
      this.manager(tx),
      `SELECT ${networkColumns('n')} FROM network n WHERE n.id = ANY(CAST(:ids AS uuid[])) AND ${visible.sql}`,
      { ...visible.params, ids: [...new Set(ids)] },
    );
    return rows.map(toNetwork);
  }

  async findVisibleBySlug(actor: Actor, slug: string, tx?: Tx): Promise<Network | null> {
    const visible = networkVisibility(actor, 'n');
    const rows = await namedQuery<NetworkRow>(
      this.manager(tx),
      `SELECT ${networkColumns('n')} FROM network n WHERE n.slug = :slug AND ${visible.sql}`,
      { ...visible.params, slug },
    );
    return rows[0] ? toNetwork(rows[0]) : null;
  }

  /**
   * The visible partners of each of the visible networks `networkIds`, in one statement: owner and
   * partner both pass the predicate, so a partnership never reveals a network the caller cannot see.
   */
  async findVisiblePartners(actor: Actor, networkIds: readonly string[]): Promise<PartnerRow[]> {
    if (networkIds.length === 0) return [];
    const partnerVisible = networkVisibility(actor, 'n');
    const ownerVisible = networkVisibility(actor, 'o');
    const rows = await namedQuery<NetworkRow & { owner_id: string }>(
      this.manager(),
      `SELECT np.network_id AS owner_id, ${networkColumns('n')}
         FROM network n
         JOIN network_partner np ON np.partner_id = n.id
         JOIN network o ON o.id = np.network_id
        WHERE np.network_id = ANY(CAST(:ids AS uuid[])) AND ${partnerVisible.sql} AND ${ownerVisible.sql}
        ORDER BY n.slug ASC`,
      { ...partnerVisible.params, ...ownerVisible.params, ids: [...new Set(networkIds)] },
    );
    return rows.map((row) => ({ networkId: row.owner_id, partner: toNetwork(row) }));
  }

  async insert(tx: Tx, values: NetworkValues): Promise<Network> {
    const keys = Object.keys(VALUE_COLUMNS) as (keyof NetworkValues)[];
    const bound = keys.map((key) => valueParam(key, values[key]));
    try {
      const rows = await namedQuery<NetworkRow>(
        tx,
        `INSERT INTO network (${keys.map((key) => VALUE_COLUMNS[key].column).join(', ')})
         VALUES (${bound.map((b) => b.sql).join(', ')})
         RETURNING ${networkColumns('network')}`,
        Object.fromEntries(keys.map((key, i) => [key, bound[i].value])),
      );
      return toNetwork(rows[0]);
    } catch (error) {
      if (hasSqlState(error, UNIQUE_VIOLATION)) throw DomainError.conflict('networks:slugTaken', { slug: values.slug });
      throw error;
    }
  }

  /**
   * Compare-and-set: applies `changes` only while the row still has `expectedVersion`, bumping it.
   * A concurrent writer that committed first makes this match no row (PostgreSQL re-checks the
   * WHERE clause on the row it waited for), so the caller answers CONFLICT instead of losing an update.
   */
  async updateIfVersion(
    tx: Tx,
    id: string,
    expectedVersion: number,
    changes: Partial<NetworkValues>,
  ): Promise<Network | null> {
    const keys = (Object.keys(changes) as (keyof NetworkValues)[]).filter(
      (key) => key in VALUE_COLUMNS && changes[key] !== undefined,
    );
    const bound = keys.map((key) => valueParam(key, changes[key]));
    const set = keys.map((key, i) => `${VALUE_COLUMNS[key].column} = ${bound[i].sql}`);
    const [rows] = (await namedQuery<unknown>(
      tx,
      `UPDATE network SET ${[...set, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE id = :id AND version = :expectedVersion
        RETURNING ${networkColumns('network')}`,
      { ...Object.fromEntries(keys.map((key, i) => [key, bound[i].value])), id, expectedVersion },
    )) as unknown as [NetworkRow[], number];
    return rows[0] ? toNetwork(rows[0]) : null;
  }

  /** Stores a partnership in both directions; false when it already existed. */
  async addPartnership(tx: Tx, a: string, b: string): Promise<boolean> {
    const [first, second] = [a, b].sort(); // one lock order, whichever side asks
    const rows = await namedQuery<{ network_id: string }>(
      tx,
      `INSERT INTO network_partner (network_id, partner_id) VALUES (:first, :second), (:second, :first)
       ON CONFLICT DO NOTHING RETURNING network_id`,
      { first, second },
    );
    return rows.length > 0;
  }

  /** Removes both directions; false when there was no partnership. */
  async removePartnership(tx: Tx, a: string, b: string): Promise<boolean> {
    const [, affected] = (await namedQuery<unknown>(
      tx,
      `DELETE FROM network_partner WHERE (network_id = :a AND partner_id = :b) OR (network_id = :b AND partner_id = :a)`,
      { a, b },
    )) as unknown as [unknown, number];
    return affected > 0;
  }

  /*
   * The seed's find-or-insert by slug: each write returns only what it created or changed, so that
   * the seed audits exactly those rows and a second run writes nothing.
   */

  async findSeededBySlug(tx: Tx, slug: string): Promise<SeededNetwork | null> {
    const rows = (await tx.query(`SELECT ${SEEDED_COLUMNS} FROM network WHERE slug = $1`, [
      slug,
    ])) as SeededNetworkRow[];
    return rows[0] ? toSeededNetwork(rows[0]) : null;
  }

  async insertSeeded(tx: Tx, fields: SeededNetworkFields): Promise<SeededNetwork> {
    const rows = (await tx.query(
      `INSERT INTO network (slug, kind, name, description, default_language, working_languages, visibility)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6::text[], $7)
       RETURNING ${SEEDED_COLUMNS}`,
      [fields.slug, ...seededParams(fields)],
    )) as SeededNetworkRow[];
    return toSeededNetwork(rows[0]);
  }

  /**
   * Writes the seed's fields over a network when any of them differs (jsonb compares by value, so
   * key order does not count), bumping its version. Returns null when nothing differed.
   */
  async updateSeededIfChanged(tx: Tx, id: string, fields: SeededNetworkFields): Promise<SeededNetwork | null> {
    const [rows] = (await tx.query(
      `UPDATE network
          SET kind = $2, name = $3::jsonb, description = $4::jsonb, default_language = $5,
              working_languages = $6::text[], visibility = $7, version = version + 1, updated_at = now()
        WHERE id = $1
          AND (kind, name, description, default_language, working_languages, visibility)
              IS DISTINCT FROM ($2, $3::jsonb, $4::jsonb, $5, $6::text[], $7)
        RETURNING ${SEEDED_COLUMNS}`,
      [id, ...seededParams(fields)],
    )) as [SeededNetworkRow[], number];
    return rows[0] ? toSeededNetwork(rows[0]) : null;
  }

  /** Stores a partnership in both directions; returns the directions that did not exist yet. */
  async insertSeededPartnership(
    tx: Tx,
    networkId: string,
    partnerId: string,
  ): Promise<Array<{ networkId: string; partnerId: string }>> {
    const rows = (await tx.query(
      `INSERT INTO network_partner (network_id, partner_id) VALUES ($1, $2), ($2, $1)
       ON CONFLICT (network_id, partner_id) DO NOTHING
       RETURNING network_id, partner_id`,
      [networkId, partnerId],
    )) as Array<{ network_id: string; partner_id: string }>;
    return rows.map((r) => ({ networkId: r.network_id, partnerId: r.partner_id }));
  }
}
