import type { Operation } from './test-app';

/** Operation builders for minutes, sign-off, attendance and delegation. */

export const MINUTES_FIELDS = `id meetingId status text { text language status translations { language text status } }
  quorum { numerator denominator } presentStates approvalsNeeded approvals revision version circulatedAt approvedAt
  signOffs { memberState memberStateName decision reason revision personId personName }`;

export interface MinutesData {
  id: string;
  meetingId: string;
  status: string;
  text: {
    text: string;
    language: string;
    status: string;
    translations: { language: string; text: string; status: string }[];
  };
  quorum: { numerator: number; denominator: number };
  presentStates: string[];
  approvalsNeeded: number;
  approvals: number;
  revision: number;
  version: number;
  circulatedAt: string | null;
  approvedAt: string | null;
  signOffs: {
    memberState: string;
    memberStateName: string;
    decision: string;
    reason: string | null;
    revision: number;
    personId: string | null;
    personName: string | null;
  }[];
  revisions?: { revision: number; text: { text: string; language: string } }[];
}

export const saveMinutes = (input: Record<string, unknown>): Operation => ({
  query: `mutation Save($input: SaveMeetingMinutesInput!) { saveMeetingMinutes(input: $input) { ${MINUTES_FIELDS} } }`,
  variables: { input },
});

export const circulateMinutes = (meetingId: string, expectedVersion: number): Operation => ({
  query: `mutation Circulate($input: CirculateMeetingMinutesInput!) {
    circulateMeetingMinutes(input: $input) { ${MINUTES_FIELDS} }
  }`,
  variables: { input: { meetingId, expectedVersion } },
});

export const approveMinutes = (meetingId: string, expectedVersion: number): Operation => ({
  query: `mutation Approve($input: ApproveMeetingMinutesInput!) { approveMinutes(input: $input) { ${MINUTES_FIELDS} } }`,
  variables: { input: { meetingId, expectedVersion } },
});

export const signOffMinutes = (input: {
  meetingId: string;
  decision: 'APPROVE' | 'OBJECT';
  reason?: string;
  memberState?: string;
}): Operation => ({
  query: `mutation SignOff($input: SignOffMinutesInput!) { signOffMinutes(input: $input) { ${MINUTES_FIELDS} } }`,
  variables: { input },
});

export const delegateInvitation = (meetingId: string): Operation => ({
  query: `mutation Delegate($meetingId: ID!) {
    delegateMeetingInvitation(meetingId: $meetingId) { id myResponse rsvp { invited } }
  }`,
  variables: { meetingId },
});

export const recordAttendance = (meetingId: string, entries: { personId: string; present: string }[]): Operation => ({
  query: `mutation Attendance($input: RecordAttendanceInput!) {
    recordAttendance(input: $input) { id invitees { personId attendance } }
  }`,
  variables: { input: { meetingId, entries } },
});

export interface MeetingWithMinutes {
  id: string;
  myResponse: string | null;
  invitees:
    | {
        personId: string;
        name: string;
        response: string;
        attendance: string | null;
        delegatedFromPersonId: string | null;
        delegatedState: string | null;
      }[]
    | null;
  minutes: MinutesData | null;
}

export const meetingMinutes = (id: string): Operation => ({
  query: `query Minutes($id: ID!) {
    meeting(id: $id) {
      id myResponse
      invitees { personId name response attendance delegatedFromPersonId delegatedState }
      minutes { ${MINUTES_FIELDS} revisions { revision text { text language } } }
    }
  }`,
  variables: { id },
});
