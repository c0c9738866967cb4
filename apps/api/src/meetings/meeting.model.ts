import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { instantToLocal, type Language, type Translator, type Visibility } from '@enlace/core';
import type { HostRole, MeetingKind, MeetingRow, MeetingStatus, RsvpResponse } from '@enlace/meetings';
import { Paginated } from '../graphql/models/connection.model';
import { LanguageEnum, VisibilityEnum } from '../graphql/models/enums';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';
import { HostRoleEnum, MeetingKindEnum, MeetingStatusEnum, RsvpResponseEnum } from './meetings.enums';

@ObjectType('MeetingHost', { description: 'A member state hosting, co-hosting or chairing a meeting.' })
export class MeetingHostModel {
  @Field()
  countryCode!: string;

  @Field(() => HostRoleEnum)
  role!: HostRole;
}

@ObjectType('RsvpCounts', { description: 'How many invitees gave each answer.' })
export class RsvpCountsModel {
  @Field(() => Int)
  invited!: number;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  declined!: number;

  @Field(() => Int)
  tentative!: number;

  @Field(() => Int)
  pending!: number;
}

@ObjectType('Meeting', { description: 'A meeting owned by a network, optionally joint with partner networks.' })
export class MeetingModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field(() => MeetingKindEnum)
  kind!: MeetingKind;

  @Field(() => MeetingStatusEnum)
  status!: MeetingStatus;

  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;

  @Field(() => TranslatedTextModel, { nullable: true })
  description!: TranslatedTextModel | null;

  @Field({ description: 'Local start in the meeting’s time zone, "YYYY-MM-DDTHH:mm".' })
  start!: string;

  @Field({ description: 'Local end in the meeting’s time zone, "YYYY-MM-DDTHH:mm".' })
  end!: string;

  @Field(() => Date, { description: 'The start as an instant (UTC).' })
  startsAt!: Date;

  @Field(() => Date, { description: 'The end as an instant (UTC).' })
  endsAt!: Date;

  @Field({ description: 'IANA time zone the meeting is held in (Africa/Kinshasa).' })
  timeZone!: string;

  @Field(() => String, { nullable: true })
  place!: string | null;

  @Field(() => String, { nullable: true })
  onlineUrl!: string | null;

  @Field(() => [LanguageEnum], { description: 'Working languages of the meeting.' })
  languages!: Language[];

  @Field(() => [LanguageEnum], { description: 'Languages with interpretation.' })
  interpretation!: Language[];

  @Field(() => VisibilityEnum)
  visibility!: Visibility;

  @Field(() => [ID], { description: 'A joint meeting’s partner networks.' })
  partnerNetworkIds!: string[];

  @Field(() => [MeetingHostModel])
  hosts!: MeetingHostModel[];

  @Field(() => RsvpCountsModel)
  rsvp!: RsvpCountsModel;

  @Field(() => RsvpResponseEnum, { nullable: true, description: 'My own answer, when I am invited.' })
  myResponse!: RsvpResponse | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The channel of the meeting’s invitees (its members), opened when the meeting is scheduled: for the invitees; null before scheduling and for other readers.',
  })
  channelId!: string | null;

  @Field(() => Int, { description: 'Counts the changes a calendar program must show (iCalendar SEQUENCE).' })
  sequence!: number;

  @Field(() => Int)
  version!: number;

  /** The row, for field resolvers (invitees). */
  row!: MeetingRow;
}

export const MeetingConnection = Paginated(MeetingModel);

export function toMeetingModel(m: MeetingRow, t: Translator): MeetingModel {
  return {
    id: m.id,
    networkId: m.networkId,
    kind: m.kind,
    status: m.status,
    title: toTranslatedText(m.title, t, m.networkLanguage) as TranslatedTextModel,
    description: toTranslatedText(m.description, t, m.networkLanguage),
    start: instantToLocal(m.startsAt, m.timeZone),
    end: instantToLocal(m.endsAt, m.timeZone),
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    timeZone: m.timeZone,
    place: m.place,
    onlineUrl: m.onlineUrl,
    languages: m.languages,
    interpretation: m.interpretation,
    visibility: m.visibility,
    partnerNetworkIds: m.partnerNetworkIds,
    hosts: m.hosts.map((h) => ({ ...h })),
    rsvp: { ...m.rsvp },
    myResponse: m.myResponse,
    // The channel is read by its members only, who are the invitees.
    channelId: m.myResponse !== null ? m.channelId : null,
    sequence: m.sequence,
    version: m.version,
    row: m,
  };
}
