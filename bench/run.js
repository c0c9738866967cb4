'use strict';
/** `npm run bench`: every benchmark, one after the other, each with its own baseline in the same run. */
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const BENCHMARKS = ['./embedded-start', './graphql-throughput', './chat-fanout', './directory-search', './import-ping'];

async function main() {
  const only = process.argv.slice(2);
  const results = [];
  for (const name of BENCHMARKS) {
    if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
    results.push(await require(name).main());
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`results written to ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
