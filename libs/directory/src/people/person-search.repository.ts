import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, allOf, Language, namedQuery, NetworkRole, SqlPredicate } from '@enlace/core';
import { wordsMatch } from '../directory-sql.repository';
import { isFuzzyWord, OrganisationType } from '../directory-rules';
import { membershipVisibleByKeys } from '../memberships/membership.visibility';
import { Organisation, organisationJson } from '../organisations/organisation.repository';
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
  /**
   * Also match words by trigram similarity: `'retry'` when nothing the caller may see matches the
   * words as typed (decided in the statement itself), `true`/`false` when already decided.
   */
  readonly fuzzy: boolean | 'retry';
  readonly organisationType?: OrganisationType;
  readonly organisationId?: string;
  readonly countryCode?: string;
  readonly language?: Language;
  /** A custom field of the network's directory: exact value, or words within a TEXT value. */
  readonly field?: {
    readonly networkId: string;
    readonly key: string;
    readonly text: boolean;
    readonly value: string | number;
  };
  readonly first: number;
  readonly after: readonly [string, string] | null;
}

export interface PeopleResult {
  /** Up to `first + 1` people, ordered by name. */
  readonly rows: DirectoryPerson[];
  /** How many the caller may see in all (null when not counted). */
  readonly totalCount: number | null;
  /** Whether the words were matched fuzzily (the retry was taken). */
  readonly fuzzy: boolean;
  /** With `withOrganisations`: the organisations of `rows`' people, read by the same statement. */
  readonly organisations: Organisation[];
}

type Row = PersonRow & { total_count?: string; fuzzy?: boolean | null; organisation?: Organisation | null };

/**
 * The people search in SQL, the one place `people`, `searchDirectory` and exports go through: words,
 * countries named in any language, filters and visibility, in pages by name.
 *
 * With words, the people matching them that the caller may see are found in one index scan (the
 * search indexes hold each person's audience keys beside the words, docs/decisions/0014) and fenced in
 * a MATERIALIZED CTE, so the planner cannot trade it for a walk of the name index; the page and the
 * count are then taken from it separately, and the fuzzy retry is a second CTE that runs only when
 * the first holds nothing the caller may see. One statement either way.
 */
@Injectable()
export class PersonSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page (`first + 1` rows) of the people `actor` may see matching `query`, and how many match in
   * all; `withOrganisations`, their organisations too (one statement for a page and what it shows).
   */
  async search(actor: Actor, query: PeopleQuery, withCount = true, withOrganisations = false): Promise<PeopleResult> {
    const { sql, params } = searchStatement(actor, query, withCount, withOrganisations);
    const rows = await namedQuery<Row>(this.dataSource.manager, sql, params);
    const people = rows.filter((r) => r.id !== null);
    const organisations = new Map<string, Organisation>();
    for (const r of people) if (r.organisation) organisations.set(r.organisation.id, r.organisation);
    return {
      rows: people.map(toPerson),
      totalCount: withCount ? Number(rows[0]?.total_count ?? 0) : null,
      fuzzy: query.fuzzy === 'retry' ? rows[0]?.fuzzy === true : query.fuzzy,
      organisations: [...organisations.values()],
    };
  }
}

/** The person filters of `query` on the person row `alias` (visibility and words aside). */
function personFilters(actor: Actor, query: PeopleQuery, alias: string): SqlPredicate {
  const predicates: SqlPredicate[] = [];
  if (query.networkId || query.role || query.memberState || query.activeOnly) {
    predicates.push(visibleMembershipExists(actor, alias, query));
  }
  if (query.organisationId) {
    predicates.push({
      sql: `${alias}.organisation_id = CAST(:orgId AS uuid)`,
      params: { orgId: query.organisationId },
    });
  }
  if (query.organisationType) {
    predicates.push({
      sql: `EXISTS (SELECT 1 FROM organisation po WHERE po.id = ${alias}.organisation_id AND po.type = :orgType)`,
      params: { orgType: query.organisationType },
    });
  }
  if (query.countryCode)
    predicates.push({ sql: `${alias}.country_code = :country`, params: { country: query.countryCode } });
  if (query.language)
    predicates.push({ sql: `:language = ANY(${alias}.languages)`, params: { language: query.language } });
  if (query.field?.text) {
    // Case-insensitive words within the text (the network filter has narrowed the people already).
    predicates.push({
      sql: `strpos(lower(${alias}.fields -> :fieldNetwork ->> :fieldKey), lower(:fieldValue)) > 0`,
      params: { fieldNetwork: query.field.networkId, fieldKey: query.field.key, fieldValue: String(query.field.value) },
    });
  } else if (query.field) {
    // An exact value: containment, which the GIN index on person.fields answers.
    predicates.push({
      sql: `${alias}.fields @> CAST(:fieldDoc AS jsonb)`,
      params: { fieldDoc: JSON.stringify({ [query.field.networkId]: { [query.field.key]: query.field.value } }) },
    });
  }
  return allOf(predicates);
}

/**
 * Ids and names of the people matching the words (exactly or, with `fuzzy`, by trigram) that `actor`
 * may see, and of those representing a country whose name matches the whole text (through a
 * membership `actor` may see), narrowed by the filters and, when `after` is given, by the keyset.
 * Each person once: the second part only adds people the words did not find.
 */
