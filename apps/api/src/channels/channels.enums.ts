import { registerEnumType } from '@nestjs/graphql';
import { CHANNEL_KINDS } from '@enlace/channels';
import { enumOf } from '../graphql/models/enums';

export const ChannelKindEnum = enumOf(CHANNEL_KINDS);
registerEnumType(ChannelKindEnum, {
  name: 'ChannelKind',
  description:
    'NETWORK: every member of the owning network; GROUP: named members; JOINT: shared with named partner networks; DIRECT: two or more people; MEETING: a meeting’s invitees, kept by the meeting.',
});
