import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TranslatableText, Tx } from '@enlace/core';
import { namedQuery } from '@enlace/core';
import type { Country } from '../countries/country.repository';
import { wordsMatch } from '../directory-sql.repository';
import type { OrganisationType } from '../directory-rules';

export interface Organisation {
  readonly id: string;
  readonly type: OrganisationType;
  readonly name: TranslatableText;
  readonly acronym: string | null;
  readonly countryCode: string | null;
  readonly parentId: string | null;
  readonly version: number;
  readonly sortName: string;
}

export type OrganisationValues = Pick<Organisation, 'type' | 'name' | 'acronym' | 'countryCode' | 'parentId'>;

export interface OrganisationQuery {
  readonly tokens: readonly string[];
  readonly fuzzy: boolean;
  readonly type?: OrganisationType;
  readonly countryCode?: string;
  readonly parentId?: string;
  readonly first: number;
  readonly after: readonly [string, string] | null;
}

const SORT_NAME = (alias: string) =>
  `directory_fold(coalesce(${alias}.name -> 'en' ->> 'text', ${alias}.name -> 'es' ->> 'text', ${alias}.name -> 'pt' ->> 'text',
    ${alias}.name -> 'fr' ->> 'text', ''))`;

const COLUMNS = `o.id, o.type, o.name, o.acronym, o.country_code AS "countryCode", o.parent_id AS "parentId", o.version,
  ${SORT_NAME('o')} AS "sortName"`;

/**
 * The organisation row `alias` as one JSON value of the `Organisation` shape (null when there is none),
 * for a statement of people that brings their organisations along (the directory search's page).
 */
export function organisationJson(alias: string): string {
  return `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'type', ${alias}.type,
    'name', ${alias}.name, 'acronym', ${alias}.acronym, 'countryCode', ${alias}.country_code,
    'parentId', ${alias}.parent_id, 'version', ${alias}.version, 'sortName', ${SORT_NAME(alias)}) END`;
}

/** The key imports match names on: folded, words separated by single spaces (as `fold()` in import-csv.ts). */
const KEY = (expression: string) => `btrim(regexp_replace(directory_fold(${expression}), '[^[:alnum:]]+', ' ', 'g'))`;

/**
 * Organisations are shared reference records (ministries, UN offices, forums): every member of a
 * network and every administrator reads them (docs/decisions/0009); the service checks that.
 */
