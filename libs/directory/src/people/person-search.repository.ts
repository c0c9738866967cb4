import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, allOf, fresh, Language, namedQuery, NetworkRole, SqlPredicate } from '@enlace/core';
import { networkVisibleSql, wordsMatch } from '../directory-sql.repository';
import type { OrganisationType } from '../directory-rules';
import { membershipVisibility } from '../memberships/membership.visibility';
import { DirectoryPerson, PersonRow, toPerson } from './person.entity';
import { PERSON_COLUMNS } from './person.repository';
import { personVisibility, visibleMembershipExists } from './person.visibility';

/** Filters on the memberships a person holds (each filter applies to the same membership). */
export interface MembershipFilter {
  readonly networkId?: string;
  readonly role?: NetworkRole;
  readonly memberState?: string;
  readonly activeOnly?: boolean;
}

export interface PeopleQuery extends MembershipFilter {
  /** Folded search words; every one must match (as a word prefix), or the whole text fuzzily. */
  readonly tokens: readonly string[];
  readonly tsQuery: string;
  /** Also match words by trigram similarity (the second try when the prefix search found nothing). */
  readonly fuzzy: boolean;
  /** Countries whose names match the whole text: people representing them match too. */
  readonly countryCodes: readonly string[];
  readonly organisationType?: OrganisationType;
  readonly organisationId?: string;
  readonly countryCode?: string;
  readonly language?: Language;
  readonly first: number;
  readonly after: readonly [string, string] | null;
}

/** The people search in SQL: words, countries named in any language, filters and visibility, in pages by name. */
@Injectable()
export class PersonSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private searchParts(actor: Actor, query: PeopleQuery): { from: string; where: SqlPredicate } {
    const predicates: SqlPredicate[] = [];
    const hasMembershipFilter = Boolean(query.networkId || query.role || query.memberState || query.activeOnly);
    predicates.push(hasMembershipFilter ? visibleMembershipExists(actor, 'p', query) : personVisibility(actor, 'p'));
    if (query.organisationId) {
      predicates.push({ sql: 'p.organisation_id = CAST(:orgId AS uuid)', params: { orgId: query.organisationId } });
    }
    if (query.organisationType) {
      predicates.push({
        sql: 'EXISTS (SELECT 1 FROM organisation po WHERE po.id = p.organisation_id AND po.type = :orgType)',
        params: { orgType: query.organisationType },
      });
    }
    if (query.countryCode)
      predicates.push({ sql: 'p.country_code = :country', params: { country: query.countryCode } });
    if (query.language) predicates.push({ sql: ':language = ANY(p.languages)', params: { language: query.language } });
    let from = 'person p';
    if (query.tokens.length > 0) {
      const byCountry = query.countryCodes.length > 0 ? visibleCountryMemberships(actor, query.countryCodes) : null;
      const words = wordsMatch('sp', query.tokens, query.fuzzy);
      from = `(SELECT sp.id FROM person sp WHERE ${words.sql}
        ${byCountry ? `UNION SELECT ${byCountry.sql}` : ''}) hit JOIN person p ON p.id = hit.id`;
      predicates.push({ sql: 'TRUE', params: { ...words.params, ...byCountry?.params } });
    }
    return { from, where: allOf(predicates) };
  }

  /**
   * One page of the people `actor` may see that match `query`, ordered by name, and how many match in
   * all. The first page counts in the same statement (a window count over the matches).
   */
  async search(actor: Actor, query: PeopleQuery): Promise<{ rows: DirectoryPerson[]; totalCount: number }> {
    const parts = this.searchParts(actor, query);
    if (query.after === null) {
      const rows = await this.searchPage(actor, query, parts, true);
      return { rows, totalCount: rows.length > 0 ? Number((rows[0] as { totalCount?: string }).totalCount) : 0 };
    }
    const [{ count }] = await namedQuery<{ count: string }>(
      this.dataSource.manager,
      `SELECT count(*) AS count FROM ${parts.from} WHERE ${parts.where.sql}`,
      parts.where.params,
    );
    const rows = await this.searchPage(actor, query, parts);
    return { rows, totalCount: Number(count) };
  }

  /** A page of matches (`first + 1` rows), without counting unless `withCount` (exports page on with it off). */
  async searchPage(
    actor: Actor,
    query: PeopleQuery,
    parts: { from: string; where: SqlPredicate } = this.searchParts(actor, query),
    withCount = false,
  ): Promise<DirectoryPerson[]> {
    const { from, where } = parts;
    const keyset = query.after
      ? {
          sql: '(p.name, p.id) > (:afterName, CAST(:afterId AS uuid))',
          params: { afterName: query.after[0], afterId: query.after[1] },
        }
      : { sql: 'TRUE', params: {} };
    const rows = await namedQuery<PersonRow & { total_count?: string }>(
      this.dataSource.manager,
      `SELECT ${PERSON_COLUMNS}${withCount ? ', count(*) OVER () AS total_count' : ''}
       FROM ${from} WHERE ${where.sql} AND ${keyset.sql}
       ORDER BY p.name, p.id LIMIT :limit`,
      { ...where.params, ...keyset.params, limit: query.first + 1 },
    );
    return rows.map((r) => (withCount ? { ...toPerson(r), totalCount: r.total_count } : toPerson(r)));
  }
}

/** Person ids of memberships `actor` may see that represent one of `codes`, as a SELECT list for a UNION. */
function visibleCountryMemberships(actor: Actor, codes: readonly string[]): SqlPredicate {
  const m = fresh('km');
  const n = fresh('kn');
  const visible = allOf([membershipVisibility(actor, m), networkVisibleSql(actor, n)]);
  return {
    sql: `${m}.person_id FROM membership ${m} JOIN network ${n} ON ${n}.id = ${m}.network_id
      WHERE ${m}.member_state = ANY(CAST(:${m}_codes AS bpchar[])) AND ${visible.sql}`,
    params: { [`${m}_codes`]: [...codes], ...visible.params },
  };
}
