/**
 * Where a live signal goes: the sockets of one channel's room, of one person, or of one session.
 * Whatever carries it (the Socket.IO gateway in apps/api) reaches every process through its adapter.
 */
export type LiveTarget =
  { readonly channelId: string } | { readonly personId: string } | { readonly sessionId: string };

export type LiveSignal =
  /** Deliver `event` with `payload` (plain JSON) to the target's open sockets. */
  | { readonly kind: 'emit'; readonly target: LiveTarget; readonly event: string; readonly payload: unknown }
  /** The person lost access to a channel: their sockets leave its room at once. */
  | { readonly kind: 'leave'; readonly personId: string; readonly channelId: string }
  /** The target's credentials or memberships changed: close its sockets (they must reconnect and re-authorise). */
  | { readonly kind: 'disconnect'; readonly target: { readonly personId: string } | { readonly sessionId: string } }
  /**
   * What the network's members may read changed (a partnership ended): the open sockets of its members
   * re-check their channel rooms at once and leave those they may no longer read.
   */
  | { readonly kind: 'revalidate'; readonly target: { readonly networkId: string } };

export type LiveListener = (signal: LiveSignal) => void;

/**
 * A small in-process publisher between the libraries and the live transport, so that libraries never
 * import Socket.IO: services publish after their transaction commits (a signal never describes
 * something that may still roll back), the gateway subscribes and forwards.
 *
 * For other contexts: `live.toPerson(personId, 'notification:new', payload)` pushes an event to every
 * open socket of that person, on every process.
 */
export class LiveBus {
  private readonly listeners = new Set<LiveListener>();

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(signal: LiveSignal): void {
    for (const listener of this.listeners) {
      try {
        listener(signal);
      } catch {
        // A transport's failure never undoes a committed change; the transport logs its own errors.
      }
    }
  }

  toPerson(personId: string, event: string, payload: unknown): void {
    this.publish({ kind: 'emit', target: { personId }, event, payload });
  }

  toChannel(channelId: string, event: string, payload: unknown): void {
    this.publish({ kind: 'emit', target: { channelId }, event, payload });
  }
}
