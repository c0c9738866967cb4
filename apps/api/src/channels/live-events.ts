import type { Socket } from 'socket.io';
import type { Actor } from '@enlace/core';
import { ChannelService, MessageService } from '@enlace/channels';

export interface LiveEventContext {
  readonly actor: Actor;
  readonly socket: Socket;
  readonly channels: ChannelService;
  readonly messages: MessageService;
}

export type Payload = Record<string, unknown>;

/** One client → server event: the payload's shape (checked before anything else) and its one service call. */
export interface LiveEventHandler {
  /** The expected payload, shown in the error of a malformed one. */
  readonly shape: string;
  accepts(payload: unknown): payload is Payload;
  run(ctx: LiveEventContext, payload: Payload): Promise<Record<string, unknown>>;
}

/**
 * A payload is a plain object whose listed fields are strings (optional ones may be absent or null)
 * and that carries nothing else; services then validate the values themselves.
 */
function shapeOf(
  required: readonly string[],
  optional: readonly string[] = [],
): Pick<LiveEventHandler, 'shape' | 'accepts'> {
  const known = new Set([...required, ...optional]);
  return {
    shape: `{ ${[...required, ...optional.map((f) => `${f}?`)].join(', ')} }`,
    accepts(payload: unknown): payload is Payload {
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
      if (Object.getPrototypeOf(payload) !== Object.prototype) return false;
      const p = payload as Payload;
      if (Object.keys(p).some((k) => !known.has(k))) return false;
      return (
        required.every((f) => typeof p[f] === 'string') &&
        optional.every((f) => p[f] === undefined || p[f] === null || typeof p[f] === 'string')
      );
    },
  };
}

export const channelRoomOf = (id: string) => `channel:${id}`;

/** The events of SPEC §5, each a thin call into the channels library. */
export const LIVE_EVENT_HANDLERS: Readonly<Record<string, LiveEventHandler>> = {
  'channel:join': {
    ...shapeOf(['channelId'], ['since']),
    async run({ actor, socket, messages }, p) {
      const joined = await messages.join(actor, p.channelId, p.since ?? undefined);
      const room = channelRoomOf(joined.channel.id);
      await socket.join(room);
      socket.to(room).emit('presence', { channelId: joined.channel.id, personId: actor.personId, status: 'online' });
      return { ...joined };
    },
  },
  'channel:leave': {
    ...shapeOf(['channelId']),
    async run({ socket }, p) {
      await socket.leave(channelRoomOf(String(p.channelId)));
      return {};
    },
  },
  'message:send': {
    ...shapeOf(['channelId', 'clientId', 'body'], ['parentId']),
    async run({ actor, messages }, p) {
      const { message } = await messages.send(actor, p as { channelId: string; clientId: string; body: string });
      return { message };
    },
  },
  'message:edit': {
    ...shapeOf(['messageId', 'body']),
    async run({ actor, messages }, p) {
      return { message: await messages.edit(actor, p as { messageId: string; body: string }) };
    },
  },
  'message:delete': {
    ...shapeOf(['messageId']),
    async run({ actor, messages }, p) {
      await messages.delete(actor, p as { messageId: string });
      return {};
    },
  },
  'reaction:add': {
    ...shapeOf(['messageId', 'emoji']),
    async run({ actor, messages }, p) {
      await messages.react(actor, p as { messageId: string; emoji: string }, true);
      return {};
    },
  },
  'reaction:remove': {
    ...shapeOf(['messageId', 'emoji']),
    async run({ actor, messages }, p) {
      await messages.react(actor, p as { messageId: string; emoji: string }, false);
      return {};
    },
  },
  'channel:read': {
    ...shapeOf(['channelId', 'messageId']),
    async run({ actor, messages }, p) {
      return { unreadCount: await messages.markRead(actor, p as { channelId: string; messageId: string }) };
    },
  },
  typing: {
    ...shapeOf(['channelId']),
    async run({ actor, channels }, p) {
      await channels.typing(actor, p.channelId);
      return {};
    },
  },
};
