import type { Operation } from './test-app';

/** Operation builders for curricula, trainings and enrolment. */

export const CURRICULUM_FIELDS = `id curriculumId networkId number status basedOn version totalMinutes
  title { text language } modules { position durationMinutes required materials title { text language } }`;

export const TRAINING_FIELDS = `id networkId curriculumVersionId status format places timeZone start end startsAt capacity
  quotas { countryCode seats } enrolmentDeadline seated waitlisted version title { text language }`;

export const ENROLMENT_FIELDS = `id trainingId personId name memberState status position`;

export interface EnrolmentData {
  id: string;
  trainingId: string;
  personId: string;
  name: string;
  memberState: string;
  status: string;
  position: number;
}

export const createCurriculum = (input: Record<string, unknown>): Operation => ({
  query: `mutation ($input: CreateCurriculumInput!) { createCurriculum(input: $input) { ${CURRICULUM_FIELDS} } }`,
  variables: { input },
});

export const updateCurriculum = (input: Record<string, unknown>): Operation => ({
  query: `mutation ($input: UpdateCurriculumInput!) { updateCurriculum(input: $input) { ${CURRICULUM_FIELDS} } }`,
  variables: { input },
});

export const curriculumStep = (
  step: 'publishCurriculum' | 'archiveCurriculum',
  versionId: string,
  expectedVersion: number,
): Operation => ({
  query: `mutation ($input: CurriculumStepInput!) { ${step}(input: $input) { ${CURRICULUM_FIELDS} } }`,
  variables: { input: { versionId, expectedVersion } },
});

export const newCurriculumVersion = (fromVersionId: string): Operation => ({
  query: `mutation ($id: ID!) { newCurriculumVersion(fromVersionId: $id) { ${CURRICULUM_FIELDS} } }`,
  variables: { id: fromVersionId },
});

export const curriculumById = (id: string): Operation => ({
  query: `query ($id: ID!) { curriculum(id: $id) { ${CURRICULUM_FIELDS} } }`,
  variables: { id },
});

export const createTraining = (input: Record<string, unknown>): Operation => ({
  query: `mutation ($input: CreateTrainingInput!) { createTraining(input: $input) { ${TRAINING_FIELDS} } }`,
  variables: { input },
});

export const trainingStep = (
  step: 'openNominations' | 'closeNominations' | 'startTraining' | 'cancelTraining',
  trainingId: string,
  expectedVersion: number,
): Operation => ({
  query: `mutation ($input: TrainingStepInput!) { ${step}(input: $input) { ${TRAINING_FIELDS} } }`,
  variables: { input: { trainingId, expectedVersion } },
});

export const trainingById = (id: string): Operation => ({
  query: `query ($id: ID!) { training(id: $id) { ${TRAINING_FIELDS} enrolments { ${ENROLMENT_FIELDS} } } }`,
  variables: { id },
});

export const nominate = (input: { trainingId: string; personId: string; memberState?: string }): Operation => ({
  query: `mutation ($input: NominateInput!) { nominate(input: $input) { ${ENROLMENT_FIELDS} } }`,
  variables: { input },
});

export const withdraw = (enrolmentId: string): Operation => ({
  query: `mutation ($id: ID!) { withdraw(enrolmentId: $id) { ${ENROLMENT_FIELDS} } }`,
  variables: { id: enrolmentId },
});

export const confirmEnrolment = (enrolmentId: string): Operation => ({
  query: `mutation ($id: ID!) { confirmEnrolment(enrolmentId: $id) { ${ENROLMENT_FIELDS} } }`,
  variables: { id: enrolmentId },
});

export const REPORT_GROUP_FIELDS = `key label officials trainings`;

export const trainingReport = (args: {
  networkId?: string;
  curriculumId?: string;
  fromYear?: number;
  toYear?: number;
}): Operation => ({
  query: `query ($networkId: ID, $curriculumId: ID, $fromYear: Int, $toYear: Int) {
    trainingReport(networkId: $networkId, curriculumId: $curriculumId, fromYear: $fromYear, toYear: $toYear) {
      officials trainings
      byCountry { ${REPORT_GROUP_FIELDS} } byNetwork { ${REPORT_GROUP_FIELDS} } byOrganisation { ${REPORT_GROUP_FIELDS} }
      byYear { ${REPORT_GROUP_FIELDS} } byCycle { ${REPORT_GROUP_FIELDS} }
      trainedMoreThanOnce { personId name memberStates organisation cycles trainings { trainingId title year cycle status memberState } }
      untrainedMemberStates { networkId network countryCode country }
    }
  }`,
  variables: args,
});
