import type { Tx } from '../database/transaction.runner';

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
 * person, on every process. With no subscriber (the worker process) nothing happens.
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
