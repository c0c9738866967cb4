import { Context, Query, Resolver } from '@nestjs/graphql';
import { ChannelsPersonalDataService } from '@enlace/channels';
import { PersonService } from '@enlace/directory';
import { IdentityPersonalDataService } from '@enlace/identity';
import { MeetingsPersonalDataService } from '@enlace/meetings';
import { NotificationsPersonalDataService } from '@enlace/notifications';
import { TrainingPersonalDataService } from '@enlace/training';
import { ActionPlansPersonalDataService } from '@enlace/action-plans';
import type { RequestContext } from '../graphql/request-context';

/**
 * A person's own data, from every context that holds some (SPEC §4.1). Each context exports its own
 * rows, for the caller only (UNAUTHENTICATED otherwise); this door puts the parts together, since no
 * context may read another's tables (docs/architecture.md). Days are `YYYY-MM-DD`, moments ISO 8601.
 */
@Resolver()
export class PersonalDataResolver {
  constructor(
    private readonly directory: PersonService,
    private readonly identity: IdentityPersonalDataService,
    private readonly channels: ChannelsPersonalDataService,
    private readonly notifications: NotificationsPersonalDataService,
    private readonly meetings: MeetingsPersonalDataService,
    private readonly training: TrainingPersonalDataService,
    private readonly actionPlans: ActionPlansPersonalDataService,
  ) {}

  @Query(() => String, {
    description:
      'Everything Enlace holds about you, as a JSON document (personal-data export): your directory record, contact details, terms, relationships and audit trail; account, sessions, password resets and invitations (received and sent); channels, messages with their earlier versions, reactions and acknowledged notices; notifications and preferences; meeting invitations and answers, and the whole roles you invited to meetings; training enrolments, attendance, completion and certificates, and the trainings and sessions you give; action plans you created, plan actions you are named for and progress reports you wrote. Days are YYYY-MM-DD, moments ISO 8601 UTC.',
  })
  async myPersonalData(@Context() ctx: RequestContext): Promise<string> {
    const directory = await this.directory.personalData(ctx.actor);
    const [identity, channels, notifications, meetings, training, actionPlans] = await Promise.all([
      this.identity.personalData(ctx.actor),
      this.channels.personalData(ctx.actor),
      this.notifications.personalData(ctx.actor),
      this.meetings.personalData(ctx.actor),
      this.training.personalData(ctx.actor),
      this.actionPlans.personalData(ctx.actor),
    ]);
    const data = {
      exportedAt: new Date().toISOString(),
      ...directory,
      ...identity,
      ...channels,
      ...notifications,
      ...meetings,
      ...training,
      ...actionPlans,
    };
    return JSON.stringify(data, null, 2);
  }
}
