import type { Operation } from './test-app';

/** Operation builders for meetings. */

export const MEETING_FIELDS = `id networkId kind status title { text language status } start end startsAt endsAt
  timeZone place onlineUrl languages interpretation visibility partnerNetworkIds hosts { countryCode role }
  rsvp { invited accepted declined tentative pending } myResponse sequence version`;

export interface MeetingData {
  id: string;
  networkId: string;
  kind: string;
  status: string;
  title: { text: string; language: string; status: string };
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  onlineUrl: string | null;
  languages: string[];
  interpretation: string[];
  visibility: string;
  partnerNetworkIds: string[];
  hosts: { countryCode: string; role: string }[];
  rsvp: { invited: number; accepted: number; declined: number; tentative: number; pending: number };
  myResponse: string | null;
  sequence: number;
  version: number;
  invitees?: { personId: string; name: string; response: string; viaRole: string | null }[] | null;
}

export const createMeeting = (input: Record<string, unknown>): Operation => ({
  query: `mutation Create($input: CreateMeetingInput!) { createMeeting(input: $input) { ${MEETING_FIELDS} } }`,
  variables: { input },
});

export const updateMeeting = (input: Record<string, unknown>): Operation => ({
  query: `mutation Update($input: UpdateMeetingInput!) { updateMeeting(input: $input) { ${MEETING_FIELDS} } }`,
  variables: { input },
});

type Step = 'scheduleMeeting' | 'cancelMeeting' | 'markMeetingHeld' | 'closeMeeting';

export const meetingStep = (step: Step, meetingId: string, expectedVersion: number): Operation => ({
  query: `mutation Step($input: MeetingStepInput!) { ${step}(input: $input) { ${MEETING_FIELDS} } }`,
  variables: { input: { meetingId, expectedVersion } },
});

export const rescheduleMeeting = (input: Record<string, unknown>): Operation => ({
  query: `mutation Reschedule($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { ${MEETING_FIELDS} } }`,
  variables: { input },
});

export const inviteToMeeting = (input: {
  meetingId: string;
  personIds?: string[];
  roles?: { networkId: string; role: string }[];
}): Operation => ({
  query: `mutation Invite($input: InviteToMeetingInput!) {
    inviteToMeeting(input: $input) { added meeting { ${MEETING_FIELDS} invitees { personId name response viaRole } } }
  }`,
  variables: { input },
});

export const uninviteFromMeeting = (meetingId: string, personId: string): Operation => ({
  query: `mutation Uninvite($input: MeetingInviteeInput!) { uninviteFromMeeting(input: $input) { ${MEETING_FIELDS} } }`,
  variables: { input: { meetingId, personId } },
});

export const respondToMeeting = (meetingId: string, response: string): Operation => ({
  query: `mutation Respond($input: RespondToMeetingInput!) {
    respondToMeetingInvitation(input: $input) { ${MEETING_FIELDS} }
  }`,
  variables: { input: { meetingId, response } },
});

export const meetingById = (id: string): Operation => ({
  query: `query Meeting($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} invitees { personId name response viaRole } } }`,
  variables: { id },
});

export const meetingsList = (variables: Record<string, unknown> = {}): Operation => ({
  query: `query Meetings($first: Int, $after: String, $networkId: ID, $kind: MeetingKind, $status: MeetingStatus,
      $from: DateTime, $to: DateTime, $mine: Boolean, $descending: Boolean) {
    meetings(first: $first, after: $after, networkId: $networkId, kind: $kind, status: $status, from: $from, to: $to,
             mine: $mine, descending: $descending) {
      totalCount edges { cursor node { ${MEETING_FIELDS} invitees { personId response } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  variables,
});
