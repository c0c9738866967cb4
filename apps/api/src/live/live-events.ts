import type { ChannelView, JoinResult, MessageView } from '@enlace/channels';
import type { NotificationPush } from '@enlace/notifications';

type Empty = Record<never, never>;

/**
 * The live contract of SPEC §5, as types (Immich's `ClientEventMap` is the model): every event a
 * client sends, with its payload and what a successful acknowledgement adds to `{ ok: true }`.
 * Handlers are registered per event by each context's api module (`LiveHandlerRegistry`); a context
 * that lands later (meetings) adds its `meeting:*` lines here, or augments this interface from its
 * own folder (`declare module '../live/live-events'`), and never edits the gateway.
 */
export interface LiveClientEvents {
  /**
   * `online`: who has a socket in the channel's room now (the joiner included), in rooms that announce
   * presence (at most LIVE_PRESENCE_MAX_ROOM sockets on the process); absent in larger ones.
   */
  'channel:join': {
    payload: { channelId: string; since?: string | null };
    ack: JoinResult & { online?: string[] };
  };
  'channel:leave': { payload: { channelId: string }; ack: Empty };
  'message:send': {
    payload: { channelId: string; clientId: string; body: string; parentId?: string | null };
    ack: { message: MessageView };
  };
  'message:edit': { payload: { messageId: string; body: string }; ack: { message: MessageView } };
  'message:delete': { payload: { messageId: string }; ack: Empty };
  'reaction:add': { payload: { messageId: string; emoji: string }; ack: Empty };
  'reaction:remove': { payload: { messageId: string; emoji: string }; ack: Empty };
  'channel:read': { payload: { channelId: string; messageId: string }; ack: { unreadCount: number } };
  /** Not acknowledged by clients that send no callback (SPEC §5: "—"). */
  typing: { payload: { channelId: string }; ack: Empty };
}

/** Every event the server sends, with its payload. */
export interface LiveServerEvents {
  'message:new': MessageView;
  'message:updated': MessageView;
  'message:deleted': { id: string; channelId: string };
  'reaction:updated': { channelId: string; messageId: string; reactions: MessageView['reactions'] };
  typing: { channelId: string; personId: string };
  presence: { channelId: string; personId: string; status: 'online' | 'offline' };
  'channel:updated': ChannelView;
  /** Sent to the person who lost access to a channel. */
  'channel:removed': { channelId: string };
  'notification:new': NotificationPush;
}

export type LiveClientEvent = keyof LiveClientEvents;
export type LiveServerEvent = keyof LiveServerEvents;
export type LivePayload<E extends LiveClientEvent> = LiveClientEvents[E]['payload'];

/** One server → client event with its payload. */
export type LiveServerMessage = {
  [E in LiveServerEvent]: { readonly event: E; readonly payload: LiveServerEvents[E] };
}[LiveServerEvent];

/** The failure acknowledgement of every event: the codes and messages of GraphQL errors. */
export interface LiveErrorAck {
  ok: false;
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}

/** The acknowledgement of one client event. */
export type LiveAck<E extends LiveClientEvent = LiveClientEvent> =
  ({ ok: true } & LiveClientEvents[E]['ack']) | LiveErrorAck;

/**
 * Events the server sends only to a person's own room (`LiveBus.toPerson`): after a recovery they go
 * to the person whose session was just re-validated, whatever they name.
 */
export const PERSON_EVENTS: ReadonlySet<string> = new Set<LiveServerEvent>(['channel:removed', 'notification:new']);
