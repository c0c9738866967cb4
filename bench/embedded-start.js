'use strict';
/**
 * SPEC §6: embedded start from the README's command (`npm start`, nothing changed since the last
 * start, warm data dir) ≤ 5 s to healthy; idle RSS of the server process ≤ 250 MB (238 MiB) after
 * 20 s. `npm start` here is the whole command a person types: npm, the build check (scripts/build.js
 * --if-stale: nothing to build) and the server. Baseline in the same run: a bare Fastify server with
 * one /health route, started with node. BENCH_IDLE_S: seconds idle before RSS is read (20).
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');
const { ROOT, freePort, startProcess, waitForHealth, rssMiB, stop } = require('./lib');

const IDLE_MS = Number(process.env.BENCH_IDLE_S ?? 20) * 1000;
const MIB = 1024 * 1024;

const BARE = `
const app = require('fastify')();
app.get('/health', async () => ({ status: 'ok' }));
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

/** `npm start` as the README runs it (the same environment, LOG_LEVEL=warn). */
function npmStart(env) {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stderrText = () => stderr;
  return child;
}

/** The pid of the api process under `npm start` (npm → sh → exec node …/main.js). */
function serverPid(rootPid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      /* gone */
    }
  }
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/apps/api/src/main.js')) return pid;
    } catch {
      /* gone */
    }
    queue.push(...(children.get(pid) ?? []));
  }
  throw new Error('no api process under npm start');
}

/** CPU (user + system, ms) a process used, with its waited-for children's when `children`. */
function cpuMs(pid, children = false) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
  return ticks * 10; // clock ticks of 10 ms (USER_HZ 100)
}

async function measure(start, idleMs) {
  const port = await freePort();
  const child = start(String(port));
  const ms = await waitForHealth(`http://127.0.0.1:${port}/health`, child);
  const pid = start === startBare ? child.pid : serverPid(child.pid);
  // npm's own CPU, and the server's with what its shell ran before exec (the build check).
  const cpu = pid === child.pid ? cpuMs(pid) : cpuMs(child.pid) + cpuMs(pid, true);
  await new Promise((r) => setTimeout(r, idleMs));
  const rss = rssMiB(pid);
  let code;
  if (pid === child.pid) code = await stop(child);
  else {
    // The server's own graceful shutdown; npm exits with its status.
    const exited = new Promise((resolve) => child.once('exit', (status) => resolve(status)));
    process.kill(pid, 'SIGTERM');
    code = await exited;
  }
  return { ms, cpu, rss, code };
}

let dataDir;
const startEnlace = (port) => npmStart({ DATA_DIR: dataDir, DATABASE_URL: '', PORT: port, HOST: '127.0.0.1' });
const startBare = (port) => startProcess(['-e', BARE], { PORT: port, HOST: '127.0.0.1' });

async function main() {
  dataDir = mkdtempSync(join(tmpdir(), 'enlace-bench-'));
  try {
    const cold = await measure(startEnlace, 0); // a new data directory: migrations, bootstrap
    const warm = [];
    for (let i = 0; i < 3; i += 1) warm.push(await measure(startEnlace, IDLE_MS));
    const bare = [];
    for (let i = 0; i < 3; i += 1) bare.push(await measure(startBare, 500));
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const warmMs = median(warm.map((w) => w.ms));
    const warmRss = median(warm.map((w) => w.rss));
    const bareMs = median(bare.map((b) => b.ms));
    const bareRss = median(bare.map((b) => b.rss));
    const result = {
      benchmark: 'embedded-start',
      command: 'npm start (README), nothing changed since the last build',
      coldStartMs: cold.ms,
      warmStartMs: warmMs,
      warmStartsMs: warm.map((w) => w.ms),
      // Load-independent: the CPU the whole command used until healthy (npm, build check, server).
      warmStartCpuMs: median(warm.map((w) => w.cpu)),
      loadAverage1m: Number(loadavg()[0].toFixed(1)),
      idleSeconds: IDLE_MS / 1000,
      idleRssMiB: Number(warmRss.toFixed(1)),
      idleRssMB: Number(((warmRss * MIB) / 1e6).toFixed(1)),
      idleRssesMiB: warm.map((w) => Number(w.rss.toFixed(1))),
      baselineBareFastifyStartMs: bareMs,
      baselineBareFastifyRssMiB: Number(bareRss.toFixed(1)),
      startRatioVsBaseline: Number((warmMs / bareMs).toFixed(1)),
      exitCodesOnSigterm: warm.map((w) => w.code),
      targets: { warmStartMs: 5000, idleRssMiB: 238, idleRssMB: 250 },
      meetsTargets: warmMs <= 5000 && warmRss <= 238,
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
