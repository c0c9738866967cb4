import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@enlace/core';

/**
 * The limits every GraphQL document must stay within (SPEC §7). Chosen so that every screen of the
 * product fits easily (a connection nested in a connection at the default page size costs ~1,300)
 * while a single request can never ask for millions of rows or hammer the sign-in mutations.
 */
export interface GraphqlLimits {
  /** Nested field levels, e.g. `{ a { b { c } } }` is 3. Introspection fields (`__…`) are not counted. */
  readonly maxDepth: number;
  /** Aliased fields per operation, fragments expanded. */
  readonly maxAliases: number;
  /** Estimated work per operation, see `cost-limit.rule.ts`. */
  readonly maxCost: number;
  /** Lexical tokens of the document (comments and whitespace are free, the length limit covers them). */
  readonly maxTokens: number;
  /** Characters of the document. */
  readonly maxDocumentLength: number;
  /** Page size assumed for a list field whose `first` is not given, and the largest counted. */
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  /** Cost of a mutation that checks a secret or sends mail: two fit in one document, three do not. */
  readonly sensitiveFieldCost: number;
}

export const GRAPHQL_LIMITS: GraphqlLimits = Object.freeze({
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 5000,
  maxTokens: 2000,
  maxDocumentLength: 64 * 1024,
  defaultPageSize: DEFAULT_PAGE_SIZE,
  maxPageSize: MAX_PAGE_SIZE,
  sensitiveFieldCost: 2000,
});

/**
 * Root fields that try a password, a one-time secret or send an email. A resolver may also declare
 * its own cost with `@Extensions({ cost: n })`; a declared cost wins over this list.
 */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set([
  'Mutation.signIn',
  'Mutation.requestPasswordReset',
  'Mutation.resetPassword',
  'Mutation.acceptInvitation',
]);
