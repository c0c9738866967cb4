import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language } from '@enlace/core';
import { namedQuery } from '@enlace/core';
import type { Region } from './regions';

export interface Country {
  readonly code: string;
  readonly alpha3: string;
  readonly region: Region;
  readonly names: Record<Language, string>;
}

export interface CountryQuery {
  readonly tsQuery: string | null;
  readonly region?: Region;
  readonly codes?: readonly string[];
  readonly lang: Language;
  readonly first: number;
  readonly after: readonly [string, string] | null;
}

/**
 * Countries are reference data: public, read-only, the same for everyone. Only migrations write the
 * table, so the countries by code (~250 rows) are read once per process and kept: a page of people
 * or memberships names its countries without a statement of its own (directory search: 4 statements
 * → 3). A new migration's countries are served from the next start, like its code.
 */
@Injectable()
export class CountryRepository {
  private byCode?: Promise<ReadonlyMap<string, Country>>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByCodes(codes: readonly string[]): Promise<Country[]> {
    if (codes.length === 0) return [];
    const all = await this.all();
    return [...new Set(codes)].flatMap((code) => all.get(code) ?? []);
  }

  /** Every country by code, read on first use (a failed read is tried again by the next caller). */
  private all(): Promise<ReadonlyMap<string, Country>> {
    this.byCode ??= this.dataSource.query(`SELECT code, alpha3, region, names FROM country`).then(
      (rows: Country[]) => new Map(rows.map((c) => [c.code, c])),
      (error: unknown) => {
        this.byCode = undefined;
        throw error;
      },
    );
    return this.byCode;
  }

  /** A page of countries ordered by their name in the request language, and how many match. */
  async list(query: CountryQuery): Promise<{ rows: Country[]; totalCount: number }> {
    const where = ['TRUE'];
    const params: Record<string, unknown> = { lang: query.lang };
    if (query.tsQuery) {
      where.push(`search_doc @@ to_tsquery('simple', :tsq)`);
      params.tsq = query.tsQuery;
    }
    if (query.region) {
      where.push('region = :region');
      params.region = query.region;
    }
    if (query.codes) {
      where.push('code = ANY(CAST(:codes AS bpchar[]))');
      params.codes = [...query.codes];
    }
    const [{ count }] = await namedQuery<{ count: string }>(
      this.dataSource.manager,
      `SELECT count(*) AS count FROM country WHERE ${where.join(' AND ')}`,
      params,
    );
    if (query.after) {
      where.push(`(names ->> :lang, code::text) > (:afterName, :afterCode)`);
      params.afterName = query.after[0];
      params.afterCode = query.after[1];
    }
    const rows = await namedQuery<Country>(
      this.dataSource.manager,
      `SELECT code, alpha3, region, names FROM country WHERE ${where.join(' AND ')}
       ORDER BY names ->> :lang, code::text LIMIT :limit`,
      { ...params, limit: query.first + 1 },
    );
    return { rows, totalCount: Number(count) };
  }
}
