import type { Language, TranslatableText, Visibility } from '@enlace/core';
import type { Attendance, HostRole, MeetingKind, MeetingStatus, RsvpResponse } from '../meetings-rules';

export interface MeetingHost {
  readonly countryCode: string;
  readonly role: HostRole;
}

/** Invitation counts by answer, as the organiser reads them. */
export interface RsvpCounts {
  readonly invited: number;
  readonly accepted: number;
  readonly declined: number;
  readonly tentative: number;
  readonly pending: number;
}

/** A meeting (table `meeting`) as the actor may read it, with the actor's own invitation if any. */
export interface MeetingRow {
  readonly id: string;
  readonly networkId: string;
  readonly networkLanguage: Language;
  readonly networkName: TranslatableText;
  readonly kind: MeetingKind;
  readonly title: TranslatableText;
  readonly description: TranslatableText | null;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly place: string | null;
  readonly onlineUrl: string | null;
  readonly languages: Language[];
  readonly interpretation: Language[];
  readonly visibility: Visibility;
  readonly status: MeetingStatus;
  readonly sequence: number;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly partnerNetworkIds: string[];
  readonly hosts: MeetingHost[];
  readonly rsvp: RsvpCounts;
  /** The actor's own answer, when invited. */
  readonly myResponse: RsvpResponse | null;
  /** The meeting's channel, opened when it is scheduled (decision 0019). */
  readonly channelId: string | null;
}

export interface RawMeeting {
  id: string;
  network_id: string;
  network_language: Language;
  network_name: TranslatableText;
  kind: MeetingKind;
  title: TranslatableText;
  description: TranslatableText | null;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  place: string | null;
  online_url: string | null;
  languages: Language[];
  interpretation: Language[];
  visibility: Visibility;
  status: MeetingStatus;
  sequence: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  partner_network_ids: string[] | null;
  hosts: { countryCode: string; role: HostRole }[] | null;
  rsvp: Partial<Record<'invited' | 'accepted' | 'declined' | 'tentative' | 'pending', number | string>> | null;
  my_response: RsvpResponse | null;
  channel_id: string | null;
}

export function toMeeting(r: RawMeeting): MeetingRow {
  const count = (key: keyof RsvpCounts) => Number(r.rsvp?.[key] ?? 0);
  return {
    id: r.id,
    networkId: r.network_id,
    networkLanguage: r.network_language,
    networkName: r.network_name,
    kind: r.kind,
    title: r.title,
    description: r.description,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    timeZone: r.time_zone,
    place: r.place,
    onlineUrl: r.online_url,
    languages: r.languages ?? [],
    interpretation: r.interpretation ?? [],
    visibility: r.visibility,
    status: r.status,
    sequence: r.sequence,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    partnerNetworkIds: r.partner_network_ids ?? [],
    hosts: (r.hosts ?? []).map((h) => ({ countryCode: h.countryCode.trim(), role: h.role })),
    rsvp: {
      invited: count('invited'),
      accepted: count('accepted'),
      declined: count('declined'),
      tentative: count('tentative'),
      pending: count('pending'),
    },
    myResponse: r.my_response,
    channelId: r.channel_id ?? null,
  };
}

/** One invitee of a meeting as the organisers (and the invitee themself) read it. */
export interface InviteeRow {
  readonly meetingId: string;
  readonly personId: string;
  readonly name: string;
  readonly erased: boolean;
  readonly response: RsvpResponse;
  readonly respondedAt: Date | null;
  readonly viaRole: string | null;
  readonly invitedAt: Date;
  /** Recorded by the organisers once the meeting is held (null until then). */
  readonly attendance: Attendance | null;
  /** The focal point who handed this invitation over, and the member state it is held for. */
  readonly delegatedFrom: string | null;
  readonly delegatedState: string | null;
}
