import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../process/startup-error';

/** The embedded database serves exactly one process: a second one on the same files would lose writes. */
export class DataDirInUseError extends StartupError {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${pid}. The embedded database serves one process at a time: ` +
        'stop that process first (npm run seed:demo and npm run migrate too), or run several processes against ' +
        'PostgreSQL with DATABASE_URL.',
    );
    this.name = 'DataDirInUseError';
  }
}

const LOCK_FILE = 'enlace.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims `dataDir` for this process with a pid file; a file left by a process that no longer runs
 * (a crash, a kill -9) is taken over. Returns the function that releases the claim.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
      unlinkSync(path); // stale: its process is gone
    }
  }
  throw new DataDirInUseError(dataDir, Number(readFileSync(path, 'utf8')));
}
