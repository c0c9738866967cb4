import { GraphQLSchemaHost } from '@nestjs/graphql';

import { buildApiSchema, schemaFileText } from '../apps/api/src/graphql/schema-printer';
import { startTestApp, TestApp } from './support/test-app';

/** `schema.gql` is printed without a database from the api modules' resolvers: it must be exactly what the server serves. */
describe('schema.gql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is printed from the same schema the running server serves (no resolver missing from an api module)', async () => {
    const served = t.app.get(GraphQLSchemaHost).schema;
    expect(schemaFileText(await buildApiSchema())).toBe(schemaFileText(served));
  });
});
