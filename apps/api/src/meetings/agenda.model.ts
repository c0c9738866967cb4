import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Language, Translator, Visibility } from '@enlace/core';
import {
  AgendaView,
  Assignee,
  CommuniqueRow,
  DecisionRow,
  FOLLOW_UP_STATUSES,
  FollowUpRow,
  FollowUpStatus,
  NumberedAgendaItem,
} from '@enlace/meetings';
import { enumOf, VisibilityEnum } from '../graphql/models/enums';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';

export const FollowUpStatusEnum = enumOf(FOLLOW_UP_STATUSES);
registerEnumType(FollowUpStatusEnum, { name: 'FollowUpStatus', description: 'OPEN, DONE or DROPPED.' });

@ObjectType('PersonOrMemberState', {
  description: 'Who presents an agenda item or carries out a follow-up: a person, or a member state.',
})
export class PersonOrMemberStateModel {
  @Field(() => ID, { nullable: true })
  personId!: string | null;

  @Field(() => String, { nullable: true, description: 'The person’s name (null for a member state).' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'The member state (ISO 3166-1 alpha-2).' })
  countryCode!: string | null;
}

@ObjectType('FollowUp', {
  description: 'A follow-up action of a decision. Its id is stable (action plans link to it).',
})
export class FollowUpModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  decisionId!: string;

  @Field(() => ID)
  meetingId!: string;

  @Field({ description: 'The decision’s number, "2012/4/1".' })
  decisionNumber!: string;

  @Field(() => TranslatedTextModel)
  text!: TranslatedTextModel;

  @Field(() => PersonOrMemberStateModel, { nullable: true })
  assignee!: PersonOrMemberStateModel | null;

  @Field(() => String, { nullable: true, description: 'Due date, "YYYY-MM-DD".' })
  dueOn!: string | null;

  @Field(() => FollowUpStatusEnum)
  status!: FollowUpStatus;

  @Field(() => Int)
  version!: number;
}

@ObjectType('AgendaItem', { description: 'One agenda item; numbers (1, 1.1, 2) are computed from the order.' })
export class AgendaItemModel {
  @Field(() => ID, { description: 'A generated item’s id is not a stored item’s: it cannot be edited.' })
  id!: string;

  @Field({ description: '"2.1": its place in the agenda.' })
  number!: string;

  @Field(() => Int, { description: '0 for a top-level item.' })
  depth!: number;

  @Field(() => ID, { nullable: true })
  parentId!: string | null;

  @Field(() => Int, { description: '1-based place among its siblings.' })
  position!: number;

  @Field(() => TranslatedTextModel)
  title!: TranslatedTextModel;

  @Field(() => PersonOrMemberStateModel, { nullable: true })
  presenter!: PersonOrMemberStateModel | null;

  @Field(() => Int, { nullable: true })
  durationMinutes!: number | null;

  @Field(() => [String])
  links!: string[];

  @Field({ description: 'True for the "Review of follow-up actions" item computed from earlier meetings.' })
  generated!: boolean;

  @Field(() => [FollowUpModel], { description: 'The open follow-ups a generated review item lists (empty otherwise).' })
  followUps!: FollowUpModel[];
}

@ObjectType('MeetingAgenda', { description: 'A meeting’s agenda with the running total against its slot.' })
export class MeetingAgendaModel {
  @Field(() => ID)
  meetingId!: string;

  @Field(() => Int, { description: 'Give it back with the next agenda edit.' })
  version!: number;

  @Field({ description: 'Once the meeting is HELD, CLOSED or CANCELLED its agenda no longer changes.' })
  locked!: boolean;

  @Field(() => [AgendaItemModel], { description: 'Every item, depth first, in agenda order.' })
  items!: AgendaItemModel[];

  @Field(() => Int, { description: 'The sum of the items’ durations.' })
  totalMinutes!: number;

  @Field(() => Int, { description: 'The meeting’s slot, from its start to its end.' })
  slotMinutes!: number;

  @Field(() => Int, { description: 'How many minutes the items exceed the slot by (0 when they fit).' })
  overBy!: number;
}

@ObjectType('AgendaPayload')
export class AgendaPayloadModel {
  @Field(() => MeetingAgendaModel)
  agenda!: MeetingAgendaModel;

