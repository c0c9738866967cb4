import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  Actor,
  DomainError,
  I18nService,
  isDomainError,
  Language,
  LiveBus,
  LiveSignal,
  negotiateLanguage,
  Translator,
} from '@enlace/core';
import { ChannelService, MessageService } from '@enlace/channels';
import { ActorService } from '@enlace/identity';
import { LIVE_EVENT_HANDLERS, LiveEventHandler } from './live-events';
import { LIVE_MAX_SOCKETS_PER_PERSON, LiveRateLimiter } from './live-rate-limit';

/** What the handshake established, kept on the socket (and restored with it on recovery). */
export interface LiveSocketData {
  token: string;
  personId: string;
  sessionId: string;
  lang: Language;
}

export type LiveSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, LiveSocketData>;

export type Ack = { ok: true } & Record<string, unknown>;
type ErrorAck = {
  ok: false;
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
};

export const channelRoom = (id: string) => `channel:${id}`;
const personRoom = (id: string) => `person:${id}`;
const sessionRoom = (id: string) => `session:${id}`;

/**
 * Events the server sends only to a person's own room (`LiveBus.toPerson`): after a recovery they go
 * to the person whose session was just re-validated, whatever channel they name.
 */
const PERSON_EVENTS: ReadonlySet<string> = new Set(['channel:removed', 'notification:new']);

/** What the namespace adapter hands back on recovery (the socket's persisted state and the packets it missed). */
type RestoredSession = Awaited<ReturnType<Namespace['adapter']['restoreSession']>>;

class LiveConnectError extends Error {
  constructor(
    message: string,
    readonly data: { code: string; message: string },
  ) {
    super(message);
  }
}

/**
 * The live door (SPEC §5): namespace `/live`, token in the handshake `auth`, checked by namespace
 * middleware (Nest guards do not run on connect). Each event re-resolves the token into a fresh
 * actor (current memberships, live session) and calls one service; acknowledgements are
 * `{ ok: true, … }` or `{ ok: false, error: { code, message } }` in the handshake's language. What the
 * services publish on the LiveBus after committing is forwarded to rooms through the adapter, so it
 * reaches sockets on every process.
 */
