import { Injectable } from '@nestjs/common';
import type { Namespace, RemoteSocket, Socket } from 'socket.io';
import type { Actor } from '@enlace/core';
import { ActorResolver, LiveIdentity } from '../auth/actor-resolver';
import { PERSON_EVENTS } from './live-events';
import { LiveHandlerRegistry, LiveRoomKind } from './live-handler.registry';
import { personRoom } from './live-rooms';

/** What the namespace adapter hands back on recovery (the socket's persisted state and the packets it missed). */
export type RestoredSession = Awaited<ReturnType<Namespace['adapter']['restoreSession']>>;

type AnySocket = Socket | RemoteSocket<Record<string, never>, unknown>;

/**
 * Keeps open and recovered sockets inside what their person may read, for every room kind the
 * contexts registered (`channel:<id>`...): a room is kept only while `kind.readable(actor, id)`.
 */
@Injectable()
export class LiveAccess {
  /** The person checks under way on this process, by person (see `revalidatePerson`). */
  private readonly personChecks = new Map<string, Promise<void>>();

  constructor(
    private readonly actors: ActorResolver,
    private readonly registry: LiveHandlerRegistry,
  ) {}

  /**
   * A session that no longer resolves (by its id) to the same person and live session is not recovered
   * (null: the client connects afresh and meets the middleware). Otherwise only the rooms the person
   * may still read are kept, and only the missed packets of those rooms or addressed to the person.
   */
  async revalidateSession(session: RestoredSession): Promise<RestoredSession | null> {
    const data = session.data as Partial<LiveIdentity> | undefined;
    if (!data || typeof data.sessionId !== 'string') return null;
    const actor = await this.actors.forLiveSession(data);
    if (!actor) return null;
    const allowed = new Set<string>();
    const rooms: typeof session.rooms = [];
    for (const room of session.rooms) {
      const registered = typeof room === 'string' ? this.registry.roomOf(room) : undefined;
      if (!registered) {
        rooms.push(room);
        continue;
      }
      if (await this.readable(actor, registered.kind, registered.id)) {
        allowed.add(room as string);
        rooms.push(room);
      }
    }
    const personId = data.personId as string;
    const missedPackets = session.missedPackets.filter((packet) => this.deliverable(packet, allowed, personId));
    return { ...session, rooms, missedPackets };
  }

  /**
   * Each registered room `socket` is in that `actor` (null: no longer signed in) may no longer read
   * is left, and the socket is told (`channel:removed`).
   */
  async leaveUnreadable(socket: AnySocket, actor: Actor | null): Promise<void> {
    for (const room of [...socket.rooms]) {
      const registered = this.registry.roomOf(room);
      if (!registered) continue;
      const { kind, id } = registered;
      if (actor && (await this.readable(actor, kind, id))) continue;
      socket.leave(room);
      const { event, payload } = kind.removed(id);
      (socket.emit as (event: string, payload: unknown) => boolean)(event, payload);
    }
  }

  /**
   * What a network's members may read changed: every open socket (on every process, through the
   * adapter) in at least one registered room whose person belongs to the network re-checks those
   * rooms. Sessions are resolved once each; sockets in no such room cost nothing.
   */
  async revalidateNetwork(nsp: Namespace, networkId: string, local = false): Promise<void> {
    const here = () => [...nsp.sockets.values()];
    // Without Redis (an outage) or without an answer from every process, this process's sockets at least.
    const sockets: AnySocket[] = local ? here() : await nsp.fetchSockets().catch(here);
    await this.revalidate(sockets, (actor) => actor.memberships.some((m) => m.networkId === networkId));
  }

