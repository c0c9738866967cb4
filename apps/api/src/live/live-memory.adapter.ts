import type { Namespace } from 'socket.io';
import { SessionAwareAdapter } from 'socket.io-adapter';

/**
 * Socket.IO's in-memory adapter with connection-state recovery (the rooms of one process, used
 * without `REDIS_URL`), closed for good when its server is. socket.io-adapter's own starts an
 * interval in its constructor (every minute, it forgets sessions and packets past the recovery
 * window) and never clears it: its `close()` is empty (2.5.8 and 2.5.9 alike). The interval holds
 * the adapter, so its namespace, server and everything they reach outlived each closed app: in a
 * process that builds and closes apps, the whole of every app (in jest, every test file's modules,
 * ~40 MB a file). This one keeps the interval its constructor starts and clears it in `close()`.
 */
export class LiveMemoryAdapter extends SessionAwareAdapter {
  private readonly expiry: ReturnType<typeof setInterval> | undefined;

  constructor(nsp: Namespace) {
    // The interval is a local of the parent's constructor: catch it as it is started (synchronously,
    // and the global is back before anything else runs).
    const started: ReturnType<typeof setInterval>[] = [];
    const setIntervalOf = globalThis.setInterval;
    globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
      const timer = setIntervalOf(...args);
      started.push(timer);
      return timer;
    }) as typeof setInterval;
    try {
      super(nsp);
    } finally {
      globalThis.setInterval = setIntervalOf;
    }
    this.expiry = started[0];
  }

  override close(): void {
    clearInterval(this.expiry);
    super.close();
  }
}
