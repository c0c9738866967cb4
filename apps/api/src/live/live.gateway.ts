import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { Actor, DomainError, findUnstorableText, I18nService, LiveBus, LiveSignal, Translator } from '@enlace/core';
import { ActorResolver, HandshakeRefused, LiveIdentity } from '../auth/actor-resolver';
import { nestErrorLogger, toPublicError } from '../errors/public-error';
import { LiveAccess, RestoredSession } from './live-access';
import type { LiveAck, LiveErrorAck, LiveServerEvents } from './live-events';
import { LiveEventContext, LiveHandlerRegistry, LiveSocketHandle } from './live-handler.registry';
import { LIVE_MAX_SOCKETS_PER_PERSON, LiveBudget } from './live-rate-limit';
import { LiveRedis } from './live-redis';
import { channelRoom, LIVE_PRESENCE_FETCH_MS, LIVE_PRESENCE_MAX_ROOM, personRoom, sessionRoom } from './live-rooms';

/** What the handshake established, kept on the socket (and restored with it on recovery). */
export type LiveSocketData = LiveIdentity;

export type LiveSocket = Socket<Record<string, never>, LiveServerEvents, Record<string, never>, LiveSocketData>;

class LiveConnectError extends Error {
  constructor(readonly data: { code: string; message: string }) {
    super(data.message);
  }
}

