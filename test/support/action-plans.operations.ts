import type { Operation } from './test-app';

/** Operation builders for action plans, their structure, the progress log and the dashboard. */

export const PLAN_FIELDS = `id networkId memberState status visibility version periodStart periodEnd
  title { text language } summary { text }`;

export const INDICATOR_FIELDS = `id actionId unit valueType baseline target direction currentValue version
  schedule { start end everyMonths } dueDates { dueOn reported } title { text }`;

export const ACTION_FIELDS = `id planId objectiveId position status progress weight startsOn dueOn version
  responsibleOrganisation responsiblePersonId responsiblePersonName tags { key label } title { text }
  indicators { ${INDICATOR_FIELDS} }`;

export const OBJECTIVE_FIELDS = `id planId position version title { text } tags { key label }`;

export const REPORT_FIELDS = `id actionId indicatorId dueOn status progress value supersedes supersededBy authorName
  narrative { text language }`;

export const ROLLUP_FIELDS = `progress overdue indicatorsOnTrack indicatorsOffTrack indicatorsWithoutData
  actionsByStatus { status count }`;

const LINE = `grouping key label plans actions progress done overdue indicatorsOnTrack indicatorsOffTrack`;

export interface PlanData {
  id: string;
  networkId: string;
  memberState: string | null;
  status: string;
  visibility: string;
  version: number;
  title: { text: string; language: string };
}

export interface IndicatorData {
  id: string;
  version: number;
  currentValue: number | null;
  schedule: { start: string; end: string; everyMonths: number };
  dueDates: { dueOn: string; reported: boolean }[];
}

export interface ActionData {
  id: string;
  objectiveId: string;
  status: string;
  progress: number;
  weight: number;
  version: number;
  tags: { key: string; label: string }[];
  indicators: IndicatorData[];
}

export interface ObjectiveData {
  id: string;
  version: number;
  tags: { key: string; label: string }[];
}

export interface ReportData {
  id: string;
  actionId: string;
  indicatorId: string | null;
  status: string | null;
  progress: number | null;
  value: number | null;
  supersedes: string | null;
  supersededBy: string | null;
  authorName: string | null;
}

export interface DashboardLineData {
  grouping: string;
  key: string | null;
  label: string | null;
  plans: number;
  actions: number;
  progress: number | null;
  done: number;
  overdue: number;
  indicatorsOnTrack: number;
  indicatorsOffTrack: number;
}

export interface DashboardData {
  asOf: string;
  total: DashboardLineData;
  byMemberState: DashboardLineData[];
  byRegion: DashboardLineData[];
  byDimension: DashboardLineData[];
  byYear: DashboardLineData[];
}

const mutation =
  (name: string, inputType: string, fields: string) =>
  (input: Record<string, unknown>): Operation => ({
    query: `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${fields} } }`,
    variables: { input },
  });

export const createActionPlan = mutation('createActionPlan', 'CreateActionPlanInput', PLAN_FIELDS);
export const updateActionPlan = mutation('updateActionPlan', 'UpdateActionPlanInput', PLAN_FIELDS);
export const addObjective = mutation('addObjective', 'AddObjectiveInput', OBJECTIVE_FIELDS);
export const updateObjective = mutation('updateObjective', 'UpdateObjectiveInput', OBJECTIVE_FIELDS);
export const addAction = mutation('addAction', 'AddActionInput', ACTION_FIELDS);
export const updateAction = mutation('updateAction', 'UpdateActionInput', ACTION_FIELDS);
export const addIndicator = mutation('addIndicator', 'AddIndicatorInput', INDICATOR_FIELDS);
export const updateIndicator = mutation('updateIndicator', 'UpdateIndicatorInput', INDICATOR_FIELDS);
export const reportProgress = mutation('reportProgress', 'ReportProgressInput', REPORT_FIELDS);
export const reportIndicatorValue = mutation('reportIndicatorValue', 'ReportIndicatorValueInput', REPORT_FIELDS);
export const correctProgressReport = mutation('correctProgressReport', 'CorrectProgressReportInput', REPORT_FIELDS);

export const actionPlanById = (id: string, asOf?: string): Operation => ({
  query: `query ($id: ID!, $asOf: String) { actionPlan(id: $id) { ${PLAN_FIELDS} rollup(asOf: $asOf) { ${ROLLUP_FIELDS} }
    objectives { ${OBJECTIVE_FIELDS} actions { ${ACTION_FIELDS} reports { ${REPORT_FIELDS} } } } } }`,
  variables: { id, asOf },
});

export const actionPlans = (args: Record<string, unknown> = {}): Operation => ({
  query: `query ($networkId: ID, $memberState: String, $status: ActionPlanStatus, $dimension: String, $first: Int) {
    actionPlans(networkId: $networkId, memberState: $memberState, status: $status, dimension: $dimension, first: $first) {
      totalCount edges { node { ${PLAN_FIELDS} } } } }`,
  variables: args,
});

export const networkDashboard = (args: Record<string, unknown>): Operation => ({
  query: `query ($networkId: ID!, $asOf: String, $status: ActionPlanStatus, $periodFrom: String, $periodTo: String) {
    networkDashboard(networkId: $networkId, asOf: $asOf, status: $status, periodFrom: $periodFrom, periodTo: $periodTo) {
      asOf total { ${LINE} } byMemberState { ${LINE} } byRegion { ${LINE} } byDimension { ${LINE} } byYear { ${LINE} } } }`,
  variables: args,
});

export const preventionTags: Operation = { query: `{ preventionTags { key label } }` };

export const SOURCE_FIELDS = `id kind followUpId followUpStatus closesFollowUp protocol article
  recommendation { id source issuedOn text { text language } }`;

export interface SourceData {
  id: string;
  kind: string;
  followUpId: string | null;
  followUpStatus: string | null;
  closesFollowUp: boolean;
  protocol: string | null;
  article: string | null;
  recommendation: { id: string; source: string; issuedOn: string; text: { text: string } } | null;
}

export const createRecommendation = mutation(
  'createRecommendation',
  'CreateRecommendationInput',
  'id networkId source issuedOn text { text language }',
);
export const citeActionSource = mutation(
  'citeActionSource',
  'CiteActionSourceInput',
  `id status sources { ${SOURCE_FIELDS} }`,
);

export const actionsAnswering = (args: Record<string, unknown>): Operation => ({
  query: `query ($followUpId: ID, $decisionId: ID, $recommendationId: ID) {
    actionsAnswering(followUpId: $followUpId, decisionId: $decisionId, recommendationId: $recommendationId) {
      id planId status sources { ${SOURCE_FIELDS} } } }`,
  variables: args,
});

const SNAPSHOT_FIELDS = `id agendaItemId audience attachedByName attachedAt
  dashboard { asOf total { ${LINE} } byMemberState { ${LINE} } byRegion { ${LINE} } byDimension { ${LINE} } byYear { ${LINE} } }`;

export interface SnapshotData {
  id: string;
  agendaItemId: string;
  audience: string;
  attachedByName: string | null;
  dashboard: DashboardData;
}

export const attachPlanDashboard = mutation('attachPlanDashboard', 'AttachPlanDashboardInput', SNAPSHOT_FIELDS);

/** A meeting's agenda items with the plan dashboards attached to them. */
export const agendaPlanDashboards = (meetingId: string): Operation => ({
  query: `query ($id: ID!) { meeting(id: $id) { id agenda { items { id planDashboards { ${SNAPSHOT_FIELDS} } } } } }`,
  variables: { id: meetingId },
});
