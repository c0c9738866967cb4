import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { NoticeReport } from '@enlace/channels';

@ObjectType('NoticeReader')
export class NoticeReaderModel {
  @Field(() => ID)
  personId!: string;

  @Field()
  name!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When they acknowledged it; null: not yet.' })
  acknowledgedAt!: Date | null;
}

@ObjectType('NoticeMemberState', { description: 'The readers bound to one member state (or to none).' })
export class NoticeMemberStateModel {
  @Field(() => String, { nullable: true, description: 'ISO code of the member state; null: readers bound to none.' })
  memberState!: string | null;

  @Field(() => [NoticeReaderModel])
  acknowledged!: NoticeReaderModel[];

  @Field(() => [NoticeReaderModel])
  pending!: NoticeReaderModel[];
}

@ObjectType('NoticeAcknowledgements', {
  description: 'Who has acknowledged a notice and who has not, per member state (only people you may see).',
})
export class NoticeReportModel {
  @Field(() => ID)
  messageId!: string;

  @Field(() => ID)
  channelId!: string;

  @Field(() => Int)
  expectedCount!: number;

  @Field(() => Int)
  acknowledgedCount!: number;

  @Field(() => [NoticeMemberStateModel])
  memberStates!: NoticeMemberStateModel[];
}

export function toNoticeReportModel(report: NoticeReport, _t: Translator): NoticeReportModel {
  return {
    messageId: report.messageId,
    channelId: report.channelId,
    expectedCount: report.expectedCount,
    acknowledgedCount: report.acknowledgedCount,
    memberStates: report.memberStates.map((s) => ({
      memberState: s.memberState,
      acknowledged: s.acknowledged.map((r) => ({ personId: r.personId, name: r.name, acknowledgedAt: r.at })),
      pending: s.pending.map((r) => ({ personId: r.personId, name: r.name, acknowledgedAt: null })),
    })),
  };
}
