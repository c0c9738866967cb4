import { Foundation1732000000000 } from './1732000000000-foundation';
import { Directory1732100000000 } from './1732100000000-directory';
import { Channels1732300000000 } from './1732300000000-channels';
import { Notifications1732200000000 } from './1732200000000-notifications';
import { SeatTerms1732400000000 } from './1732400000000-seat-terms';
import { SignInAddresses1732450000000 } from './1732450000000-sign-in-addresses';
import { OutboxSecrets1732500000000 } from './1732500000000-outbox-secrets';
import { DirectoryScopedKeys1732550000000 } from './1732550000000-directory-scoped-keys';
import { ErasedKeys1732560000000 } from './1732560000000-erased-keys';
import { VisibilityKeys1732600000000 } from './1732600000000-visibility-keys';
import { PersonTimeZone1732700000000 } from './1732700000000-person-time-zone';
import { DirectoryFields1732730000000 } from './1732730000000-directory-fields';
import { ChannelSearch1732810000000 } from './1732810000000-channel-search';
import { ChannelNotices1732820000000 } from './1732820000000-channel-notices';
import { Meetings1732740000000 } from './1732740000000-meetings';
import { CalendarFeeds1732750000000 } from './1732750000000-calendar-feeds';
import { MeetingAgenda1732760000000 } from './1732760000000-meeting-agenda';
import { MeetingMinutes1732770000000 } from './1732770000000-meeting-minutes';
import { MeetingReminders1732780000000 } from './1732780000000-meeting-reminders';
import { RelationshipMapping1732790000000 } from './1732790000000-relationship-mapping';
import { Training1732830000000 } from './1732830000000-training';
import { MeetingChannels1732840000000 } from './1732840000000-meeting-channels';
import { TrainingAttendance1732860000000 } from './1732860000000-training-attendance';
import { Certificates1732870000000 } from './1732870000000-certificates';
import { ActionPlans1732890000000 } from './1732890000000-action-plans';
import { PlanSources1732891000000 } from './1732891000000-plan-sources';
import { PlanTemplatesComments1732920000000 } from './1732920000000-plan-templates-comments';
import { PlanDashboardSnapshots1732940000000 } from './1732940000000-plan-dashboard-snapshots';
import { PlanKeysSnapshotPlans1732960000000 } from './1732960000000-plan-keys-snapshot-plans';

/** Every migration, oldest first. Add a new class here when you add a file. */
export const MIGRATIONS = [
  Foundation1732000000000,
  Directory1732100000000,
  Notifications1732200000000,
  Channels1732300000000,
  SeatTerms1732400000000,
  SignInAddresses1732450000000,
  OutboxSecrets1732500000000,
  DirectoryScopedKeys1732550000000,
  ErasedKeys1732560000000,
  VisibilityKeys1732600000000,
  PersonTimeZone1732700000000,
  DirectoryFields1732730000000,
  Meetings1732740000000,
  CalendarFeeds1732750000000,
  MeetingAgenda1732760000000,
  MeetingMinutes1732770000000,
  MeetingReminders1732780000000,
  RelationshipMapping1732790000000,
  ChannelSearch1732810000000,
  ChannelNotices1732820000000,
  Training1732830000000,
  MeetingChannels1732840000000,
  TrainingAttendance1732860000000,
  Certificates1732870000000,
  ActionPlans1732890000000,
  PlanSources1732891000000,
  PlanTemplatesComments1732920000000,
  PlanDashboardSnapshots1732940000000,
  PlanKeysSnapshotPlans1732960000000,
];
