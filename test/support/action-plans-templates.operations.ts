import type { Operation } from './test-app';
import { PLAN_FIELDS } from './action-plans.operations';

/** Operation builders for plan templates and comments on plans. */

export const TEMPLATE_FIELDS = `id networkId seriesId version latestVersion visibility publishedByName
  title { text language } summary { text }
  objectives { title { text } tags actions { title { text } weight tags startOffset dueOffset responsibleOrganisation
    indicators { title { text } unit valueType baseline target direction everyMonths } } }`;

export const COMMENT_FIELDS = `id planId objectiveId actionId authorName body createdAt`;

export interface TemplateData {
  id: string;
  networkId: string;
  seriesId: string;
  version: number;
  latestVersion: number;
  visibility: string;
  title: { text: string; language: string };
  objectives: {
    title: { text: string };
    tags: string[];
    actions: {
      title: { text: string };
      weight: number;
      startOffset: number;
      dueOffset: number;
      indicators: { title: { text: string }; unit: string; everyMonths: number }[];
    }[];
  }[];
}

export interface CommentData {
  id: string;
  planId: string;
  objectiveId: string | null;
  actionId: string | null;
  authorName: string | null;
  body: string;
}

const mutation =
  (name: string, inputType: string, fields: string) =>
  (input: Record<string, unknown>): Operation => ({
    query: `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${fields} } }`,
    variables: { input },
  });

export const publishPlanTemplate = mutation('publishPlanTemplate', 'PublishPlanTemplateInput', TEMPLATE_FIELDS);
export const copyPlanTemplate = mutation(
  'copyPlanTemplate',
  'CopyPlanTemplateInput',
  `${PLAN_FIELDS} template { id version }
   objectives { title { text } tags { key } actions { title { text } startsOn dueOn weight status responsiblePersonId
     indicators { unit schedule { start end everyMonths } dueDates { dueOn } } } }`,
);
export const commentOnPlan = mutation('commentOnPlan', 'CommentOnPlanInput', COMMENT_FIELDS);

export const planTemplates = (args: Record<string, unknown> = {}): Operation => ({
  query: `query ($networkId: ID, $seriesId: ID, $allVersions: Boolean) {
    planTemplates(networkId: $networkId, seriesId: $seriesId, allVersions: $allVersions) { ${TEMPLATE_FIELDS} } }`,
  variables: args,
});

export const planTemplate = (id: string): Operation => ({
  query: `query ($id: ID!) { planTemplate(id: $id) { ${TEMPLATE_FIELDS} } }`,
  variables: { id },
});

export const planWithComments = (id: string): Operation => ({
  query: `query ($id: ID!) { actionPlan(id: $id) { id version template { id version } commentCount
    comments { ${COMMENT_FIELDS} } } }`,
  variables: { id },
});