function matches(actor: Actor, query: PeopleQuery, fuzzy: boolean, keyset: SqlPredicate): SqlPredicate {
  const filters = personFilters(actor, query, 'sp');
  const words = wordsMatch('sp', query.tokens, fuzzy);
  const byWords = allOf([words, personVisibility(actor, 'sp'), filters, keyset]);
  if (fuzzy) return { sql: `SELECT sp.id, sp.name FROM person sp WHERE ${byWords.sql}`, params: byWords.params };
  const visible = membershipVisibleByKeys(actor, 'km', 'kn');
  const rest = allOf([filters, keyset]);
  return {
    sql: `SELECT sp.id, sp.name FROM person sp WHERE ${byWords.sql}
      UNION ALL
      SELECT sp.id, sp.name FROM person sp
       WHERE sp.id IN (SELECT km.person_id FROM membership km JOIN network kn ON kn.id = km.network_id
                        WHERE km.member_state IN (SELECT c.code FROM country c
                                WHERE c.search_doc @@ to_tsquery('simple', :countryQuery) ORDER BY c.code LIMIT 50)
                          AND ${visible.sql})
         AND NOT (${words.sql}) AND ${rest.sql}`,
    params: { ...byWords.params, ...visible.params, ...rest.params, countryQuery: query.tsQuery },
  };
}

/**
 * The statement: the visible matches `hit (id, name)`, then the page (keyset, order, limit) and,
 * `withCount`, the count of `hit`, in one row even when the page is empty. Without a count (exports,
 * page after page), the keyset narrows the matches themselves. Without words there is nothing to
 * fence: the name index answers the page and the count is a plain count.
 */
export function searchStatement(
  actor: Actor,
  query: PeopleQuery,
  withCount: boolean,
  withOrganisations = false,
): SqlPredicate {
  // The page's organisations, as one JSON column (their own visibility is the service's: `prime`).
  const organisation = withOrganisations
    ? {
        column: `, ${organisationJson('po_page')} AS organisation`,
        join: 'LEFT JOIN organisation po_page ON po_page.id = p.organisation_id',
      }
    : { column: '', join: '' };
  const keyset = (alias: string): SqlPredicate =>
    query.after
      ? {
          sql: `(${alias}.name, ${alias}.id) > (:afterName, CAST(:afterId AS uuid))`,
          params: { afterName: query.after[0], afterId: query.after[1] },
        }
      : { sql: 'TRUE', params: {} };
  const counted = (page: SqlPredicate, count: string, fuzzy = 'NULL::boolean'): SqlPredicate => ({
    sql: `SELECT pg.*, c.total_count, c.fuzzy
        FROM (SELECT (${count}) AS total_count, ${fuzzy} AS fuzzy) c
        LEFT JOIN LATERAL (${page.sql}) pg ON TRUE
       ORDER BY pg.name, pg.id`,
    params: page.params,
  });

  if (query.tokens.length === 0) {
    const where = allOf([personVisibility(actor, 'p'), personFilters(actor, query, 'p'), keyset('p')]);
    const page = {
      sql: `SELECT ${PERSON_COLUMNS}${organisation.column} FROM person p ${organisation.join}
        WHERE ${where.sql} ORDER BY p.name, p.id LIMIT :limit`,
      params: { ...where.params, limit: query.first + 1 },
    };
    if (!withCount) return page;
    const all = allOf([personVisibility(actor, 'sp'), personFilters(actor, query, 'sp')]);
    const statement = counted(page, `SELECT count(*) FROM person sp WHERE ${all.sql}`);
    return { sql: statement.sql, params: { ...statement.params, ...all.params } };
  }

  const inside = withCount ? { sql: 'TRUE', params: {} } : keyset('sp');
  const outside = withCount ? keyset('hit') : { sql: 'TRUE', params: {} };
  const params: Record<string, unknown> = { ...outside.params, limit: query.first + 1 };
  let ctes: string;
  let fuzzyFlag: string | undefined;
  if (query.fuzzy === 'retry' && query.tokens.some(isFuzzyWord)) {
    const exact = matches(actor, query, false, inside);
    const fuzzy = matches(actor, query, true, inside);
    Object.assign(params, exact.params, fuzzy.params);
    ctes = `exact AS MATERIALIZED (${exact.sql}),
      fuzzy AS MATERIALIZED (SELECT f.id, f.name FROM (${fuzzy.sql}) f WHERE NOT EXISTS (SELECT 1 FROM exact)),
      hit AS NOT MATERIALIZED (SELECT id, name FROM exact UNION ALL SELECT id, name FROM fuzzy)`;
    fuzzyFlag = 'NOT EXISTS (SELECT 1 FROM exact)';
  } else {
    const hit = matches(actor, query, query.fuzzy === true, inside);
    Object.assign(params, hit.params);
    ctes = `hit AS MATERIALIZED (${hit.sql})`;
  }
  // The page is chosen among the matches (which carry the names) before the rows are read.
  const page = {
    sql: `SELECT ${PERSON_COLUMNS}${organisation.column}
      FROM (SELECT hit.id FROM hit WHERE ${outside.sql} ORDER BY hit.name, hit.id LIMIT :limit) h
      JOIN person p ON p.id = h.id ${organisation.join} ORDER BY p.name, p.id`,
    params,
  };
  if (!withCount) return { sql: `WITH ${ctes} ${page.sql}`, params };
  const statement = counted(page, 'SELECT count(*) FROM hit', fuzzyFlag);
  return { sql: `WITH ${ctes} ${statement.sql}`, params: statement.params };
}
