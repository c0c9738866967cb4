import { Server } from 'socket.io';
import { SessionAwareAdapter } from 'socket.io-adapter';
import { LiveMemoryAdapter } from './live-memory.adapter';

/** A Socket.IO server with connection-state recovery (no HTTP server: none of engine.io's timers). */
function server(adapter: typeof SessionAwareAdapter): Server {
  return new Server({ adapter, connectionStateRecovery: { maxDisconnectionDuration: 60_000 } });
}

describe('LiveMemoryAdapter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('leaves no timer behind once its server is closed (socket.io-adapter’s own keeps one per namespace)', async () => {
    const ours = server(LiveMemoryAdapter);
    ours.of('/live');
    expect(jest.getTimerCount()).toBe(2); // the expiry of '/' and of '/live'
    for (const nsp of ours._nsps.values()) await nsp.adapter.close();
    expect(jest.getTimerCount()).toBe(0);

    const theirs = server(SessionAwareAdapter);
    for (const nsp of theirs._nsps.values()) await nsp.adapter.close();
    expect(jest.getTimerCount()).toBe(1); // what held every closed app (and, in jest, its test file)
    jest.clearAllTimers();
  });
});
