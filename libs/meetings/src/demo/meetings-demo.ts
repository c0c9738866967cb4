import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, projectRoot, TranslationStatus, Visibility } from '@enlace/core';
import type { FollowUpStatus } from '../decision/decision.entity';
import type { HostRole, MeetingKind, MeetingStatus } from '../meetings-rules';
import type { MinutesStatus, SignOffDecision } from '../minutes/minutes-rules';

/** A text per language; the meeting's `original` language is ORIGINAL, the others TRANSLATED. */
export type DemoText = Partial<Record<Language, string>>;

/** An agenda item, nested items under it; presented by a member state (country code). */
export interface DemoAgendaItem {
  readonly title: DemoText;
  readonly presenter?: string;
  readonly minutes?: number;
  readonly items?: DemoAgendaItem[];
}

export interface DemoDecision {
  readonly text: DemoText;
  /** Follow-up actions, each assigned to a member state (country code). */
  readonly followUps?: { text: DemoText; assignee: string; dueOn?: string; status: FollowUpStatus }[];
}

/** The minutes: text with each language's status, and the member states' voices in the order given. */
export interface DemoMinutes {
  readonly text: Partial<Record<Language, { text: string; status: TranslationStatus }>>;
  readonly status: MinutesStatus;
  readonly signOffs?: { memberState: string; decision: SignOffDecision; reason?: string }[];
}

/** One demo meeting (demo/meetings.json): a network's own meeting of 2011–2012, or one planned. */
export interface DemoMeeting {
  readonly network: string;
  readonly kind: MeetingKind;
  readonly title: Partial<Record<Language, string>>;
  readonly original: Language;
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly place?: string;
  readonly onlineUrl?: string;
  readonly languages: Language[];
  readonly interpretation: Language[];
  readonly hosts: { countryCode: string; role: HostRole }[];
  readonly visibility: Visibility;
  /** Partner networks of a joint meeting, by slug. */
  readonly partners?: string[];
  /** Roles of the owner whose current holders are invited; `partnerInviteRoles` the same in the partners. */
  readonly inviteRoles: string[];
  readonly partnerInviteRoles?: string[];
  readonly status: MeetingStatus;
  /** The meeting's place in its body's series, for decision numbers (the 4th meeting: 2012/4/1). */
  readonly series?: number;
  readonly agenda?: DemoAgendaItem[];
  /** Member states whose focal points attended (recorded PRESENT; the other invited focal points ABSENT). */
  readonly present?: string[];
  readonly decisions?: DemoDecision[];
  readonly minutes?: DemoMinutes;
  readonly communique?: { text: DemoText; visibility: Visibility; published: boolean };
}

export interface MeetingsDemoData {
  readonly meetings: DemoMeeting[];
}

export function loadMeetingsDemo(file = join(projectRoot(), 'demo', 'meetings.json')): MeetingsDemoData {
  return JSON.parse(readFileSync(file, 'utf8')) as MeetingsDemoData;
}
