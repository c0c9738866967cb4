import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enlace-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second claim while the first holder runs, and frees the directory on release', () => {
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'enlace.pid'), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${process.pid}`));
    release();
    expect(existsSync(join(dir, 'enlace.pid'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a claim left by a process that no longer runs', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, 'enlace.pid'), gone);
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'enlace.pid'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
