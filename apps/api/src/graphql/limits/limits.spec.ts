import { buildSchema, GraphQLError, parse, validate, ValidationRule } from 'graphql';
import {
  assertDocumentSize,
  CostCheck,
  countTokens,
  GRAPHQL_LIMITS,
  maxAliasesRule,
  maxDepthRule,
  operationCost,
} from './index';

const schema = buildSchema(`
  type Query {
    ping: Boolean
    network(id: ID!): Network
    networks(first: Int, after: String): NetworkConnection!
    search(first: Int): [Person!]!
    languages: [String!]!
  }
  type Mutation {
    signIn(email: String!, password: String!): Session
    requestPasswordReset(email: String!): Boolean
    rename(id: ID!, name: String!): Network
    declared: Boolean
  }
  type Session { token: String }
  type Network {
    id: ID!
    name: String
    parent: Network
    languages: [String!]!
    members(first: Int): PersonConnection!
  }
  type NetworkConnection { edges: [NetworkEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type NetworkEdge { cursor: String! node: Network! }
  type PersonConnection { edges: [PersonEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type PersonEdge { cursor: String! node: Person! }
  type Person { id: ID! name: String }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
`);
// buildSchema cannot declare extensions; a resolver would use @Extensions({ cost: 50 }).
Object.assign(schema.getMutationType()!.getFields().declared, { extensions: { cost: 50 } });

const limits = { ...GRAPHQL_LIMITS };

function errors(source: string, rules: ValidationRule[]): readonly GraphQLError[] {
  return validate(schema, parse(source), rules);
}

function cost(source: string, variables?: Record<string, unknown>, operationName?: string): number {
  const document = parse(source);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition' && (!operationName || d.name?.value === operationName),
  );
  if (!operation || operation.kind !== 'OperationDefinition') throw new Error('no operation');
  return operationCost(schema, document, operation, limits, { variables });
}

function nested(levels: number): string {
  let q = 'id';
  for (let i = 0; i < levels - 1; i += 1) q = `parent { ${q} }`;
  return `{ network(id: "1") { ${q} } }`;
}

