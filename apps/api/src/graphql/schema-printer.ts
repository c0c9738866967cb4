import { Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory, RESOLVER_NAME_METADATA } from '@nestjs/graphql';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { join } from 'node:path';
import { projectRoot } from '@enlace/core';
import { API_MODULES } from '../api-modules';

/** The committed schema: the reference for clients (SPEC §5). */
export const SCHEMA_FILE = join(projectRoot(), 'schema.gql');

const HEADER =
  '# The Enlace GraphQL schema, generated from the resolvers by `npm run schema`: do not edit by hand.\n' +
  '# `npm run schema:check` (part of `npm test`) fails when it differs from the code.\n\n';

/** The resolver classes the api modules register (read from their metadata: nothing is instantiated). */
export function resolversOf(modules: readonly Type[]): Type[] {
  return modules.flatMap((module) => {
    const providers = (Reflect.getMetadata(MODULE_METADATA.PROVIDERS, module) ?? []) as unknown[];
    return providers.filter(
      (p): p is Type => typeof p === 'function' && Reflect.hasMetadata(RESOLVER_NAME_METADATA, p),
    );
  });
}

/**
 * Builds the API's schema from the api modules' resolvers the way the running server does (code
 * first, types sorted), without a database or an HTTP server.
 */
export async function buildApiSchema(modules: readonly Type[] = API_MODULES): Promise<GraphQLSchema> {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await context.get(GraphQLSchemaFactory).create(resolversOf(modules));
    return lexicographicSortSchema(schema);
  } finally {
    await context.close();
  }
}

/** The text of `schema.gql` for a schema. */
export function schemaFileText(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
