'use strict';
/**
 * `npm run bench`: every benchmark, one after the other, each with its own baseline in the same run.
 * Writes the raw results to bench/results/<time>.json and one table (figure, Enlace, baseline, ratio,
 * target, load average during the run) to bench/RESULTS.md, keeping what follows its NOTES marker
 * (the closing notes, written by hand: what a figure that misses its target comes from).
 * `node bench/run.js directory` runs the benchmarks whose names contain one of the arguments.
 */
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { cpus, loadavg } = require('node:os');
const { join } = require('node:path');

const BENCHMARKS = [
  './embedded-start',
  './graphql-throughput',
  './chat-fanout',
  './directory-search',
  './import-ping',
  './pdf-ping',
  './capacity',
  './action-plans-dashboard',
];
/** How each benchmark's figures begin: a run of some benchmarks keeps the others' rows of the last table. */
const FIGURE_PREFIX = {
  'embedded-start': 'embedded start',
  'graphql-throughput': '{ me }',
  'chat-fanout': ['chat fan-out', 'chat message'],
  'directory-search': 'directory search',
  'import-ping': '{ ping }',
  'pdf-ping': 'PDF downloads:',
  capacity: 'capacity:',
  'action-plans-dashboard': 'action-plans dashboard',
};
const MIB_TO_MB = 1.048576;
const NOTES = '<!-- notes: kept by bench/run.js -->';

const round = (x, digits = 2) => (typeof x === 'number' ? Number(x.toFixed(digits)) : x);

/** Rows of a result that brings none of its own (the benchmarks that predate the table). */
function rowsOf(result) {
  if (Array.isArray(result.rows)) return result.rows;
  switch (result.benchmark) {
    case 'embedded-start':
      return [
        {
          figure: 'embedded start, warm, to healthy (ms)',
          value: result.warmStartMs,
          baseline: result.baselineBareFastifyStartMs,
          ratio: result.startRatioVsBaseline,
          target: '≤ 5000',
          met: result.warmStartMs <= 5000,
        },
        {
          figure: 'embedded start, idle RSS (MB)',
          value: round(result.idleRssMiB * MIB_TO_MB, 1),
          baseline: round(result.baselineBareFastifyRssMiB * MIB_TO_MB, 1),
          ratio: round(result.idleRssMiB / result.baselineBareFastifyRssMiB),
          target: '≤ 250 (238 MiB)',
          met: result.idleRssMiB * MIB_TO_MB <= 250,
        },
      ];
    case 'import-ping':
      return [
        {
          figure: `{ ping } p99 during 20,000-row dry runs (ms)`,
          value: result.duringImport.p99Ms,
          baseline: result.baselineNoImport.p99Ms,
          ratio: result.p99Ratio,
          target: result.target,
          met: result.meetsTarget,
        },
      ];
    default:
      return [{ figure: result.benchmark, value: null, baseline: null, ratio: null, target: null, met: null }];
  }
}

const cell = (x) => (x === null || x === undefined ? '–' : String(x).replace(/\|/g, '\\|'));

/** The rows of the last table that none of this run's benchmarks writes again, and their benchmarks. */
function keptRows(previous, runs) {
  const ran = new Set(runs.map((r) => r.result.benchmark));
  const kept = [];
  const names = new Set();
  for (const line of previous.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| figure |')) continue;
    const figure = line.slice(2);
    const owner = Object.keys(FIGURE_PREFIX).find((name) =>
      [FIGURE_PREFIX[name]].flat().some((prefix) => figure.startsWith(prefix)),
    );
    if (!owner || ran.has(owner)) continue;
    kept.push(line);
    names.add(`${owner} (an earlier run)`);
  }
  return { kept, names: [...names] };
}

function table(runs, previous) {
  const { kept, names } = keptRows(previous, runs);
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString()} (${cpus().length} cores, Node ${process.version}).`,
    'Every baseline ran in the same run, on the same machine, right after the figure it is compared with;',
    '"load" is the 1-minute load average at the end of the measurement (the machine is shared: a load above',
    'the number of cores means other work competed for them). Raw figures: `bench/results/`.',
    '',
    `Benchmarks in this run: ${runs.map((r) => r.result.benchmark).join(', ')}.` +
      (names.length > 0 ? ` Kept from the last table: ${names.join(', ')}.` : ''),
    '',
    '| figure | Enlace | baseline | ratio | target | met | load |',
    '|---|---|---|---|---|---|---|',
  ];
  lines.push(...kept);
  for (const { result, load } of runs) {
    for (const row of rowsOf(result)) {
      const met = row.met === true ? 'yes' : row.met === false ? '**no**' : '–';
      lines.push(
        `| ${cell(row.figure)} | ${cell(row.value)} | ${cell(row.baseline)} | ${cell(row.ratio)} | ${cell(row.target)} | ${met} | ${cell(row.loadAverage ?? load)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const only = process.argv.slice(2);
  const runs = [];
  for (const name of BENCHMARKS) {
    if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
    const result = await require(name).main();
    runs.push({ result, load: round(loadavg()[0]) });
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(runs, null, 2));
  const results = join(__dirname, 'RESULTS.md');
  const previous = existsSync(results) ? readFileSync(results, 'utf8') : '';
  const notes = previous.includes(NOTES) ? previous.slice(previous.indexOf(NOTES)) : `${NOTES}\n`;
  const lastTable = previous.includes(NOTES) ? previous.slice(0, previous.indexOf(NOTES)) : previous;
  writeFileSync(results, `${table(runs, lastTable)}\n${notes}`);
  console.log(`results written to ${file} and bench/RESULTS.md`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
