import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ChannelService, MessageService } from '@enlace/channels';
import { toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { ChannelMemberInput } from './channel-member.input';
import { ChannelMessagesArgs } from './channel-messages.args';
import { ChannelModel, toChannelModel } from './channel.model';
import { CreateChannelInput } from './create-channel.input';
import { MessageEditModel, toMessageEditModel } from './message-edit.model';
import { MessageConnection, MessageModel, toMessageModel } from './message.model';
import { MuteChannelMemberInput } from './mute-channel-member.input';
import { MyChannelConnection } from './my-channel.model';
import { MyChannelsArgs } from './my-channels.args';
import { SearchMessagesArgs } from './search-messages.args';
import { UpdateChannelInput } from './update-channel.input';

@Resolver()
export class ChannelsResolver {
  constructor(
    private readonly channels: ChannelService,
    private readonly messages: MessageService,
  ) {}

  @Query(() => MyChannelConnection, { description: 'Channels I may read, by name, with unread and mention counts.' })
  async myChannels(@Args() args: MyChannelsArgs, @Context() ctx: RequestContext) {
    const page = await this.channels.mine(ctx.actor, args);
    return toConnection(page, (row) => ({
      channel: toChannelModel(
        {
          id: row.channel.id,
          networkId: row.channel.networkId,
          kind: row.channel.kind,
          name: row.channel.name,
          language: row.channel.language,
          archived: row.channel.archivedAt !== null,
          retentionDays: row.channel.retentionDays,
          partnerNetworkIds: row.channel.partnerNetworkIds,
        },
        ctx.translator,
      ),
      unreadCount: row.unreadCount,
      mentionCount: row.mentionCount,
      canPost: this.channels.canPost(ctx.actor, row) && !(row.mutedUntil && row.mutedUntil.getTime() > Date.now()),
    }));
  }

  @Query(() => MessageConnection, {
    description:
      'A channel’s messages (or one thread’s replies), newest first; `after` pages back, `before` forward, `around` centres on a message.',
  })
  async channelMessages(@Args() args: ChannelMessagesArgs, @Context() ctx: RequestContext) {
    return toConnection(await this.messages.history(ctx.actor, args), (m) => toMessageModel(m, ctx.translator));
  }

  @Query(() => MessageConnection, {
    description: 'Full-text search over the messages of channels I may read, newest first.',
  })
  async searchMessages(@Args() args: SearchMessagesArgs, @Context() ctx: RequestContext) {
    return toConnection(await this.messages.search(ctx.actor, args), (m) => toMessageModel(m, ctx.translator));
  }

  @Query(() => [MessageModel], {
    description: 'A channel’s pinned messages, the latest pin first (at most 50; pinning is for its moderators).',
  })
  async pinnedMessages(@Args('channelId', { type: () => ID }) channelId: string, @Context() ctx: RequestContext) {
    return (await this.messages.pinnedMessages(ctx.actor, channelId)).map((m) => toMessageModel(m, ctx.translator));
  }

  @Query(() => [MessageEditModel], {
    description: 'Previous versions of an edited message (the channel’s moderators).',
  })
  async messageEdits(@Args('messageId', { type: () => ID }) messageId: string, @Context() ctx: RequestContext) {
    return (await this.messages.editHistory(ctx.actor, messageId)).map((e) => toMessageEditModel(e, ctx.translator));
  }

  @Mutation(() => ChannelModel, { description: 'Creates a channel (secretariat; direct channels: any member).' })
  async createChannel(@Args('input') input: CreateChannelInput, @Context() ctx: RequestContext) {
    return toChannelModel(await this.channels.create(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ChannelModel, { description: 'Renames a channel or changes its retention (secretariat).' })
  async updateChannel(@Args('input') input: UpdateChannelInput, @Context() ctx: RequestContext) {
    return toChannelModel(await this.channels.update(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ChannelModel, {
    description: 'Archives (or, with archived: false, reopens) a channel (secretariat).',
  })
  async archiveChannel(
    @Args('channelId', { type: () => ID }) channelId: string,
    @Args('archived', { type: () => Boolean, nullable: true, defaultValue: true }) archived: boolean,
    @Context() ctx: RequestContext,
  ) {
    return toChannelModel(await this.channels.archive(ctx.actor, channelId, archived), ctx.translator);
  }

  @Mutation(() => ChannelModel, { description: 'Names a member of a working-group or direct channel (secretariat).' })
  async addChannelMember(@Args('input') input: ChannelMemberInput, @Context() ctx: RequestContext) {
    return toChannelModel(await this.channels.addMember(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ChannelModel, { description: 'Removes a named member; their open sockets lose the channel at once.' })
  async removeChannelMember(@Args('input') input: ChannelMemberInput, @Context() ctx: RequestContext) {
    return toChannelModel(await this.channels.removeMember(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => Boolean, { description: 'Mutes (or, with 0 minutes, unmutes) a person in a channel (moderators).' })
  async muteChannelMember(@Args('input') input: MuteChannelMemberInput, @Context() ctx: RequestContext) {
    return this.channels.mute(ctx.actor, input);
  }

  @Mutation(() => MessageModel, {
    description:
      'Pins or unpins a message (moderators: the owning network’s secretariat, or in a joint channel a partner’s).',
  })
  async pinMessage(
    @Args('messageId', { type: () => ID }) messageId: string,
    @Args('pinned', { type: () => Boolean, nullable: true, defaultValue: true }) pinned: boolean,
    @Context() ctx: RequestContext,
  ) {
    await this.messages.pin(ctx.actor, messageId, pinned);
    return toMessageModel(await this.messages.load(ctx.actor, messageId), ctx.translator);
  }

  @Mutation(() => Boolean, { description: 'Deletes a message: its author, or the channel’s moderators (any message).' })
  async deleteMessage(@Args('messageId', { type: () => ID }) messageId: string, @Context() ctx: RequestContext) {
    await this.messages.delete(ctx.actor, { messageId });
    return true;
  }
}
