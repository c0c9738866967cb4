import type { Operation } from './test-app';
import { ENROLMENT_FIELDS, TRAINING_FIELDS } from './training.operations';

/** Operation builders for training sessions, attendance and completion. */

export const SESSION_FIELDS = `id trainingId start end startsAt endsAt place moduleIds trainerIds recorded version
  attendance { sessionId enrolmentId personId status }`;

export const COMPLETION_FIELDS = `completion { completed reason reasonCode presentSessions sessions }
  attendance { sessionId status }`;

export const addTrainingSession = (input: Record<string, unknown>): Operation => ({
  query: `mutation ($input: AddTrainingSessionInput!) { addTrainingSession(input: $input) { ${SESSION_FIELDS} } }`,
  variables: { input },
});

export const updateTrainingSession = (input: Record<string, unknown>): Operation => ({
  query: `mutation ($input: UpdateTrainingSessionInput!) { updateTrainingSession(input: $input) { ${SESSION_FIELDS} } }`,
  variables: { input },
});

export const removeTrainingSession = (sessionId: string, expectedVersion: number): Operation => ({
  query: `mutation ($input: TrainingSessionStepInput!) { removeTrainingSession(input: $input) { id sessions { id } } }`,
  variables: { input: { sessionId, expectedVersion } },
});

export const recordTrainingAttendance = (
  sessionId: string,
  entries: { personId: string; status: string }[],
): Operation => ({
  query: `mutation ($input: RecordTrainingAttendanceInput!) { recordTrainingAttendance(input: $input) { ${SESSION_FIELDS} } }`,
  variables: { input: { sessionId, entries } },
});

export const completeTraining = (trainingId: string, expectedVersion: number): Operation => ({
  query: `mutation ($input: TrainingStepInput!) { completeTraining(input: $input) { ${TRAINING_FIELDS} completedAt } }`,
  variables: { input: { trainingId, expectedVersion } },
});

export const setCompletionRule = (input: {
  trainingId: string;
  expectedVersion: number;
  completionRule: string;
  minSessionShare?: number;
}): Operation => ({
  query: `mutation ($input: SetCompletionRuleInput!) { setCompletionRule(input: $input) { ${TRAINING_FIELDS} completionRule minSessionShare } }`,
  variables: { input },
});

export const trainingWithAttendance = (id: string): Operation => ({
  query: `query ($id: ID!) { training(id: $id) { ${TRAINING_FIELDS} completionRule minSessionShare
    sessions { ${SESSION_FIELDS} } enrolments { ${ENROLMENT_FIELDS} ${COMPLETION_FIELDS} } } }`,
  variables: { id },
});
