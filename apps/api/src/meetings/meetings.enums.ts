import { registerEnumType } from '@nestjs/graphql';
import { HOST_ROLES, MEETING_KINDS, MEETING_STATUSES, RSVP_RESPONSES } from '@enlace/meetings';
import { enumOf } from '../graphql/models/enums';

export const MeetingKindEnum = enumOf(MEETING_KINDS);
registerEnumType(MeetingKindEnum, { name: 'MeetingKind' });

export const MeetingStatusEnum = enumOf(MEETING_STATUSES);
registerEnumType(MeetingStatusEnum, {
  name: 'MeetingStatus',
  description: 'DRAFT → SCHEDULED → HELD → CLOSED, or CANCELLED from DRAFT or SCHEDULED.',
});

export const HostRoleEnum = enumOf(HOST_ROLES);
registerEnumType(HostRoleEnum, { name: 'MeetingHostRole' });

export const RsvpResponseEnum = enumOf(RSVP_RESPONSES);
registerEnumType(RsvpResponseEnum, { name: 'RsvpResponse' });