describe('maxDepthRule', () => {
  it('accepts an operation at the limit and rejects one level more, with the i18n key and numbers', () => {
    expect(errors(nested(9), [maxDepthRule(10)])).toEqual([]); // network + 8 parents + id = 10
    const [error] = errors(nested(10), [maxDepthRule(10)]);
    expect(error.extensions).toEqual({ i18nKey: 'graphql:tooDeep', i18nParams: { depth: 11, max: 10 } });
  });

  it('counts through fragments and inline fragments', () => {
    const source = `
      query { network(id: "1") { ...A } }
      fragment A on Network { parent { ... on Network { parent { ...B } } } }
      fragment B on Network { parent { id } }`;
    expect(errors(source, [maxDepthRule(5)])).toEqual([]);
    expect(errors(source, [maxDepthRule(4)])[0].extensions?.i18nParams).toEqual({ depth: 5, max: 4 });
  });

  it('ignores introspection fields', () => {
    const source = '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }';
    expect(errors(source, [maxDepthRule(2)])).toEqual([]);
  });

  it('survives a fragment cycle (reported by graphql-js itself) and a fragment bomb', () => {
    const cycle = 'query { network(id: "1") { ...A } } fragment A on Network { parent { ...A } }';
    expect(() => validate(schema, parse(cycle), [maxDepthRule(10)])).not.toThrow();
    const started = Date.now();
    expect(errors(bomb(40), [maxDepthRule(1000)])).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

/** A document whose fragment F0 spreads F1 twice, F1 spreads F2 twice...: 2^n fields once expanded. */
function bomb(n: number): string {
  const fragments = [];
  for (let i = 0; i < n; i += 1) {
    fragments.push(`fragment F${i} on Network { a${i}: name ...F${i + 1} ...F${i + 1} }`);
  }
  fragments.push(`fragment F${n} on Network { id }`);
  return `query { network(id: "1") { ...F0 } } ${fragments.join(' ')}`;
}

describe('maxAliasesRule', () => {
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `p${i}: ping`).join(' ')} }`;

  it('accepts 15 aliases and rejects 16', () => {
    expect(errors(aliased(15), [maxAliasesRule(15)])).toEqual([]);
    const [error] = errors(aliased(16), [maxAliasesRule(15)]);
    expect(error.extensions).toEqual({ i18nKey: 'graphql:tooManyAliases', i18nParams: { aliases: 16, max: 15 } });
  });

  it('counts aliases in a fragment once per spread', () => {
    const source = `{ a: network(id: "1") { ...F } b: network(id: "2") { ...F } }
      fragment F on Network { x: name y: name z: id }`;
    expect(errors(source, [maxAliasesRule(8)])).toEqual([]);
    expect(errors(source, [maxAliasesRule(7)])[0].extensions?.i18nParams).toEqual({ aliases: 8, max: 7 });
  });

  it('measures each operation separately', () => {
    const source = `query A { ${aliased(10).slice(1, -1)} } query B { ${aliased(10).slice(1, -1)} }`;
    expect(errors(source, [maxAliasesRule(15)])).toEqual([]);
  });

  it('stays linear on a fragment bomb', () => {
    const [error] = errors(bomb(40), [maxAliasesRule(15)]);
    expect(error.extensions?.i18nKey).toBe('graphql:tooManyAliases');
  });
});

describe('operationCost', () => {
  it('counts one per field', () => {
    expect(cost('{ ping }')).toBe(1);
    expect(cost('{ network(id: "1") { id name parent { id } } }')).toBe(5);
  });

  it('multiplies the edges of a connection by first, the rest of the connection once', () => {
    // networks 1 + pageInfo (1 + 1) + totalCount 1 + edges 10 × (1 + node 1 + id 1 + name 1)... edges itself is 1
    const source = '{ networks(first: 10) { totalCount pageInfo { hasNextPage } edges { node { id name } } } }';
    expect(cost(source)).toBe(1 + 1 + 2 + 1 + 10 * 3);
  });

  it('uses the default page size when first is missing or null, and caps it at the maximum', () => {
    const source = (first: string) => `{ networks${first} { edges { node { id } } } }`;
    expect(cost(source(''))).toBe(1 + 1 + 20 * 2);
    expect(cost(source('(first: null)'))).toBe(1 + 1 + 20 * 2);
    expect(cost(source('(first: 1000)'))).toBe(1 + 1 + 100 * 2);
    expect(cost(source('(first: 0)'))).toBe(2);
  });

  it('reads first from variables, then from the variable default', () => {
    const source = 'query ($n: Int = 5) { networks(first: $n) { edges { node { id } } } }';
    expect(cost(source)).toBe(1 + 1 + 5 * 2);
    expect(cost(source, { n: 50 })).toBe(1 + 1 + 50 * 2);
    expect(cost('query ($n: Int) { networks(first: $n) { edges { node { id } } } }')).toBe(1 + 1 + 20 * 2);
  });

  it('multiplies nested connections', () => {
    const source = `{ networks(first: 100) { edges { node { members(first: 100) { edges { node { name } } } } } } }`;
    // networks 1 + edges 1 + 100 × (node 1 + members 1 + edges 1 + 100 × (node 1 + name 1))
    expect(cost(source)).toBe(2 + 100 * (3 + 100 * 2));
  });

  it('multiplies a list field that takes first directly, and counts other lists once', () => {
    expect(cost('{ search(first: 7) { id name } }')).toBe(1 + 7 * 2);
    expect(cost('{ languages }')).toBe(1);
  });

  it('prices the sign-in family so that a document holds at most two of them', () => {
    const signIns = (n: number) =>
      `mutation { ${Array.from({ length: n }, (_, i) => `s${i}: signIn(email: "a@b.c", password: "x") { token }`).join(' ')} }`;
    expect(cost(signIns(1))).toBe(2001);
    expect(cost(signIns(2))).toBeLessThanOrEqual(limits.maxCost);
    expect(cost(signIns(3))).toBeGreaterThan(limits.maxCost);
    expect(cost('mutation { requestPasswordReset(email: "a@b.c") }')).toBe(2000);
    expect(cost('mutation { rename(id: "1", name: "x") { id } }')).toBe(2);
  });

  it('honours a cost declared on the field', () => {
    expect(cost('mutation { declared }')).toBe(50);
  });

  it('expands fragments once per spread and stays linear on a fragment bomb', () => {
    const source = `{ a: network(id: "1") { ...F } b: network(id: "2") { ...F } } fragment F on Network { id name }`;
    expect(cost(source)).toBe(2 * (1 + 2));
    const started = Date.now();
    expect(cost(bomb(40))).toBeGreaterThan(2 ** 40);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('measures only the named operation', () => {
    const source = 'query Cheap { ping } query Dear { networks(first: 100) { edges { node { id } } } }';
    expect(cost(source, undefined, 'Cheap')).toBe(1);
  });
});

describe('CostCheck', () => {
  const check = (source: string, input: Parameters<CostCheck['check']>[2] = {}) =>
    new CostCheck(limits).check(schema, parse(source), input);

  it('rejects an operation above the maximum with the cost and the maximum', () => {
    const source = '{ networks(first: 100) { edges { node { members(first: 100) { edges { node { name } } } } } } }';
    const error = check(source);
    expect(error?.extensions).toEqual({
      i18nKey: 'graphql:tooCostly',
      i18nParams: { cost: 2 + 100 * (3 + 100 * 2), max: 5000 },
    });
    expect(error?.locations).toEqual([{ line: 1, column: 1 }]);
    expect(check(source.replaceAll('100', '20'))).toBeNull();
  });

  it('uses the variables it is given', () => {
    const source =
      'query ($n: Int) { networks(first: $n) { edges { node { members(first: $n) { totalCount edges { node { id } } } } } } }';
    expect(check(source, { variables: { n: 10 } })).toBeNull();
    expect(check(source, { variables: { n: 100 } })).not.toBeNull();
  });

  it('checks only the operation that runs when a name is given', () => {
    const source =
      'query Cheap { ping } query Dear { networks(first: 100) { edges { node { members(first: 100) { edges { node { id } } } } } } }';
    expect(check(source, { operationName: 'Cheap' })).toBeNull();
    expect(check(source, { operationName: 'Dear' })).not.toBeNull();
    expect(check(source)).not.toBeNull();
  });

  it('keeps costs per document, operation and page size, never one for another', () => {
    const costs = new CostCheck(limits);
    const document = parse(
      `query Dear($n: Int, $m: Int = 100, $name: String) {
         networks(first: $n) { edges { node { name members(first: $m) { edges { node { id } } } } } } }
       query Cheap { ping }`,
    );
    const run = (variables: Record<string, unknown> | undefined, operationName?: string) =>
      costs.check(schema, document, { variables, operationName })?.extensions.i18nParams ?? null;
    // n = 20 with m's default of 100: 2 + 20 * (4 + 100 * 2) = 4082; n = 30: 6122.
    expect(run({ n: 20 }, 'Dear')).toBeNull();
    expect(run({ n: 30 }, 'Dear')).toEqual({ cost: 6122, max: 5000 });
    expect(run({ n: 20, name: 'anything' }, 'Dear')).toBeNull();
    expect(run({ n: 30 }, 'Cheap')).toBeNull();
    expect(run({ n: 20, m: 25 }, 'Dear')).toBeNull();
    expect(run({ n: 30, m: null }, 'Dear')).toEqual({ cost: 6122, max: 5000 });
    expect(run({ n: 1000 }, 'Dear')).toEqual({ cost: 2 + 100 * 204, max: 5000 });
    expect(limits.defaultPageSize).toBe(20);
    expect(run({ n: 'many' }, 'Dear')).toBeNull(); // not a number: the default page size, as n = 20
    // Once more, now from what was kept: the same answers.
    expect(run({ n: 20 }, 'Dear')).toBeNull();
    expect(run({ n: 30 }, 'Dear')).toEqual({ cost: 6122, max: 5000 });
  });
});

describe('document size', () => {
  it('counts tokens like the parser (punctuators, names, values; not comments or commas)', () => {
    expect(countTokens('{ ping }')).toBe(3);
    expect(countTokens('# comment\n{ a, b, c(x: "s", y: 1.5) }')).toBe(13);
    expect(countTokens('')).toBe(0);
  });

  it('stops counting just past the limit', () => {
    expect(countTokens('{ ' + 'a '.repeat(10_000) + '}', 100)).toBe(101);
  });

  it('leaves lexing errors to the parser', () => {
    expect(countTokens('{ a "unterminated')).toBe(2);
  });

  it('rejects too many tokens and too long a document with their i18n keys', () => {
    const small = { maxTokens: 10, maxDocumentLength: 100 };
    expect(() => assertDocumentSize('{ a b c }', small)).not.toThrow();
    const tooManyTokens = catchError(() => assertDocumentSize('{ a b c d e f g h i j }', small));
    expect(tooManyTokens.extensions).toEqual({ i18nKey: 'graphql:tooManyTokens', i18nParams: { max: 10 } });
    const tooLong = catchError(() => assertDocumentSize(`{ a } # ${'x'.repeat(100)}`, small));
    expect(tooLong.extensions).toEqual({
      i18nKey: 'graphql:documentTooLong',
      i18nParams: { length: 108, max: 100 },
    });
  });
});

function catchError(fn: () => void): GraphQLError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected an error');
}
