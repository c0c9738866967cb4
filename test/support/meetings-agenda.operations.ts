import type { Operation } from './test-app';

/** Operation builders for agendas, decisions, follow-ups and communiqués. */

export const FOLLOW_UP_FIELDS = `id decisionId meetingId decisionNumber text { text language } assignee { personId name countryCode }
  dueOn status version`;

export const AGENDA_FIELDS = `meetingId version locked totalMinutes slotMinutes overBy
  items { id number depth parentId position title { text language } presenter { personId name countryCode }
          durationMinutes links generated followUps { ${FOLLOW_UP_FIELDS} } }`;

export const DECISION_FIELDS = `id meetingId number year meetingSequence position text { text language } version
  followUps { ${FOLLOW_UP_FIELDS} }`;

export const COMMUNIQUE_FIELDS = `meetingId text { text language } visibility publishedAt version`;

export interface FollowUpData {
  id: string;
  decisionId: string;
  meetingId: string;
  decisionNumber: string;
  text: { text: string; language: string };
  assignee: { personId: string | null; name: string | null; countryCode: string | null } | null;
  dueOn: string | null;
  status: string;
  version: number;
}

export interface AgendaItemData {
  id: string;
  number: string;
  depth: number;
  parentId: string | null;
  position: number;
  title: { text: string; language: string };
  presenter: { personId: string | null; name: string | null; countryCode: string | null } | null;
  durationMinutes: number | null;
  links: string[];
  generated: boolean;
  followUps: FollowUpData[];
}

export interface AgendaData {
  meetingId: string;
  version: number;
  locked: boolean;
  totalMinutes: number;
  slotMinutes: number;
  overBy: number;
  items: AgendaItemData[];
}

export interface AgendaPayloadData {
  agenda: AgendaData;
  item: AgendaItemData | null;
}

export interface DecisionData {
  id: string;
  meetingId: string;
  number: string;
  year: number;
  meetingSequence: number;
  position: number;
  text: { text: string; language: string };
  version: number;
  followUps: FollowUpData[];
}

export interface CommuniqueData {
  meetingId: string;
  text: { text: string; language: string };
  visibility: string;
  publishedAt: string | null;
  version: number;
}

const mutation =
  (name: string, input: string, fields: string) =>
  (variables: Record<string, unknown>): Operation => ({
    query: `mutation Op($input: ${input}!) { ${name}(input: $input) { ${fields} } }`,
    variables: { input: variables },
  });

const AGENDA_PAYLOAD = `agenda { ${AGENDA_FIELDS} } item { id number }`;

export const addAgendaItem = mutation('addAgendaItem', 'AddAgendaItemInput', AGENDA_PAYLOAD);
export const updateAgendaItem = mutation('updateAgendaItem', 'UpdateAgendaItemInput', AGENDA_PAYLOAD);
export const moveAgendaItem = mutation('moveAgendaItem', 'MoveAgendaItemInput', AGENDA_PAYLOAD);
export const removeAgendaItem = mutation('removeAgendaItem', 'RemoveAgendaItemInput', AGENDA_PAYLOAD);
export const addDecision = mutation('addDecision', 'AddDecisionInput', DECISION_FIELDS);
export const updateDecision = mutation('updateDecision', 'UpdateDecisionInput', DECISION_FIELDS);
export const addFollowUp = mutation('addFollowUp', 'AddFollowUpInput', FOLLOW_UP_FIELDS);
export const updateFollowUp = mutation('updateFollowUp', 'UpdateFollowUpInput', FOLLOW_UP_FIELDS);
export const setFollowUpStatus = mutation('setFollowUpStatus', 'SetFollowUpStatusInput', FOLLOW_UP_FIELDS);
export const setCommunique = mutation('setCommunique', 'SetCommuniqueInput', COMMUNIQUE_FIELDS);
export const publishCommunique = mutation('publishCommunique', 'PublishCommuniqueInput', COMMUNIQUE_FIELDS);

export const meetingAgenda = (id: string): Operation => ({
  query: `query Agenda($id: ID!) { meeting(id: $id) { id agenda { ${AGENDA_FIELDS} } decisions { ${DECISION_FIELDS} } } }`,
  variables: { id },
});

export const communique = (meetingId: string): Operation => ({
  query: `query Communique($meetingId: ID!) { communique(meetingId: $meetingId) { ${COMMUNIQUE_FIELDS} } }`,
  variables: { meetingId },
});

export const meetingsWithAgendas = (networkId: string, first: number): Operation => ({
  query: `query Meetings($networkId: ID, $first: Int) {
    meetings(networkId: $networkId, first: $first) {
      edges {
        node {
          id agenda { ${AGENDA_FIELDS} } decisions { ${DECISION_FIELDS} }
          rsvp { invited accepted declined tentative pending } invitees { personId response }
        }
      }
    }
  }`,
  variables: { networkId, first },
});
