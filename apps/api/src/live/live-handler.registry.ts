import { Injectable } from '@nestjs/common';
import type { Actor } from '@enlace/core';
import type {
  LiveClientEvent,
  LiveClientEvents,
  LivePayload,
  LiveServerEvent,
  LiveServerEvents,
  LiveServerMessage,
} from './live-events';

/** What a handler may do with the socket that sent the event. */
export interface LiveSocketHandle {
  join(room: string): Promise<void>;
  leave(room: string): Promise<void>;
  /** Sends to every other socket in the room, on every process. */
  broadcast<E extends LiveServerEvent>(room: string, event: E, payload: LiveServerEvents[E]): void;
  /** How many sockets are in the room on this process (this one included, once joined). */
  roomSize(room: string): number;
  /**
   * The people with a socket in the room now, each once, on every process (this process's alone
   * when the others do not answer in time: Redis unreachable).
   */
  peopleIn(room: string): Promise<string[]>;
}

export interface LiveEventContext {
  /** The sender as of this event (fresh memberships, live session). */
  readonly actor: Actor & { readonly personId: string };
  readonly socket: LiveSocketHandle;
}

/** A payload's expected shape: checked before anything else, shown in the error of a malformed one. */
export interface PayloadShape<P> {
  readonly shape: string;
  accepts(payload: unknown): payload is P;
}

/** One client → server event: its payload's shape and its one service call. */
export interface LiveEventHandler<E extends LiveClientEvent = LiveClientEvent> {
  readonly payload: PayloadShape<LivePayload<E>>;
  run(ctx: LiveEventContext, payload: LivePayload<E>): Promise<LiveClientEvents[E]['ack']>;
}

/**
 * A kind of room sockets join through a handler (`channel:<id>`), re-checked whenever access may
 * have changed: when a socket recovers its rooms after a dropped connection, and when a network's
 * reach changes (`revalidate` signals).
 */
export interface LiveRoomKind {
  /** Rooms named `<prefix>:<id>`. */
  readonly prefix: string;
  /** The field of a server → client payload that names the room (missed packets are kept only for readable rooms). */
  readonly payloadKey: string;
  /** Whether the actor may be in the room now. */
  readable(actor: Actor, id: string): Promise<boolean>;
  /** What a socket that had to leave the room is told. */
  removed(id: string): LiveServerMessage;
  /** What the room is told when a person's last socket on this process goes. */
  offline?(id: string, personId: string): LiveServerMessage;
}

type Fields<P> = readonly (keyof P & string)[];

/**
 * A payload that is a plain object whose listed fields are strings (optional ones may be absent or
 * null) and that carries nothing else; services then validate the values themselves.
 */
export function stringFields<P>(required: Fields<P>, optional: Fields<P> = []): PayloadShape<P> {
  const known = new Set<string>([...required, ...optional]);
  return {
    shape: `{ ${[...required, ...optional.map((f) => `${f}?`)].join(', ')} }`,
    accepts(payload: unknown): payload is P {
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
      if (Object.getPrototypeOf(payload) !== Object.prototype) return false;
      const p = payload as Record<string, unknown>;
      if (Object.keys(p).some((k) => !known.has(k))) return false;
      return (
        required.every((f) => typeof p[f] === 'string') &&
        optional.every((f) => p[f] === undefined || p[f] === null || typeof p[f] === 'string')
      );
    },
  };
}

/** `<prefix>:<id>`, the name of a room of a registered kind. */
export const liveRoom = (prefix: string, id: string) => `${prefix}:${id}`;

/**
 * Where contexts plug into the live door: each api module registers its events' handlers and its
 * room kinds when it starts (`onModuleInit`), and the gateway dispatches to them. Adding `meeting:*`
 * events is a new registrant, never an edit of the gateway.
 */
@Injectable()
export class LiveHandlerRegistry {
  private readonly handlers = new Map<string, LiveEventHandler>();
  private readonly rooms = new Map<string, LiveRoomKind>();

  handle<E extends LiveClientEvent>(event: E, handler: LiveEventHandler<E>): this {
    if (this.handlers.has(event)) throw new Error(`live event ${event} has two handlers`);
    this.handlers.set(event, handler as unknown as LiveEventHandler);
    return this;
  }

  room(kind: LiveRoomKind): this {
    if (this.rooms.has(kind.prefix)) throw new Error(`live room kind ${kind.prefix} is registered twice`);
    this.rooms.set(kind.prefix, kind);
    return this;
  }

  handlerFor(event: string): LiveEventHandler | undefined {
    return this.handlers.get(event);
  }

  /** The kind and id of a room of a registered kind (`channel:<id>`); undefined for the gateway's own rooms. */
  roomOf(room: string): { kind: LiveRoomKind; id: string } | undefined {
    const colon = room.indexOf(':');
    const kind = colon > 0 ? this.rooms.get(room.slice(0, colon)) : undefined;
    return kind ? { kind, id: room.slice(colon + 1) } : undefined;
  }

  roomKinds(): LiveRoomKind[] {
    return [...this.rooms.values()];
  }
}