  /**
   * What one person may read changed (a term of theirs ended): each of their open sockets, on every
   * process (only this one's when `local`), leaves the registered rooms the person may no longer read
   * and is told; the sockets stay connected, with every room still readable.
   */
  revalidatePerson(nsp: Namespace, personId: string, local = false): Promise<void> {
    // One check at a time per person: a second (two terms ended at once) starts once the first has left
    // the rooms, so each lost channel is announced once.
    const previous = this.personChecks.get(personId) ?? Promise.resolve();
    const check = previous.then(() => this.checkPerson(nsp, personId, local));
    const settled = check.catch(() => undefined);
    this.personChecks.set(personId, settled);
    void settled.then(() => {
      if (this.personChecks.get(personId) === settled) this.personChecks.delete(personId);
    });
    return check;
  }

  private async checkPerson(nsp: Namespace, personId: string, local: boolean): Promise<void> {
    const room = personRoom(personId);
    const here = () => [...nsp.sockets.values()].filter((s) => s.rooms.has(room));
    // As for a network: during a Redis outage, this process's sockets at least.
    const sockets: AnySocket[] = local ? here() : await nsp.in(room).fetchSockets().catch(here);
    await this.revalidate(sockets);
  }

  /** `leaveUnreadable` for each socket in a registered room (and, when `concerns` says so, its actor). */
  private async revalidate(
    sockets: readonly AnySocket[],
    concerns: (actor: Actor) => boolean = () => true,
  ): Promise<void> {
    const actors = new Map<string, Promise<Actor | null>>();
    for (const socket of sockets) {
      const data = socket.data as Partial<LiveIdentity> | undefined;
      const inRooms = [...socket.rooms].some((r) => this.registry.roomOf(r));
      if (!data || typeof data.sessionId !== 'string' || !inRooms) continue;
      let pending = actors.get(data.sessionId);
      if (!pending) {
        pending = this.actors.forLiveSession(data).catch(() => null);
        actors.set(data.sessionId, pending);
      }
      const actor = await pending;
      // A socket whose session no longer resolves is closed by the disconnect signal; here it reads nothing.
      if (actor && !concerns(actor)) continue;
      await this.leaveUnreadable(socket, actor);
    }
  }

  /**
   * Redis answers again after an outage: the signals published meanwhile (a sign-out, an ended
   * membership or partnership) reached only the sockets of the process that sent them. Every socket
   * of this process re-checks its session (closed, as a sign-out would, when it no longer resolves)
   * and its registered rooms. A session that cannot be checked now (database error) is left as is.
   */
  async revalidateLocal(nsp: Namespace): Promise<void> {
    const actors = new Map<string, Promise<Actor | null | undefined>>();
    for (const socket of [...nsp.sockets.values()]) {
      const data = socket.data as Partial<LiveIdentity> | undefined;
      if (!data || typeof data.sessionId !== 'string') continue;
      let pending = actors.get(data.sessionId);
      if (!pending) {
        pending = this.actors.forLiveSession(data).catch(() => undefined);
        actors.set(data.sessionId, pending);
      }
      const actor = await pending;
      if (actor === undefined || !socket.connected) continue;
      if (actor === null) socket.disconnect(true);
      else await this.leaveUnreadable(socket, actor);
    }
  }

  private readable(actor: Actor, kind: LiveRoomKind, id: string): Promise<boolean> {
    return kind.readable(actor, id).catch(() => false);
  }

  /**
   * A missed packet (`[event, payload, offset]`) goes out after a recovery when it belongs to a room
   * still readable, is a person-level event, or names the person; anything else is dropped.
   */
  private deliverable(packet: unknown[], allowed: ReadonlySet<string>, personId: string): boolean {
    const [event, payload] = packet;
    if (typeof event !== 'string') return false;
    if (PERSON_EVENTS.has(event)) return true;
    if (typeof payload !== 'object' || payload === null) return false;
    const p = payload as Record<string, unknown>;
    for (const kind of this.registry.roomKinds()) {
      if (kind.payloadKey in p) {
        const id = p[kind.payloadKey];
        return typeof id === 'string' && allowed.has(`${kind.prefix}:${id}`);
      }
    }
    return p.personId === personId;
  }
}
