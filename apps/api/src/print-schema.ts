import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildApiSchema, SCHEMA_FILE, schemaFileText } from './graphql/schema-printer';

/** The first line where two texts differ, for a helpful message. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) {
      return `line ${i + 1}:\n  committed: ${left[i] ?? '(end of file)'}\n  from code: ${right[i] ?? '(end of file)'}`;
    }
  }
  return '';
}

/**
 * `npm run schema` writes `schema.gql` from the resolvers; `npm run schema:check` (`--check`) exits 1
 * when the committed file differs from what the code gives.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const text = schemaFileText(await buildApiSchema());
  const file = relative(process.cwd(), SCHEMA_FILE) || SCHEMA_FILE;
  if (!check) {
    writeFileSync(SCHEMA_FILE, text);
    process.stdout.write(`wrote ${file}\n`);
    return;
  }
  const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : null;
  if (committed === text) {
    process.stdout.write(`${file} is up to date\n`);
    return;
  }
  process.stderr.write(
    committed === null
      ? `${file} is missing: run \`npm run schema\` and commit it.\n`
      : `${file} is out of date with the resolvers: run \`npm run schema\` and commit the result.\n` +
          `First difference, ${firstDifference(committed, text)}\n`,
  );
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`print-schema failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
