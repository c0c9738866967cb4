import { createTemplateDatabase } from './test-database';

/**
 * Globals that loading TypeORM here (in jest's own realm, to migrate the template) leaves behind.
 * jest copies every global of its realm into each test file's, so a test file's TypeORM would find
 * this one and register its entity classes in it: the one store, never collected, would keep every
 * file's modules (~40 MB a file) for the whole run.
 */
const REALM_GLOBALS = ['typeormMetadataArgsStorage'];

export default async function globalSetup(): Promise<void> {
  await createTemplateDatabase();
  for (const name of REALM_GLOBALS) delete (globalThis as Record<string, unknown>)[name];
}
