import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '@enlace/core';

const ROOT = projectRoot();
/**
 * `npm run build` into its own directory: the same compiler, configuration and path rewriting, but
 * out of the way of anyone building or running `dist/` meanwhile.
 */
const OUT_DIR = join(ROOT, 'dist/e2e');
/** What `npm start` runs (`dist/apps/api/src/main.js` in a normal build). */
export const BUILT_MAIN = join(OUT_DIR, 'apps/api/src/main.js');
/** What `npm run outbox` runs. */
export const BUILT_OUTBOX = join(OUT_DIR, 'apps/api/src/outbox.js');
const STAMP = join(OUT_DIR, '.build-stamp');
const LOCK = join(ROOT, 'dist/.e2e-build-lock');
const SOURCES = ['apps', 'libs', 'migrations'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCES) if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
  for (const file of CONFIG_FILES) newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  return newest;
}

function isFresh(): boolean {
  return existsSync(BUILT_MAIN) && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSourceMtime();
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the server like `npm run build` (tsc, then tsc-alias) when the build is missing or older
 * than a source file. Jest workers running several such test files at once build once: the others wait
 * on a lock directory.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  mkdirSync(OUT_DIR, { recursive: true });
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (isFresh()) return;
      const lockAge = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (lockAge > 300_000) rmSync(LOCK, { force: true, recursive: true });
      rmSync(LOCK, { force: true, recursive: true });
      if (Date.now() > deadline) throw new Error(`gave up waiting for another build (${LOCK})`);
      sleep(250);
    }
  }
  try {
    if (isFresh()) return;
    const started = Date.now();
    const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
    try {
      const args = ['-p', 'tsconfig.build.json', '--outDir', OUT_DIR];
      execFileSync(bin('tsc'), args, { cwd: ROOT, stdio: 'pipe' });
      execFileSync(bin('tsc-alias'), args, { cwd: ROOT, stdio: 'pipe' });
    } catch (error) {
      const output = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`npm run build failed:\n${String(output.stdout ?? '')}${String(output.stderr ?? '')}`, {
        cause: error,
      });
    }
    // The stamp bears the time the build started: a source saved during the build makes it stale.
    writeFileSync(STAMP, new Date(started).toISOString());
    utimesSync(STAMP, new Date(started), new Date(started));
  } finally {
    rmSync(LOCK, { force: true, recursive: true });
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface BuiltServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built `main.js` (with `args`, as `npm start -- <args>` would) with exactly the given
 * environment (plus PATH and HOME; nothing else of the test runner's, so no stray DATABASE_URL) and
 * waits for `GET /health` 200.
 */
export async function startBuiltServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
  args: readonly string[] = [],
): Promise<BuiltServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [BUILT_MAIN, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const url = `http://127.0.0.1:${port}`;
  const server: BuiltServer = {
    url,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (!hasExited) child.kill(signal);
      return exited;
    },
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited) throw new Error(`the server exited before it was healthy:\n${output}`);
    const status = await fetch(`${url}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return server;
    if (Date.now() > deadline) {
      await server.stop('SIGKILL');
      throw new Error(`the server was not healthy within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
