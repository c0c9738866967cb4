import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChannelService, MessageService } from '@enlace/channels';
import { LiveHandlerRegistry, stringFields } from '../live/live-handler.registry';
import { channelRoom, LIVE_PRESENCE_MAX_ROOM } from '../live/live-rooms';

/**
 * The channel events of SPEC §5, each a thin call into the channels library, and the `channel:<id>`
 * rooms: joined through `channel:join` (which checks membership), left at once when access goes
 * (`channel:removed`), announcing who comes online and goes offline (`presence`, in rooms of at most
 * LIVE_PRESENCE_MAX_ROOM sockets, where the join's acknowledgement also says who is online now).
 */
@Injectable()
export class ChannelsLiveHandlers implements OnModuleInit {
  constructor(
    private readonly registry: LiveHandlerRegistry,
    private readonly channels: ChannelService,
    private readonly messages: MessageService,
  ) {}

  onModuleInit(): void {
    const { channels, messages } = this;
    this.registry
      .room({
        prefix: 'channel',
        payloadKey: 'channelId',
        readable: (actor, channelId) => channels.access(actor, channelId).then(() => true),
        removed: (channelId) => ({ event: 'channel:removed', payload: { channelId } }),
        offline: (channelId, personId) => ({ event: 'presence', payload: { channelId, personId, status: 'offline' } }),
      })
      .handle('channel:join', {
        payload: stringFields(['channelId'], ['since']),
        async run({ actor, socket }, p) {
          const joined = await messages.join(actor, p.channelId, p.since ?? undefined);
          const room = channelRoom(joined.channel.id);
          await socket.join(room);
          // Announced while the room is small: in a large room every join would cost every socket a
          // packet, and a list of who is online could not be kept current by presence events.
          if (socket.roomSize(room) > LIVE_PRESENCE_MAX_ROOM) return { ...joined };
          socket.broadcast(room, 'presence', {
            channelId: joined.channel.id,
            personId: actor.personId,
            status: 'online',
          });
          return { ...joined, online: await socket.peopleIn(room) };
        },
      })
      .handle('channel:leave', {
        payload: stringFields(['channelId']),
        async run({ socket }, p) {
          await socket.leave(channelRoom(String(p.channelId)));
          return {};
        },
      })
      .handle('message:send', {
        payload: stringFields(['channelId', 'clientId', 'body'], ['parentId']),
        async run({ actor }, p) {
          const { message } = await messages.send(actor, p);
          return { message };
        },
      })
      .handle('message:edit', {
        payload: stringFields(['messageId', 'body']),
        async run({ actor }, p) {
          return { message: await messages.edit(actor, p) };
        },
      })
      .handle('message:delete', {
        payload: stringFields(['messageId']),
        async run({ actor }, p) {
          await messages.delete(actor, p);
          return {};
        },
      })
      .handle('reaction:add', {
        payload: stringFields(['messageId', 'emoji']),
        async run({ actor }, p) {
          await messages.react(actor, p, true);
          return {};
        },
      })
      .handle('reaction:remove', {
        payload: stringFields(['messageId', 'emoji']),
        async run({ actor }, p) {
          await messages.react(actor, p, false);
          return {};
        },
      })
      .handle('channel:read', {
        payload: stringFields(['channelId', 'messageId']),
        async run({ actor }, p) {
          return { unreadCount: await messages.markRead(actor, p) };
        },
      })
      .handle('typing', {
        payload: stringFields(['channelId']),
        async run({ actor }, p) {
          await channels.typing(actor, p.channelId);
          return {};
        },
      });
  }
}
