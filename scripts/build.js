'use strict';
/**
 * The build (`npm run build`): `tsc -p tsconfig.build.json`, then `tsc-alias` (the `@enlace/*` paths),
 * into dist/. With `--if-stale` (`npm start` and the other process entries) it builds only when dist/
 * is not the build of the sources as they are now, so that a start with nothing changed costs no
 * compilation and a start after any change never serves the old code.
 *
 * "As they are now" is a SHA-256 over every file under apps/, libs/ and migrations/ and over the
 * files that steer the compiler or the dependencies (package.json, package-lock.json, tsconfig*.json),
 * paths included (a renamed or deleted file counts). A successful build writes that digest, taken
 * before it began, to dist/.build-inputs; a build that fails, or sources that change while it runs,
 * leave a digest that no longer matches, so the next start builds again. Each compiled source's
 * output must also still be in dist/.
 */
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, relative, sep } = require('node:path');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-inputs');
const SOURCE_DIRS = ['apps', 'libs', 'migrations'];
const STEERING = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
/** Sources tsconfig.build.json leaves out (tests and the test kit): hashed, but with no output to expect. */
const NOT_BUILT = [/\.spec\.ts$/, /\.int-spec\.ts$/, /\.int-fixture\.ts$/, /^libs\/testing\//];

function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function inputs() {
  const files = SOURCE_DIRS.flatMap((dir) => filesUnder(join(ROOT, dir)));
  files.push(...STEERING.map((name) => join(ROOT, name)).filter((path) => existsSync(path)));
  return files.map((path) => relative(ROOT, path).split(sep).join('/')).sort();
}

function digest(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(ROOT, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** The compiled output of each built source is there. */
function outputsPresent(files) {
  return files
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !NOT_BUILT.some((re) => re.test(file)))
    .every((file) => existsSync(join(DIST, file.replace(/\.ts$/, '.js'))));
}

function run(bin, args) {
  const result = spawnSync(process.execPath, [require.resolve(bin), ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main() {
  const ifStale = process.argv.includes('--if-stale');
  const files = inputs();
  const current = digest(files);
  if (ifStale && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === current && outputsPresent(files)) return;
  rmSync(STAMP, { force: true });
  run('typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
  run('tsc-alias/dist/bin/index.js', ['-p', 'tsconfig.build.json']);
  writeFileSync(STAMP, `${current}\n`);
}

main();
