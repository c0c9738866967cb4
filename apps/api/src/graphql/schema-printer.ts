import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { join } from 'node:path';
import { projectRoot } from '@enlace/core';
import { RESOLVERS } from '../resolvers';

/** The committed schema: the reference for clients (SPEC §5). */
export const SCHEMA_FILE = join(projectRoot(), 'schema.gql');

const HEADER =
  '# The Enlace GraphQL schema, generated from the resolvers by `npm run schema`: do not edit by hand.\n' +
  '# `npm run schema:check` (part of `npm test`) fails when it differs from the code.\n\n';

/**
 * Builds the API's schema from `RESOLVERS` the way the running server does (code first, types sorted),
 * without a database or an HTTP server.
 */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await context.get(GraphQLSchemaFactory).create(RESOLVERS);
    return lexicographicSortSchema(schema);
  } finally {
    await context.close();
  }
}

/** The text of `schema.gql` for a schema. */
export function schemaFileText(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
