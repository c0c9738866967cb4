import { Actor, fresh, memberNetworkIds, SqlPredicate, visibilitySql } from '@enlace/core';
import { isFuzzyWord } from './directory-rules';

/**
 * Every search word must match the document `alias`: as a word prefix in the full-text vector (GIN),
 * or — with `fuzzy`, for words of four letters or more, without digits — fuzzily by trigram word similarity (the
 * GIN index answers `<%` at pg_trgm's 0.6, then 0.7 is required), so that a typo still finds the name
 * ("quispee") while near-homonyms do not ("peru" is not "Pereira"). Each word is a bound parameter.
 *
 * A fuzzy word needs no prefix alternative: a word of n ≥ 4 letters that is the prefix of a word of
 * the text shares n of its n + 1 trigrams with that word's beginning, a word similarity of at least
 * 0.8 (pg_trgm's definition), so the trigram condition alone finds every prefix match too. One
 * condition per word, not an OR: the planner has one index path per word to weigh instead of every
 * combination of two, and each candidate is checked once.
 */
export const FUZZY_THRESHOLD = 0.7;

export function wordsMatch(alias: string, tokens: readonly string[], fuzzy = true): SqlPredicate {
  const params: Record<string, unknown> = {};
  const clauses = tokens.map((token) => {
    const p = fresh('w');
    if (!fuzzy || !isFuzzyWord(token)) {
      params[`${p}_q`] = `${token}:*`;
      return `${alias}.search_doc @@ to_tsquery('simple', :${p}_q)`;
    }
    params[`${p}_t`] = token;
    return `(:${p}_t <% ${alias}.search_text AND word_similarity(:${p}_t, ${alias}.search_text) >= ${FUZZY_THRESHOLD})`;
  });
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : 'TRUE', params };
}

/**
 * Network rows (alias) `actor` may see: the rule of identity's `networkVisibility` (a network's
 * participants are its current members; administrators count as participants of every network
 * record, docs/decisions/0005), with the current memberships taken from the actor — who carries
 * exactly those — instead of a subquery per row. Search checks thousands of rows per request.
 */
export function networkVisibleSql(actor: Actor, alias: string): SqlPredicate {
  const nets = fresh('nets');
  const base = visibilitySql(actor, {
    network: `${alias}.id`,
    visibility: `${alias}.visibility`,
    participant: actor.isAdmin ? () => 'TRUE' : () => `${alias}.id = ANY(CAST(:${nets} AS uuid[]))`,
  });
  return { sql: base.sql, params: { ...base.params, [nets]: memberNetworkIds(actor) } };
}
