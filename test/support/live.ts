import { io, Socket } from 'socket.io-client';

/** How long a test waits for an event or an acknowledgement before failing (never a sleep). */
export const EVENT_TIMEOUT_MS = 5_000;

export interface LiveClientOptions {
  readonly lang?: string;
  readonly origin?: string;
  readonly transports?: ('websocket' | 'polling')[];
}

/** A Socket.IO client on `/live` that records every server event it receives, in order. */
export interface LiveClient {
  readonly socket: Socket;
  readonly received: { event: string; payload: unknown }[];
  ack<T = Record<string, unknown>>(event: string, ...args: unknown[]): Promise<T>;
  next<T = unknown>(event: string, predicate?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

function wrap(socket: Socket): LiveClient {
  const received: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  return {
    socket,
    received,
    ack<T>(event: string, ...args: unknown[]) {
      return socket.timeout(EVENT_TIMEOUT_MS).emitWithAck(event, ...args) as Promise<T>;
    },
    next<T>(event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = EVENT_TIMEOUT_MS) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off(event, listener);
          reject(new Error(`no "${event}" within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (payload: T) => {
          if (!predicate(payload)) return;
          clearTimeout(timer);
          socket.off(event, listener);
          resolve(payload);
        };
        socket.on(event, listener);
      });
    },
    close() {
      socket.disconnect();
    },
  };
}

function open(url: string, token: string | undefined, options: LiveClientOptions): Socket {
  return io(`${url}/live`, {
    auth: token === undefined ? {} : { token },
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: {
      ...(options.lang ? { 'accept-language': options.lang } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    },
  });
}

/** Connects and resolves once the server accepted the handshake. */
export function connectLive(url: string, token: string, options: LiveClientOptions = {}): Promise<LiveClient> {
  const socket = open(url, token, options);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no connection')), EVENT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(wrap(socket));
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(error);
    });
  });
}

/** Resolves with the connect error the server answered (and fails if the connection is accepted). */
export function connectRefused(
  url: string,
  token: string | undefined,
  options: LiveClientOptions = {},
): Promise<Error & { data?: { code: string; message: string } }> {
  const socket = open(url, token, options);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('neither connected nor refused')), EVENT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.disconnect();
      reject(new Error('connection accepted'));
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.disconnect();
      resolve(error as Error & { data?: { code: string; message: string } });
    });
  });
}

/** Resolves when the server closes this socket (with the reason socket.io-client gives). */
export function disconnected(client: LiveClient, timeoutMs = EVENT_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!client.socket.connected) return resolve('already disconnected');
    const timer = setTimeout(() => reject(new Error('still connected')), timeoutMs);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Awaits a condition checked every 20 ms, failing after `timeoutMs` (for state without an event to await). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = EVENT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
