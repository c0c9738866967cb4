import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { NoticeService } from '@enlace/channels';
import type { RequestContext } from '../graphql/request-context';
import { MessageModel, toMessageModel } from './message.model';
import { NoticeReportModel, toNoticeReportModel } from './notice-report.model';
import { PostChannelNoticeInput } from './post-channel-notice.input';

@Resolver()
export class NoticesResolver {
  constructor(private readonly notices: NoticeService) {}

  @Mutation(() => MessageModel, {
    description:
      'Posts an official notice that its readers are asked to acknowledge (the channel’s moderators); those who have not are reminded after remindAfterDays.',
  })
  async postChannelNotice(@Args('input') input: PostChannelNoticeInput, @Context() ctx: RequestContext) {
    return toMessageModel(await this.notices.post(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => Boolean, { description: 'Acknowledges a notice of a channel I read (again: nothing changes).' })
  async acknowledgeNotice(@Args('messageId', { type: () => ID }) messageId: string, @Context() ctx: RequestContext) {
    return this.notices.acknowledge(ctx.actor, messageId);
  }

  @Query(() => NoticeReportModel, {
    description: 'Who has acknowledged a notice and who has not, per member state (the channel’s moderators).',
  })
  async noticeAcknowledgements(
    @Args('messageId', { type: () => ID }) messageId: string,
    @Context() ctx: RequestContext,
  ) {
    return toNoticeReportModel(await this.notices.report(ctx.actor, messageId), ctx.translator);
  }
}
