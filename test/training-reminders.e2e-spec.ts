import { insertMemberState, insertNetwork } from '@enlace/testing';
import { TrainingReminderService } from '@enlace/training';
import { signedInMember, SignedInMember } from './support/members';
import { myNotifications, NotificationData, setNotificationPreference } from './support/notifications.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';
import { addTrainingSession } from './support/training-attendance.operations';
import {
  createCurriculum,
  createTraining,
  curriculumStep,
  nominate,
  trainingStep,
} from './support/training.operations';

const KINDS = ['trainingDeadlineReminder', 'trainingStartReminder', 'trainingAttendanceReminder'];

/** A local time in UTC, "YYYY-MM-DDTHH:mm", `hours` from now. */
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 16);

describe('training reminders', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  const reminders = async (who: SignedInMember) =>
    (
      await ok(
        t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications({ first: 50 }), {
          token: who.token,
        }),
      )
    ).myNotifications.edges
      .map((e) => e.node)
      .filter((n) => KINDS.includes(n.kind));

  it('reminds focal points of states that nominated nobody, the confirmed, and trainers of sessions with no attendance, once each, in their language', async () => {
    const network = (await insertNetwork(t.dataSource, { defaultLanguage: 'en' })).id;
    for (const code of ['KE', 'UG']) await insertMemberState(t.dataSource, { networkId: network, countryCode: code });
    const secretariat = await signedInMember(t, { name: 'Secretariat', networkId: network, role: 'SECRETARIAT' });
    const kenya = await signedInMember(t, {
      name: 'FP Kenya',
      networkId: network,
      role: 'FOCAL_POINT',
      memberState: 'KE',
    });
    const uganda = await signedInMember(t, {
      name: 'FP Uganda',
      networkId: network,
      role: 'FOCAL_POINT',
      memberState: 'UG',
      preferredLanguage: 'fr',
    });
    const trainer = await signedInMember(t, {
      name: 'Trainer',
      networkId: network,
      role: 'TRAINER',
      preferredLanguage: 'es',
    });
    const official = await signedInMember(t, {
      name: 'Official',
      networkId: network,
      role: 'OBSERVER',
      preferredLanguage: 'pt',
    });
    const quiet = await signedInMember(t, { name: 'Quiet', networkId: network, role: 'OBSERVER' });
    await ok(t.gql(setNotificationPreference('trainingStartReminder', 'OFF'), { token: quiet.token }));

    const draft = (
      await ok(
        t.gql<{ createCurriculum: { id: string; version: number; modules: { id: string }[] } }>(
          {
            ...createCurriculum({
              networkId: network,
              title: [{ language: 'en', text: 'Early warning' }],
              modules: [{ title: [{ language: 'en', text: 'Framework' }], durationMinutes: 120 }],
            }),
            query: `mutation ($input: CreateCurriculumInput!) { createCurriculum(input: $input) { id version modules { id } } }`,
          },
          { token: secretariat.token },
        ),
      )
    ).createCurriculum;
    await ok(t.gql(curriculumStep('publishCurriculum', draft.id, draft.version), { token: secretariat.token }));
    const training = async (startsIn: number, endsIn: number, extra: Record<string, unknown> = {}) => {
      const created = (
        await ok(
          t.gql<{ createTraining: { id: string; version: number } }>(
            createTraining({
              networkId: network,
              curriculumVersionId: draft.id,
              format: 'ONLINE',
              start: inHours(startsIn),
              end: inHours(endsIn),
              timeZone: 'UTC',
              capacity: 10,
              trainerIds: [trainer.personId],
              ...extra,
            }),
            { token: secretariat.token },
          ),
        )
      ).createTraining;
      const opened = (
        await ok(
          t.gql<{ openNominations: { version: number } }>(
            trainingStep('openNominations', created.id, created.version),
            {
              token: secretariat.token,
            },
          ),
        )
      ).openNominations;
      return { id: created.id, version: opened.version };
    };

    // Starts in 20 hours, nominations close tomorrow: Kenya has nominated two officials, Uganda nobody.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const soon = await training(20, 44, { enrolmentDeadline: tomorrow });
    for (const person of [official, quiet]) {
      await ok(t.gql(nominate({ trainingId: soon.id, personId: person.personId }), { token: kenya.token }));
    }
    // Running since yesterday: its session ended 23 hours ago and nobody recorded attendance.
    const running = await training(-30, 20);
    await ok(
      t.gql(nominate({ trainingId: running.id, personId: official.personId, memberState: 'KE' }), {
        token: secretariat.token,
      }),
    );
    const closed = (
      await ok(
        t.gql<{ closeNominations: { version: number } }>(
          trainingStep('closeNominations', running.id, running.version),
          {
            token: secretariat.token,
          },
        ),
      )
    ).closeNominations;
    await ok(t.gql(trainingStep('startTraining', running.id, closed.version), { token: secretariat.token }));
    await ok(
      t.gql(
        addTrainingSession({
          trainingId: running.id,
          start: inHours(-26),
          end: inHours(-23),
          moduleIds: [draft.modules[0].id],
        }),
        {
          token: trainer.token,
        },
      ),
    );

    const service = t.app.get(TrainingReminderService, { strict: false });
    await service.sendDue();
    await service.sendDue();

    const [deadline] = await reminders(uganda);
    expect(deadline).toMatchObject({ kind: 'trainingDeadlineReminder', subjectId: soon.id, language: 'fr' });
    expect(deadline.title).toMatch(/^Les candidatures se clôturent le .+ : Early warning$/);
    expect(await reminders(kenya)).toEqual([]);
    const [start] = await reminders(official);
    expect(start).toMatchObject({
      kind: 'trainingStartReminder',
      subjectId: soon.id,
      title: 'Começa em breve: Early warning',
    });
    expect(await reminders(official)).toHaveLength(1);
    expect(await reminders(quiet)).toEqual([]);
    const [attendance] = await reminders(trainer);
    expect(attendance).toMatchObject({
      kind: 'trainingAttendanceReminder',
      subjectId: running.id,
      title: 'Registre la asistencia: Early warning',
    });
    expect(await reminders(trainer)).toHaveLength(1);
  });
});
