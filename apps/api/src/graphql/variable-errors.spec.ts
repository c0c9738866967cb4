import { buildSchema, parse } from 'graphql';
import { literalFieldErrors, variableFieldErrors } from './variable-errors';

const schema = buildSchema(`
  enum Role { FOCAL_POINT OBSERVER }
  input Contact { kind: String!, value: String! }
  input PersonInput { name: String!, role: Role, contacts: [Contact!], age: Int }
  type Query { person(input: PersonInput!, first: Int, id: ID!): Int }
`);
const document = parse('query ($i: PersonInput!, $first: Int, $id: ID!) { person(input: $i, first: $first, id: $id) }');

describe('variableFieldErrors', () => {
  it('names each bad field relative to its variable, or the variable itself', () => {
    const errors = variableFieldErrors(schema, document, undefined, {
      i: { role: 'KING', contacts: [{ kind: 'email', value: 'a@b.c' }, { kind: 'phone' }], age: 'old', extra: 1 },
      first: 1.5,
    });
    expect(errors).toEqual([
      { field: 'name', key: 'validation:required' },
      { field: 'role', key: 'graphql:unknownEnumValue', params: { value: 'KING', type: 'Role' } },
      { field: 'contacts.1.value', key: 'validation:required' },
      { field: 'age', key: 'validation:wrongType', params: { type: 'Int' } },
      { field: 'extra', key: 'validation:unknownField' },
      { field: 'first', key: 'validation:wrongType', params: { type: 'Int' } },
      { field: 'id', key: 'validation:required' },
    ]);
  });

  it('finds nothing wrong with good variables', () => {
    expect(variableFieldErrors(schema, document, undefined, { i: { name: 'Ana', role: 'OBSERVER' }, id: 7 })).toEqual(
      [],
    );
  });
});

describe('literalFieldErrors', () => {
  it('names each bad inline value relative to its argument, and each missing required argument', () => {
    const inline = parse(
      '{ person(input: { role: KING, contacts: [{ kind: "email", value: "a@b.c" }, { kind: "phone" }], age: "old", extra: 1 }, first: 1.5) }',
    );
    expect(literalFieldErrors(schema, inline, undefined)).toEqual([
      { field: 'name', key: 'validation:required' },
      { field: 'role', key: 'graphql:unknownEnumValue', params: { value: 'KING', type: 'Role' } },
      { field: 'contacts.1.value', key: 'validation:required' },
      { field: 'age', key: 'validation:wrongType', params: { type: 'Int' } },
      { field: 'extra', key: 'validation:unknownField' },
      { field: 'first', key: 'validation:wrongType', params: { type: 'Int' } },
      { field: 'id', key: 'validation:required' },
    ]);
  });

  it('finds nothing wrong with good inline values, or with variables', () => {
    expect(literalFieldErrors(schema, parse('{ person(input: { name: "Ana", role: OBSERVER }, id: 7) }'), {})).toEqual(
      [],
    );
    expect(literalFieldErrors(schema, document, {})).toEqual([]);
  });
});
