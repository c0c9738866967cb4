import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, projectRoot, Visibility } from '@enlace/core';
import type { HostRole, MeetingKind, MeetingStatus } from '../meetings-rules';

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
}

export interface MeetingsDemoData {
  readonly meetings: DemoMeeting[];
}

export function loadMeetingsDemo(file = join(projectRoot(), 'demo', 'meetings.json')): MeetingsDemoData {
  return JSON.parse(readFileSync(file, 'utf8')) as MeetingsDemoData;
}