@Injectable()
export class OrganisationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  async findByIds(ids: readonly string[], tx?: Tx, lock = false): Promise<Organisation[]> {
    if (ids.length === 0) return [];
    return (await this.manager(tx).query(
      `SELECT ${COLUMNS} FROM organisation o WHERE o.id = ANY($1::uuid[]) ${lock ? 'FOR UPDATE' : ''}`,
      [[...new Set(ids)]],
    )) as Organisation[];
  }

  /**
   * Organisations by id with their countries, in one statement: a page's organisations and the
   * countries a client asks of them arrive together (the countries of a page's people come in the
   * same batch as its organisations; those of the organisations would otherwise be a second one).
   */
  async findByIdsWithCountries(
    ids: readonly string[],
  ): Promise<{ organisation: Organisation; country: Country | null }[]> {
    if (ids.length === 0) return [];
    const rows = (await this.manager().query(
      `SELECT ${COLUMNS}, c.code AS "c_code", c.alpha3 AS "c_alpha3", c.region AS "c_region", c.names AS "c_names"
         FROM organisation o LEFT JOIN country c ON c.code = o.country_code WHERE o.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    )) as (Organisation & {
      c_code: string | null;
      c_alpha3: string;
      c_region: Country['region'];
      c_names: Country['names'];
    })[];
    return rows.map(({ c_code, c_alpha3, c_region, c_names, ...organisation }) => ({
      organisation,
      country: c_code === null ? null : { code: c_code, alpha3: c_alpha3, region: c_region, names: c_names },
    }));
  }

  async list(query: OrganisationQuery): Promise<{ rows: Organisation[]; totalCount: number }> {
    const where = ['TRUE'];
    const params: Record<string, unknown> = {};
    if (query.tokens.length > 0) {
      const words = wordsMatch('o', query.tokens, query.fuzzy);
      where.push(words.sql);
      Object.assign(params, words.params);
    }
    if (query.type) {
      where.push('o.type = :type');
      params.type = query.type;
    }
    if (query.countryCode) {
      where.push('o.country_code = :country');
      params.country = query.countryCode;
    }
    if (query.parentId) {
      where.push('o.parent_id = CAST(:parent AS uuid)');
      params.parent = query.parentId;
    }
    const [{ count }] = await namedQuery<{ count: string }>(
      this.manager(),
      `SELECT count(*) AS count FROM organisation o WHERE ${where.join(' AND ')}`,
      params,
    );
    const keyset = query.after ? `AND ("sortName", id) > (:afterName, CAST(:afterId AS uuid))` : '';
    const rows = await namedQuery<Organisation>(
      this.manager(),
      `SELECT * FROM (SELECT ${COLUMNS} FROM organisation o WHERE ${where.join(' AND ')}) x
       WHERE TRUE ${keyset} ORDER BY "sortName", id LIMIT :limit`,
      { ...params, afterName: query.after?.[0], afterId: query.after?.[1], limit: query.first + 1 },
    );
    return { rows, totalCount: Number(count) };
  }

  async insert(tx: Tx, id: string, values: OrganisationValues): Promise<Organisation> {
    await tx.query(
      `INSERT INTO organisation (id, type, name, acronym, country_code, parent_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, values.type, JSON.stringify(values.name), values.acronym, values.countryCode, values.parentId],
    );
    return (await this.findByIds([id], tx))[0];
  }

  /** Null when `expectedVersion` is stale. */
  async update(tx: Tx, id: string, values: OrganisationValues, expectedVersion: number): Promise<Organisation | null> {
    const result = (await tx.query(
      `UPDATE organisation SET type = $2, name = $3, acronym = $4, country_code = $5, parent_id = $6,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $7 RETURNING id`,
      [
        id,
        values.type,
        JSON.stringify(values.name),
        values.acronym,
        values.countryCode,
        values.parentId,
        expectedVersion,
      ],
    )) as [unknown[], number];
    if (result[1] === 0) return null;
    return (await this.findByIds([id], tx))[0];
  }

  /** Would `parentId` as the parent of `id` make a cycle? */
  async isAncestorOrSelf(tx: Tx, candidateParentId: string, id: string): Promise<boolean> {
    const rows = (await tx.query(
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM organisation WHERE id = $1
         UNION SELECT o.id, o.parent_id FROM organisation o JOIN up ON o.id = up.parent_id)
       SELECT 1 FROM up WHERE id = $2 LIMIT 1`,
      [candidateParentId, id],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Organisations by folded name or acronym (imports match the name a spreadsheet gives). */
  async findByFoldedNames(tx: Tx, folded: readonly string[]): Promise<(Organisation & { key: string })[]> {
    if (folded.length === 0) return [];
    return (await tx.query(
      `WITH names AS (
         SELECT o.id, ${KEY("t.value ->> 'text'")} AS key, o.created_at FROM organisation o, jsonb_each(o.name) t
         UNION ALL SELECT o.id, ${KEY('o.acronym')}, o.created_at FROM organisation o WHERE o.acronym IS NOT NULL)
       SELECT DISTINCT ON (n.key) n.key, ${COLUMNS}
       FROM names n JOIN unnest($1::text[]) AS k (key) ON k.key = n.key JOIN organisation o ON o.id = n.id
       ORDER BY n.key, n.created_at, o.id`,
      [[...new Set(folded)]],
    )) as (Organisation & { key: string })[];
  }
}