  @Field(() => AgendaItemModel, { nullable: true, description: 'The item added, changed or moved.' })
  item!: AgendaItemModel | null;
}

@ObjectType('MeetingDecision', { description: 'A decision of a held meeting, numbered "year/meeting/number".' })
export class DecisionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  meetingId!: string;

  @Field({ description: '"2012/4/1": the meeting’s year, its place in its body’s series, the decision’s number.' })
  number!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'The meeting’s place in the series of its body (network and kind).' })
  meetingSequence!: number;

  @Field(() => Int, { description: 'The decision’s number within the meeting.' })
  position!: number;

  @Field(() => TranslatedTextModel)
  text!: TranslatedTextModel;

  @Field(() => Int)
  version!: number;

  row!: DecisionRow;
}

@ObjectType('MeetingCommunique', { description: 'A meeting’s public outcome document, with its own visibility.' })
export class CommuniqueModel {
  @Field(() => ID)
  meetingId!: string;

  @Field(() => TranslatedTextModel)
  text!: TranslatedTextModel;

  @Field(() => VisibilityEnum)
  visibility!: Visibility;

  @Field(() => Date, { nullable: true, description: 'Null while a draft (read only by the organisers).' })
  publishedAt!: Date | null;

  @Field(() => Int)
  version!: number;
}

export function toPersonOrMemberState(a: Assignee | null, t: Translator): PersonOrMemberStateModel | null {
  if (!a) return null;
  return {
    personId: a.personId,
    name: a.personId ? (a.personErased ? t.t('directory:erasedName') : a.personName) : null,
    countryCode: a.countryCode,
  };
}

export function toFollowUpModel(f: FollowUpRow, t: Translator, lang?: Language): FollowUpModel {
  return {
    id: f.id,
    decisionId: f.decisionId,
    meetingId: f.meetingId,
    decisionNumber: f.decisionLabel,
    text: toTranslatedText(f.text, t, lang) as TranslatedTextModel,
    assignee: toPersonOrMemberState(f.assignee, t),
    dueOn: f.dueOn,
    status: f.status,
    version: f.version,
  };
}

export function toAgendaItemModel(item: NumberedAgendaItem, t: Translator, lang: Language): AgendaItemModel {
  return {
    id: item.id,
    number: item.number,
    depth: item.depth,
    parentId: item.parentId,
    position: item.position,
    title: toTranslatedText(item.title, t, lang) as TranslatedTextModel,
    presenter: toPersonOrMemberState(item.presenter, t),
    durationMinutes: item.durationMinutes,
    links: item.links,
    generated: false,
    followUps: [],
  };
}

export function toAgendaModel(a: AgendaView, t: Translator): MeetingAgendaModel {
  const lang = a.networkLanguage;
  const items = a.items.map((i) => toAgendaItemModel(i, t, lang));
  if (a.review) {
    items.unshift({
      id: `review-of-follow-ups:${a.meetingId}`,
      number: a.review.number,
      depth: 0,
      parentId: null,
      position: 0,
      title: { text: t.t('meetings:agenda.reviewOfFollowUps'), language: t.lang, status: 'ORIGINAL', translations: [] },
      presenter: null,
      durationMinutes: null,
      links: [],
      generated: true,
      followUps: a.review.followUps.map((f) => toFollowUpModel(f, t, lang)),
    });
  }
  return {
    meetingId: a.meetingId,
    version: a.version,
    locked: a.locked,
    items,
    totalMinutes: a.totalMinutes,
    slotMinutes: a.slotMinutes,
    overBy: a.overBy,
  };
}

export function toDecisionModel(d: DecisionRow, t: Translator): DecisionModel {
  return {
    id: d.id,
    meetingId: d.meetingId,
    number: d.label,
    year: d.year,
    meetingSequence: d.seriesNumber,
    position: d.number,
    text: toTranslatedText(d.text, t, d.networkLanguage as Language) as TranslatedTextModel,
    version: d.version,
    row: d,
  };
}

export function toCommuniqueModel(c: CommuniqueRow, t: Translator): CommuniqueModel {
  return {
    meetingId: c.meetingId,
    text: toTranslatedText(c.text, t, c.networkLanguage) as TranslatedTextModel,
    visibility: c.visibility,
    publishedAt: c.publishedAt,
    version: c.version,
  };
}
