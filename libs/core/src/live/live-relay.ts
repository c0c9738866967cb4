import type { LiveSignal, LiveTarget } from './live-bus';

/**
 * The Redis pub/sub channel on which a process that holds no sockets (the worker: jobs, digests,
 * vacancy alerts) relays what its services publish on the `LiveBus`. Every api process subscribes
 * and delivers each relayed signal to its own sockets only, so a signal reaches each socket once
 * (a signal published in an api process goes through the Socket.IO adapter instead).
 */
export const LIVE_RELAY_CHANNEL = 'enlace:live:relay';

/** A relayed signal as it travels: plain JSON, versioned so that a mixed deployment drops what it cannot read. */
export function encodeRelayedSignal(signal: LiveSignal): string {
  return JSON.stringify({ v: 1, signal });
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 100;

function isTarget(value: unknown): value is LiveTarget {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return isId(t.channelId) || isId(t.personId) || isId(t.sessionId) || isId(t.networkId);
}

/** The signal a relay message carries, or null for anything else (a message is never trusted blindly). */
export function decodeRelayedSignal(text: string): LiveSignal | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  const signal = (message as { v?: unknown; signal?: unknown } | null)?.signal as Record<string, unknown> | undefined;
  if ((message as { v?: unknown }).v !== 1 || typeof signal !== 'object' || signal === null) return null;
  switch (signal.kind) {
    case 'emit':
      return isTarget(signal.target) && typeof signal.event === 'string' ? (signal as unknown as LiveSignal) : null;
    case 'leave':
      return isId(signal.personId) && isId(signal.channelId) ? (signal as unknown as LiveSignal) : null;
    case 'disconnect':
    case 'revalidate':
      return isTarget(signal.target) ? (signal as unknown as LiveSignal) : null;
    default:
      return null;
  }
}