@WebSocketGateway({ namespace: '/live' })
export class ChannelsGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger('LiveGateway');
  private readonly limiter = new LiveRateLimiter();
  /** Open sockets per person on this process (the cap of SPEC §7). */
  private readonly socketsByPerson = new Map<string, Set<string>>();
  private nsp?: Namespace;
  private unsubscribe?: () => void;

  constructor(
    private readonly actors: ActorService,
    private readonly i18n: I18nService,
    private readonly live: LiveBus,
    private readonly channels: ChannelService,
    private readonly messages: MessageService,
  ) {}

  afterInit(nsp: Namespace): void {
    this.nsp = nsp;
    this.guardRecovery(nsp);
    nsp.use((socket, next) => {
      this.authenticate(socket as LiveSocket).then(
        () => next(),
        (error: unknown) =>
          next(
            error instanceof LiveConnectError ? error : this.connectError('en', 'INTERNAL_SERVER_ERROR', 'internal'),
          ),
      );
    });
    this.unsubscribe = this.live.subscribe((signal) => this.forward(signal));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Processes sharing this one's rooms (1 with the in-memory adapter; with Redis, every live process). */
  async peers(): Promise<number> {
    return this.nsp ? this.nsp.adapter.serverCount() : 0;
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
    if (socket.recovered) await this.revalidateRooms(socket);
  }

  handleDisconnect(client: Socket): void {
    const personId = (client as LiveSocket).data?.personId;
    if (!personId) return;
    const mine = this.socketsByPerson.get(personId);
    mine?.delete(client.id);
    if (mine && mine.size === 0) {
      this.socketsByPerson.delete(personId);
      this.limiter.forget(personId);
    }
  }

  /** Handshake: a live session's token; the language of Accept-Language, else the person's preference. */
  private async authenticate(socket: LiveSocket): Promise<void> {
    const header = socket.handshake.headers['accept-language'];
    let lang = negotiateLanguage(header);
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const token = auth?.token;
    if (typeof token !== 'string' || token === '' || token.length > 512) {
      throw this.connectError(lang, 'UNAUTHENTICATED', 'unauthenticated');
    }
    const resolution = await this.actors.resolve(token, lang);
    if ('invalidToken' in resolution || resolution.actor.personId === null || resolution.actor.sessionId === null) {
      throw this.connectError(lang, 'UNAUTHENTICATED', 'invalidToken');
    }
    if (!header && resolution.preferredLanguage) lang = resolution.preferredLanguage;
    const personId = resolution.actor.personId;
    if ((this.socketsByPerson.get(personId)?.size ?? 0) >= LIVE_MAX_SOCKETS_PER_PERSON) {
      throw this.connectError(lang, 'RATE_LIMITED', 'channels:tooManySockets', { max: LIVE_MAX_SOCKETS_PER_PERSON });
    }
    socket.data = { token, personId, sessionId: resolution.actor.sessionId, lang };
  }

  private connectError(
    lang: Language,
    code: string,
    key: string,
    params: Record<string, unknown> = {},
  ): LiveConnectError {
    const message = this.i18n.translator(lang).t(key, params);
    return new LiveConnectError(message, { code, message });
  }

  private async dispatch(socket: LiveSocket, event: string, args: unknown[]): Promise<void> {
    const ack =
      typeof args[args.length - 1] === 'function' ? (args.pop() as (answer: Ack | ErrorAck) => void) : undefined;
    const t = this.i18n.translator(socket.data.lang);
    const reply = (answer: Ack | ErrorAck) => {
      if (ack) ack(answer);
    };
    const budget = this.limiter.spend(socket.data.personId);
    if (budget === 'abuse') {
      reply(this.errorAck(t, new DomainError('RATE_LIMITED', 'channels:abuse')));
      socket.disconnect(true);
      return;
    }
    if (budget === 'limited') {
      reply(this.errorAck(t, DomainError.rateLimited(this.limiter.retryAfter(socket.data.personId))));
      return;
    }
    const handler: LiveEventHandler | undefined = Object.hasOwn(LIVE_EVENT_HANDLERS, event)
      ? LIVE_EVENT_HANDLERS[event]
      : undefined;
    if (!handler) {
      reply(
        this.errorAck(
          t,
          new DomainError('BAD_USER_INPUT', 'channels:unknownEvent', { event: String(event).slice(0, 40) }),
        ),
      );
      return;
    }
    const payload = args[0];
    if (args.length !== 1 || !handler.accepts(payload)) {
      reply(
        this.errorAck(t, new DomainError('BAD_USER_INPUT', 'channels:malformedPayload', { expected: handler.shape })),
      );
      return;
    }
    try {
      const actor = await this.currentActor(socket);
      if (!actor) {
        reply(this.errorAck(t, new DomainError('UNAUTHENTICATED', 'invalidToken')));
        socket.disconnect(true);
        return;
      }
      const result = await handler.run({ actor, socket, channels: this.channels, messages: this.messages }, payload);
      reply({ ok: true, ...result });
    } catch (error) {
      if (!isDomainError(error))
        this.logger.error(`live event ${event} failed: ${error instanceof Error ? error.stack : String(error)}`);
      reply(this.errorAck(t, error));
    }
  }

  /** The actor as of now: a revoked session or an ended membership counts from the next event on. */
  private async currentActor(socket: LiveSocket): Promise<Actor | null> {
    const resolution = await this.actors.resolve(socket.data.token, socket.data.lang);
    if ('invalidToken' in resolution || resolution.actor.personId !== socket.data.personId) return null;
    return resolution.actor;
  }

  private errorAck(t: Translator, error: unknown): ErrorAck {
    if (!isDomainError(error)) {
      return { ok: false, error: { code: 'INTERNAL_SERVER_ERROR', message: t.t('internal') } };
    }
    const answer: ErrorAck = { ok: false, error: { code: error.code, message: t.t(error.key, error.params) } };
    if (error.fieldErrors.length > 0) {
      answer.error.fields = error.fieldErrors.map((f) => ({ field: f.field, message: t.t(f.key, f.params ?? {}) }));
    }
    return answer;
  }

  /**
   * Connection-state recovery restores a socket's rooms and writes its missed packets in socket.io's
   * Socket constructor, before the middleware checks the token. So the adapter's `restoreSession`
   * (in-memory or Redis streams alike) is wrapped: the restored session is re-validated before any of
   * it reaches the client.
   */
  private guardRecovery(nsp: Namespace): void {
    const adapter = nsp.adapter;
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = await restore(pid, offset);
      // The typings say Session; the adapters (and Namespace) use null for "nothing to recover".
      return (session ? await this.revalidateSession(session) : session) as RestoredSession;
    };
  }

  /**
   * A session whose token no longer resolves to the same person and live session is not recovered
   * (null: the client connects afresh and meets the middleware). Otherwise only the channel rooms the
   * person may still read are kept, and only the missed packets of those channels or addressed to
   * the person.
   */
  private async revalidateSession(session: RestoredSession): Promise<RestoredSession | null> {
    const data = session.data as Partial<LiveSocketData> | undefined;
    if (!data || typeof data.token !== 'string' || typeof data.personId !== 'string') return null;
    const resolution = await this.actors.resolve(data.token, data.lang ?? 'en');
    if (
      'invalidToken' in resolution ||
      resolution.actor.personId !== data.personId ||
      resolution.actor.sessionId !== data.sessionId
    ) {
      return null;
    }
    const actor = resolution.actor;
    const allowed = new Set<string>();
    const rooms: typeof session.rooms = [];
    for (const room of session.rooms) {
      if (typeof room !== 'string' || !room.startsWith('channel:')) {
        rooms.push(room);
        continue;
      }
      const channelId = room.slice('channel:'.length);
      const readable = await this.channels.access(actor, channelId).then(
        () => true,
        () => false,
      );
      if (readable) {
        allowed.add(channelId);
        rooms.push(room);
      }
    }
    const missedPackets = session.missedPackets.filter((packet) => deliverable(packet, allowed, data.personId!));
    return { ...session, rooms, missedPackets };
  }

  /** After a recovery, keeps only the channel rooms the person may still read. */
  private async revalidateRooms(socket: LiveSocket): Promise<void> {
    const actor = await this.currentActor(socket);
    for (const room of [...socket.rooms].filter((r) => r.startsWith('channel:'))) {
      const channelId = room.slice('channel:'.length);
      const readable = actor
        ? await this.channels.access(actor, channelId).then(
            () => true,
            () => false,
          )
        : false;
      if (!readable) {
        socket.leave(room);
        (socket as Socket).emit('channel:removed', { channelId });
      }
    }
  }

  /**
   * What a network's members may read changed: every open socket (on every process, through the
   * adapter) in at least one channel room whose person belongs to the network re-checks those rooms
   * with the access check of `channel:join`, leaves the ones it may no longer read and is told
   * `channel:removed`. Tokens are resolved once each; sockets in no channel room cost nothing.
   */
  private async revalidateNetwork(nsp: Namespace, networkId: string): Promise<void> {
    const sockets = await nsp.fetchSockets();
    const actors = new Map<string, Promise<Actor | null>>();
    for (const socket of sockets) {
      const data = socket.data as Partial<LiveSocketData> | undefined;
      const rooms = [...socket.rooms].filter((r) => r.startsWith('channel:'));
      if (!data || typeof data.token !== 'string' || rooms.length === 0) continue;
      let pending = actors.get(data.token);
      if (!pending) {
        const token = data.token;
        pending = this.actors.resolve(token, data.lang ?? 'en').then(
          (resolution) =>
            'invalidToken' in resolution || resolution.actor.personId !== data.personId ? null : resolution.actor,
          () => null,
        );
        actors.set(token, pending);
      }
      const actor = await pending;
      // A socket whose token no longer resolves is closed by the disconnect signal; here it reads nothing.
      if (actor && !actor.memberships.some((m) => m.networkId === networkId)) continue;
      for (const room of rooms) {
        const channelId = room.slice('channel:'.length);
        const readable = actor
          ? await this.channels.access(actor, channelId).then(
              () => true,
              () => false,
            )
          : false;
        if (!readable) {
          socket.leave(room);
          socket.emit('channel:removed' as never, { channelId } as never);
        }
      }
    }
  }

  private presenceOffline(socket: LiveSocket): void {
    const others = [...(this.socketsByPerson.get(socket.data.personId) ?? [])].filter((id) => id !== socket.id);
    if (others.length > 0) return;
    for (const room of socket.rooms) {
      if (room.startsWith('channel:')) {
        (socket as Socket).to(room).emit('presence', {
          channelId: room.slice('channel:'.length),
          personId: socket.data.personId,
          status: 'offline',
        });
      }
    }
  }

  /** LiveBus → rooms, through the adapter (every process). */
  private forward(signal: LiveSignal): void {
    const nsp = this.nsp;
    if (!nsp) return;
    switch (signal.kind) {
      case 'emit': {
        const target = signal.target;
        const room =
          'channelId' in target
            ? channelRoom(target.channelId)
            : 'personId' in target
              ? personRoom(target.personId)
              : sessionRoom(target.sessionId);
        nsp.to(room).emit(signal.event, signal.payload);
        return;
      }
      case 'leave':
        nsp.in(personRoom(signal.personId)).socketsLeave(channelRoom(signal.channelId));
        return;
      case 'disconnect':
        nsp
          .in('sessionId' in signal.target ? sessionRoom(signal.target.sessionId) : personRoom(signal.target.personId))
          .disconnectSockets(true);
        return;
      case 'revalidate':
        void this.revalidateNetwork(nsp, signal.target.networkId).catch((error: unknown) =>
          this.logger.error(`revalidate failed: ${error instanceof Error ? error.stack : String(error)}`),
        );
        return;
    }
  }
}

/**
 * A missed packet (`[event, payload, offset]`) goes out after a recovery when it belongs to a channel
 * still readable, is a person-level event, or names the person; anything else is dropped.
 */
function deliverable(packet: unknown[], allowed: ReadonlySet<string>, personId: string): boolean {
  const [event, payload] = packet;
  if (typeof event !== 'string') return false;
  if (PERSON_EVENTS.has(event)) return true;
  if (typeof payload !== 'object' || payload === null) return false;
  const p = payload as Record<string, unknown>;
  if ('channelId' in p) return typeof p.channelId === 'string' && allowed.has(p.channelId);
  return p.personId === personId;
}
