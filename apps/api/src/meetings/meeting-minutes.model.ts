import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import {
  approvalsNeeded,
  MinutesRevisionRow,
  MinutesRow,
  MinutesStatus,
  SignOffDecision,
  type Quorum,
} from '@enlace/meetings';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';
import { MinutesStatusEnum, SignOffDecisionEnum } from './minutes.enums';

@ObjectType('MinutesQuorum', {
  description: 'The share of the member states present whose approval approves the minutes.',
})
export class MinutesQuorumModel {
  @Field(() => Int)
  numerator!: number;

  @Field(() => Int)
  denominator!: number;
}

@ObjectType('MinutesSignOff', { description: 'One member state’s voice on the minutes.' })
export class MinutesSignOffModel {
  @Field({ description: 'ISO 3166-1 alpha-2 code of the member state.' })
  memberState!: string;

  @Field({ description: 'The member state’s name in the request language.' })
  memberStateName!: string;

  @Field(() => SignOffDecisionEnum)
  decision!: SignOffDecision;

  @Field(() => String, { nullable: true, description: 'Why the state objects (required for an objection).' })
  reason!: string | null;

  @Field(() => Int, { description: 'The revision the voice was given on.' })
  revision!: number;

  @Field(() => Date)
  signedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'Who signed: for organisers and invitees (never for observers).' })
  personId!: string | null;

  @Field(() => String, { nullable: true })
  personName!: string | null;
}

@ObjectType('MinutesRevision', { description: 'One saved version of the minutes (every save is kept).' })
export class MinutesRevisionModel {
  @Field(() => Int)
  revision!: number;

  @Field(() => TranslatedTextModel)
  text!: TranslatedTextModel;

  @Field(() => Date)
  savedAt!: Date;

  @Field(() => String, { nullable: true })
  savedByName!: string | null;
}

@ObjectType('MeetingMinutes', {
  description: 'The minutes of a held meeting, per language with translation status, signed off by member state.',
})
export class MeetingMinutesModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  meetingId!: string;

  @Field(() => MinutesStatusEnum)
  status!: MinutesStatus;

  @Field(() => TranslatedTextModel, {
    description: 'The text in the request language; `translations` holds each language with its status.',
  })
  text!: TranslatedTextModel;

  @Field(() => MinutesQuorumModel)
  quorum!: Quorum;

  @Field(() => [String], {
    description: 'Member states present (focal point or delegated alternate recorded PRESENT).',
  })
  presentStates!: string[];

  @Field(() => Int, { description: 'Approvals the quorum needs among the member states present.' })
  approvalsNeeded!: number;

  @Field(() => Int)
  approvals!: number;

  @Field(() => [MinutesSignOffModel], { description: 'Every voice, objections with their reasons included.' })
  signOffs!: MinutesSignOffModel[];

  @Field(() => Int, { description: 'The current revision (1 for the first save).' })
  revision!: number;

  @Field(() => Int)
  version!: number;

  @Field(() => Date, { nullable: true })
  circulatedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  approvedAt!: Date | null;

  /** The row, for field resolvers (revisions). */
  row!: MinutesRow;
}

export function toMinutesModel(m: MinutesRow, t: Translator, stateName: (code: string) => string): MeetingMinutesModel {
  return {
    id: m.id,
    meetingId: m.meetingId,
    status: m.status,
    text: toTranslatedText(m.body, t) as TranslatedTextModel,
    quorum: { ...m.quorum },
    presentStates: m.presentStates,
    approvalsNeeded: approvalsNeeded(m.presentStates.length, m.quorum),
    approvals: m.signOffs.filter((s) => s.decision === 'APPROVE').length,
    signOffs: m.signOffs.map((s) => ({ ...s, memberStateName: stateName(s.memberState) })),
    revision: m.revision,
    version: m.version,
    circulatedAt: m.circulatedAt,
    approvedAt: m.approvedAt,
    row: m,
  };
}

export function toMinutesRevisionModel(r: MinutesRevisionRow, t: Translator): MinutesRevisionModel {
  return {
    revision: r.revision,
    text: toTranslatedText(r.body, t) as TranslatedTextModel,
    savedAt: r.savedAt,
    savedByName: r.savedByName,
  };
}
