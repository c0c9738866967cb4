import type { Tx } from '../database/transaction.runner';

/**
 * Where a live signal goes: the sockets of one channel's room, of one person, or of one session.
 * Whatever carries it (the Socket.IO gateway in apps/api) reaches every process through its adapter.
 */
export type LiveTarget =
  { readonly channelId: string } | { readonly personId: string } | { readonly sessionId: string };

export type LiveSignal =
  /**
   * Deliver `event` with `payload` (plain JSON) to the target's open sockets, except those of
   * `exceptPersonId` (the sender of a typing signal hears no echo of it, in any of their tabs).
   */
  | {
      readonly kind: 'emit';
      readonly target: LiveTarget;
      readonly event: string;
      readonly payload: unknown;
      readonly exceptPersonId?: string;
    }
  /** The person lost access to a channel: their sockets leave its room at once. */
  | { readonly kind: 'leave'; readonly personId: string; readonly channelId: string }
  /**
   * The target's credentials are gone (signed out, account deleted): close its sockets. Never for a
   * change of what someone may read: that is `revalidate`, which keeps the sockets.
   */
  | { readonly kind: 'disconnect'; readonly target: { readonly personId: string } | { readonly sessionId: string } }
  /**
   * What someone may read changed: a network's members (a partnership ended) or one person (a term
   * of theirs ended: endMembership, a handover, an import, a change of role). Their open sockets
   * re-check their rooms at once, leave those they may no longer read and are told
   * (`channel:removed`); every other room and the connection itself stay.
   */
  | {
      readonly kind: 'revalidate';
      readonly target: { readonly networkId: string } | { readonly personId: string };
      /** Only the sockets of this process (a check every process makes for its own sockets, such as a new day's). */
      readonly local?: boolean;
    };

export type LiveListener = (signal: LiveSignal) => void;

/** Defers work to after a transaction commits (`AfterCommitRepository`). */
export interface AfterCommitHook {
  afterCommit(tx: Tx, callback: () => void): void;
}

/**
 * The one way a service tells the live transport something, so that libraries never import Socket.IO:
 * services publish, the api's live gateway subscribes and relays to rooms through Socket.IO's adapter
 * (with Redis, every process). A signal never describes something that may still roll back:
 * - inside a transaction, pass its `tx`: the signal is held until the outermost transaction commits,
 *   and dropped if it rolls back (a notification recorded in another context's transaction, say);
 * - without `tx`, it goes at once: the caller has already committed (after `TransactionRunner.run`
 *   returned) or writes nothing (typing).
 *
 * `live.toPerson(personId, 'notification:new', payload, tx)` reaches every open socket of that
 * person, on every process. The worker holds no sockets: with `REDIS_URL` its relay (apps/worker)
 * publishes each signal on `LIVE_RELAY_CHANNEL` and every api process delivers it to its own sockets.
 */
export class LiveBus {
  private readonly listeners = new Set<LiveListener>();

  constructor(private readonly commits?: AfterCommitHook) {}

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(signal: LiveSignal, tx?: Tx): void {
    if (tx && this.commits) this.commits.afterCommit(tx, () => this.deliver(signal));
    else this.deliver(signal);
  }

  toPerson(personId: string, event: string, payload: unknown, tx?: Tx): void {
    this.publish({ kind: 'emit', target: { personId }, event, payload }, tx);
  }

  toChannel(channelId: string, event: string, payload: unknown, tx?: Tx): void {
    this.publish({ kind: 'emit', target: { channelId }, event, payload }, tx);
  }

  /** To a channel's room, but none of `personId`'s own sockets (what they did themselves: typing). */
  toChannelExcept(channelId: string, personId: string, event: string, payload: unknown): void {
    this.publish({ kind: 'emit', target: { channelId }, event, payload, exceptPersonId: personId });
  }

  private deliver(signal: LiveSignal): void {
    for (const listener of this.listeners) {
      try {
        listener(signal);
      } catch {
        // A transport's failure never undoes a committed change; the transport logs its own errors.
      }
    }
  }
}