/**
 * The live door (SPEC §5): namespace `/live`, token in the handshake `auth`, checked by namespace
 * middleware (Nest guards do not run on connect). Each event is rate-limited, its payload checked
 * against its handler's shape, the token re-resolved into a fresh actor (current memberships, live
 * session), and the handler registered for it by its context's api module makes one service call;
 * acknowledgements are `{ ok: true, … }` or `{ ok: false, error: { code, message } }` in the
 * handshake's language. What services publish on the LiveBus (after their transaction commits) is
 * relayed to rooms through the adapter, so it reaches sockets on every process. While Redis is
 * unreachable, that relay reaches this process's sockets only; when Redis answers again, this
 * process's sockets re-check their sessions and rooms (what the signals lost meanwhile would have done).
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger('LiveGateway');
  private readonly errorLogger = nestErrorLogger(this.logger);
  /** Open sockets per person on this process (the cap of SPEC §7). */
  private readonly socketsByPerson = new Map<string, Set<string>>();
  private nsp?: Namespace;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly actors: ActorResolver,
    private readonly i18n: I18nService,
    private readonly live: LiveBus,
    private readonly registry: LiveHandlerRegistry,
    private readonly access: LiveAccess,
    private readonly budget: LiveBudget,
    private readonly redis: LiveRedis,
  ) {}

  afterInit(nsp: Namespace): void {
    this.nsp = nsp;
    this.guardRecovery(nsp);
    nsp.use((socket, next) => {
      this.authenticate(socket as LiveSocket).then(
        () => next(),
        (error: unknown) => next(this.connectError(error)),
      );
    });
    this.unsubscribe.push(
      this.live.subscribe((signal) => this.forward(signal)),
      // What the worker published: every api process delivers it to its own sockets.
      this.redis.onRelayed((signal) => this.forward(signal, true)),
      this.redis.onResumed(() => {
        void this.access
          .revalidateLocal(nsp)
          .catch((error: unknown) =>
            this.logger.error(
              `revalidate after Redis outage failed: ${error instanceof Error ? error.stack : String(error)}`,
            ),
          );
      }),
    );
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  /** Sockets connected to this process (the metrics' live sockets). */
  connectedSockets(): number {
    return this.nsp?.sockets.size ?? 0;
  }

  /**
   * Processes sharing this one's rooms (1 with the in-memory adapter; with Redis, every live process;
   * this one alone while Redis does not answer, as at start-up before its client has connected).
   */
  async peers(): Promise<number> {
    if (!this.nsp) return 0;
    try {
      return await this.nsp.adapter.serverCount();
    } catch {
      return 1;
    }
  }

  async handleConnection(client: Socket): Promise<void> {
    const socket = client as LiveSocket;
    const { personId, sessionId } = socket.data;
    let mine = this.socketsByPerson.get(personId);
    if (!mine) this.socketsByPerson.set(personId, (mine = new Set()));
    mine.add(socket.id);
    socket.join([personRoom(personId), sessionRoom(sessionId)]);
    socket.on('disconnecting', () => this.presenceOffline(socket));
    socket.onAny((event: string, ...args: unknown[]) => void this.dispatch(socket, event, args));
    // After a recovery, only the rooms the person may still read are kept.
    if (socket.recovered) await this.access.leaveUnreadable(socket, await this.actors.forLiveSession(socket.data));
  }

  handleDisconnect(client: Socket): void {
    const personId = (client as LiveSocket).data?.personId;
    if (!personId) return;
    const mine = this.socketsByPerson.get(personId);
    mine?.delete(client.id);
    // The person's event budget stays: reconnecting refills nothing.
    if (mine && mine.size === 0) this.socketsByPerson.delete(personId);
  }

  /** Handshake: a live session's token, within the per-person socket cap. */
  private async authenticate(socket: LiveSocket): Promise<void> {
    const identity = await this.actors.fromHandshake(socket.handshake);
    if ((this.socketsByPerson.get(identity.personId)?.size ?? 0) >= LIVE_MAX_SOCKETS_PER_PERSON) {
      throw new HandshakeRefused(
        identity.lang,
        new DomainError('RATE_LIMITED', 'channels:tooManySockets', { max: LIVE_MAX_SOCKETS_PER_PERSON }),
      );
    }
    socket.data = identity;
  }

  /** The `connect_error` a refused handshake gets: `{ code, message }` in its language. */
  private connectError(error: unknown): LiveConnectError {
    const refused = error instanceof HandshakeRefused ? error : undefined;
    const t = this.i18n.translator(refused?.lang ?? 'en');
    const log = { logger: this.errorLogger, where: 'live handshake' };
    const { code, message } = toPublicError(refused ? refused.error : error, t, log);
    return new LiveConnectError({ code, message });
  }

  private async dispatch(socket: LiveSocket, event: string, args: unknown[]): Promise<void> {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (answer: LiveAck) => void) : undefined;
    const t = this.i18n.translator(socket.data.lang);
    const reply = (answer: LiveAck) => {
      if (ack) ack(answer);
    };
    const budget = await this.budget.spend(socket.data.personId);
    if (budget.result === 'abuse') {
      reply(this.errorAck(t, new DomainError('RATE_LIMITED', 'channels:abuse'), event));
      socket.disconnect(true);
      return;
    }
    if (budget.result === 'limited') {
      reply(this.errorAck(t, DomainError.rateLimited(budget.retryAfter), event));
      return;
    }
    const handler = this.registry.handlerFor(event);
    if (!handler) {
      const unknown = new DomainError('BAD_USER_INPUT', 'channels:unknownEvent', { event: String(event).slice(0, 40) });
      reply(this.errorAck(t, unknown, event));
      return;
    }
    const payload = args[0];
    if (args.length !== 1 || !handler.payload.accepts(payload)) {
      const expected = handler.payload.shape;
      reply(this.errorAck(t, new DomainError('BAD_USER_INPUT', 'channels:malformedPayload', { expected }), event));
      return;
    }
    // The one text rule, where socket.io decoded the client's JSON: no NUL, no lone surrogate.
    const unstorable = findUnstorableText(payload);
    if (unstorable !== null) {
      reply(
        this.errorAck(t, DomainError.badInput([{ field: unstorable, key: 'validation:invalidCharacters' }]), event),
      );
      return;
    }
    try {
      const actor = await this.actors.forLiveSession(socket.data);
      if (!actor) {
        reply(this.errorAck(t, new DomainError('UNAUTHENTICATED', 'invalidToken'), event));
        socket.disconnect(true);
        return;
      }
      const context: LiveEventContext = { actor: actor as Actor & { personId: string }, socket: handle(socket) };
      const result = await handler.run(context, payload);
      reply({ ok: true, ...result });
    } catch (error) {
      reply(this.errorAck(t, error, event));
    }
  }

  /** `{ ok: false, error: { code, message, fields? } }`; an unexpected error is logged once. */
  private errorAck(t: Translator, error: unknown, event: string): LiveErrorAck {
    const log = { logger: this.errorLogger, where: 'live event', details: { event: event.slice(0, 40) } };
    const { code, message, fieldErrors } = toPublicError(error, t, log);
    const answer: LiveErrorAck = { ok: false, error: { code, message } };
    if (fieldErrors && fieldErrors.length > 0) answer.error.fields = fieldErrors.map((f) => ({ ...f }));
    return answer;
  }

  /**
   * Connection-state recovery restores a socket's rooms and writes its missed packets in socket.io's
   * Socket constructor, before the middleware checks the token. So the adapter's `restoreSession`
   * (in-memory or Redis streams alike) is wrapped: the restored session is re-validated before any of
   * it reaches the client. A state saved before a Redis outage is not recovered at all: what was
   * published during the outage never reached the stream, so the client starts afresh (`recovered`
   * false) and catches up with `since`.
   */
  private guardRecovery(nsp: Namespace): void {
    const adapter = nsp.adapter;
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = this.redis.predatesOutage(offset) ? null : await restore(pid, offset);
      // The typings say Session; the adapters (and Namespace) use null for "nothing to recover".
      return (session ? await this.access.revalidateSession(session) : null) as RestoredSession;
    };
  }

  /**
   * A person's last socket on this process goes: the rooms that announce presence are told (those
   * small enough to announce it: `LIVE_PRESENCE_MAX_ROOM`).
   */
  private presenceOffline(socket: LiveSocket): void {
    const others = [...(this.socketsByPerson.get(socket.data.personId) ?? [])].filter((id) => id !== socket.id);
    if (others.length > 0) return;
    for (const room of socket.rooms) {
      if ((socket.nsp.adapter.rooms.get(room)?.size ?? 0) > LIVE_PRESENCE_MAX_ROOM) continue;
      const registered = this.registry.roomOf(room);
      const told = registered?.kind.offline?.(registered.id, socket.data.personId);
      if (told) (socket.to(room).emit as (event: string, payload: unknown) => boolean)(told.event, told.payload);
    }
  }

  /**
   * LiveBus → rooms, through the adapter (every process); a signal relayed from a process without
   * sockets (`local`: every api process got it) goes to this process's sockets only.
   */
  private forward(signal: LiveSignal, local = false): void {
    const nsp = this.nsp;
    if (!nsp) return;
    const to = local ? nsp.local : nsp;
    switch (signal.kind) {
      case 'emit': {
        const target = signal.target;
        const room =
          'channelId' in target
            ? channelRoom(target.channelId)
            : 'personId' in target
              ? personRoom(target.personId)
              : sessionRoom(target.sessionId);
        const operator = signal.exceptPersonId ? to.to(room).except(personRoom(signal.exceptPersonId)) : to.to(room);
        operator.emit(signal.event, signal.payload);
        return;
      }
      case 'leave':
        to.in(personRoom(signal.personId)).socketsLeave(channelRoom(signal.channelId));
        return;
      case 'disconnect':
        to.in(
          'sessionId' in signal.target ? sessionRoom(signal.target.sessionId) : personRoom(signal.target.personId),
        ).disconnectSockets(true);
        return;
      case 'revalidate': {
        const target = signal.target;
        void (
          'networkId' in target
            ? this.access.revalidateNetwork(nsp, target.networkId, local)
            : this.access.revalidatePerson(nsp, target.personId, local || (signal.local ?? false))
        ).catch((error: unknown) =>
          this.logger.error(`revalidate failed: ${error instanceof Error ? error.stack : String(error)}`),
        );
        return;
      }
    }
  }
}

/** The part of a socket handlers use. */
function handle(socket: LiveSocket): LiveSocketHandle {
  return {
    join: async (room) => socket.join(room),
    leave: async (room) => socket.leave(room),
    broadcast: (room, event, payload) => {
      (socket.to(room).emit as (event: string, payload: unknown) => boolean)(event, payload);
    },
    roomSize: (room) => socket.nsp.adapter.rooms.get(room)?.size ?? 0,
    peopleIn: async (room) => {
      const everywhere = await socket.nsp
        .in(room)
        .timeout(LIVE_PRESENCE_FETCH_MS)
        .fetchSockets()
        .then((sockets) => sockets.map((s) => s.data.personId))
        // Redis unreachable (its adapter cannot even count the processes): this process's sockets.
        .catch(() =>
          [...(socket.nsp.adapter.rooms.get(room) ?? [])].map((id) => socket.nsp.sockets.get(id)?.data.personId),
        );
      return [...new Set(everywhere.filter((id): id is string => typeof id === 'string'))];
    },
  };
}
