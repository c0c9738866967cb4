'use strict';
/**
 * SPEC §6: embedded start (`npm start`, warm data dir) ≤ 5 s to healthy; idle RSS ≤ 250 MB.
 * Baseline in the same run: a bare Fastify server with one /health route, started the same way.
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { freePort, startProcess, waitForHealth, rssMiB, stop } = require('./lib');

const BARE = `
const app = require('fastify')();
app.get('/health', async () => ({ status: 'ok' }));
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

async function measure(args, env, idleMs = 3000) {
  const port = await freePort();
  const child = startProcess(args, { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const ms = await waitForHealth(`http://127.0.0.1:${port}/health`, child);
  await new Promise((r) => setTimeout(r, idleMs));
  const rss = rssMiB(child.pid);
  const code = await stop(child);
  return { ms, rss, code };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'enlace-bench-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  try {
    const cold = await measure(['dist/apps/api/src/main.js'], env);
    const warm = [];
    for (let i = 0; i < 3; i += 1) warm.push(await measure(['dist/apps/api/src/main.js'], env));
    const bare = [];
    for (let i = 0; i < 3; i += 1) bare.push(await measure(['-e', BARE], {}, 500));
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const warmMs = median(warm.map((w) => w.ms));
    const warmRss = median(warm.map((w) => w.rss));
    const bareMs = median(bare.map((b) => b.ms));
    const bareRss = median(bare.map((b) => b.rss));
    const result = {
      benchmark: 'embedded-start',
      coldStartMs: cold.ms,
      warmStartMs: warmMs,
      idleRssMiB: Number(warmRss.toFixed(1)),
      baselineBareFastifyStartMs: bareMs,
      baselineBareFastifyRssMiB: Number(bareRss.toFixed(1)),
      startRatioVsBaseline: Number((warmMs / bareMs).toFixed(1)),
      exitCodesOnSigterm: warm.map((w) => w.code),
      targets: { warmStartMs: 5000, idleRssMiB: 250 },
      meetsTargets: warmMs <= 5000 && warmRss <= 250,
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
module.exports = { main };
