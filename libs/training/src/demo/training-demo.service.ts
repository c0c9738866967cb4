import { Injectable } from '@nestjs/common';
import {
  Actor,
  anonymousActor,
  AuditRepository,
  DEFAULT_LANGUAGE,
  Language,
  TranslatableText,
  TransactionRunner,
} from '@enlace/core';
import { AttendanceRepository } from '../attendance/attendance.repository';
import { newCertificateCode } from '../certificate/certificate-code';
import { CertificateRepository } from '../certificate/certificate.repository';
import { CompletionRepository } from '../completion/completion.repository';
import { CurriculumRepository } from '../curriculum/curriculum.repository';
import { EnrolmentRepository } from '../enrolment/enrolment.repository';
import { checkTrainingDates } from '../training-rules';
import { SessionRepository } from '../session/session.repository';
import { TrainingRepository } from '../training/training.repository';
import type { TrainingDemoData } from './training-demo';
import { TrainingDemoRepository } from './training-demo.repository';

/** The system, as the other demo seeds write: no actor, tagged `seed:demo`. */
const SYSTEM: Actor = { ...anonymousActor(DEFAULT_LANGUAGE), isAdmin: true, requestId: 'seed:demo' };

export interface TrainingDemoSummary {
  readonly curricula: number;
  readonly trainings: number;
  readonly unchanged: number;
  readonly completed: number;
  readonly certificates: number;
}

function texts(given: Partial<Record<Language, string>>, original: Language): TranslatableText {
  return Object.fromEntries(
    Object.entries(given).map(([lang, text]) => [
      lang,
      { text, status: lang === original ? 'ORIGINAL' : 'TRANSLATED' },
    ]),
  ) as TranslatableText;
}

/**
 * Recreates the demo networks' curricula (every version published) and their 2012–2013 trainings
 * (demo/training.json), completed, with their trainers and participants (the current holders of the
 * roles named, for the states named) COMPLETED: what the alumni report and the certificates read.
 * Idempotent: a curriculum of the same network and title, a training of the same network and start,
 * are left as they are. Runs after the directory seed (it needs its people and organisations).
 */
@Injectable()
export class TrainingDemoSeedService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly demo: TrainingDemoRepository,
    private readonly curricula: CurriculumRepository,
    private readonly trainings: TrainingRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly sessions: SessionRepository,
    private readonly attendance: AttendanceRepository,
    private readonly completion: CompletionRepository,
    private readonly certificates: CertificateRepository,
    private readonly audit: AuditRepository,
  ) {}

  async seed(data: TrainingDemoData): Promise<TrainingDemoSummary> {
    let curricula = 0;
    let trainings = 0;
    let unchanged = 0;
    let completed = 0;
    let certificates = 0;
    const versions = new Map<string, string[]>();
    for (const c of data.curricula) {
      await this.transactions.run(async (tx) => {
        const networkId = (await this.demo.networksBySlug(tx, [c.network])).get(c.network);
        if (!networkId) throw new Error(`demo curriculum of unknown network ${c.network}`);
        const title = texts(c.title, c.original);
        const original = c.title[c.original] ?? '';
        let curriculumId = await this.demo.curriculumByTitle(tx, networkId, c.original, original);
        const ids: string[] = [];
        if (!curriculumId) {
          curriculumId = await this.curricula.insertCurriculum(tx, networkId, null);
          curricula += 1;
        }
        for (const [i, v] of c.versions.entries()) {
          let versionId = await this.demo.versionOf(tx, curriculumId, i + 1);
          if (!versionId) {
            versionId = await this.curricula.insertVersion(tx, curriculumId, {
              title,
              description: null,
              basedOn: ids[i - 1] ?? null,
            });
            await this.curricula.replaceModules(
              tx,
              versionId,
              v.modules.map((m) => ({
                title: texts(m.title, c.original),
                objectives: null,
                durationMinutes: m.durationMinutes,
                required: m.required,
                materials: ['https://www.un.org/en/genocideprevention/'],
              })),
            );
            await this.curricula.updateVersion(tx, versionId, { title, description: null, status: 'PUBLISHED' });
            await this.audit.record(tx, SYSTEM, {
              networkId,
              entityType: 'curriculum_version',
              entityId: versionId,
              action: 'create',
              after: { curriculumId, number: i + 1, title, status: 'PUBLISHED' },
            });
          }
          ids.push(versionId);
        }
        versions.set(c.key, ids);
      });
    }
    for (const d of data.trainings) {
      await this.transactions.run(async (tx) => {
        const network = data.curricula.find((c) => c.key === d.curriculum)?.network ?? '';
        const networkId = (await this.demo.networksBySlug(tx, [network])).get(network);
        const versionId = versions.get(d.curriculum)?.[d.version - 1];
        if (!networkId || !versionId) throw new Error(`demo training of unknown curriculum ${d.curriculum}`);
        const dates = checkTrainingDates({ start: d.start, end: d.end, timeZone: d.timeZone });
        if (dates.errors.length > 0) throw new Error(`demo training ${d.start}: ${JSON.stringify(dates.errors)}`);
        const startsAt = dates.startsAt as Date;
        if (await this.demo.trainingStarting(tx, networkId, startsAt)) {
          unchanged += 1;
          return;
        }
        const partners = await this.demo.organisationsNamed(tx, d.partners);
        const title = texts(d.title, d.original);
        const id = await this.trainings.insert(
          tx,
          networkId,
          {
            curriculumVersionId: versionId,
            title,
            format: d.format,
            places: d.places,
            timeZone: d.timeZone,
            startsAt,
            endsAt: dates.endsAt as Date,
            languages: d.languages,
            capacity: d.capacity,
            enrolmentDeadline: null,
            partnerOrganisationIds: partners,
            visibility: d.visibility,
            completionRule: 'ALL_REQUIRED_MODULES',
            completionMinShare: null,
          },
          null,
        );
        const trainers = (await this.demo.holders(tx, networkId, ['TRAINER'], null)).slice(0, d.trainers);
        await this.trainings.setTrainers(
          tx,
          id,
          trainers.map((t) => t.personId),
        );
        const participants = await this.demo.holders(tx, networkId, d.participants.roles, d.participants.states);
        const enrolmentIds: string[] = [];
        for (const p of participants) {
          const enrolmentId = await this.enrolments.insert(tx, {
            trainingId: id,
            personId: p.personId,
            memberState: p.memberState as string,
            status: 'CONFIRMED',
            nominatedBy: null,
          });
          if (enrolmentId) enrolmentIds.push(enrolmentId);
        }
        // Its sessions, everyone present at each, then completion by the training's own rule.
        const modules = await this.demo.modulesOf(tx, versionId);
        const sessions = d.sessions ?? [
          { start: d.start, end: d.end, place: d.places[0], modules: modules.map((_, i) => i + 1) },
        ];
        for (const s of sessions) {
          const when = checkTrainingDates({ start: s.start, end: s.end, timeZone: d.timeZone });
          const sessionId = await this.sessions.insert(tx, id, {
            startsAt: when.startsAt as Date,
            endsAt: when.endsAt as Date,
            place: s.place,
          });
          await this.sessions.setModules(
            tx,
            sessionId,
            s.modules.map((n) => modules[n - 1]),
          );
          if (trainers.length > 0) {
            await this.attendance.upsert(
              tx,
              sessionId,
              enrolmentIds.map((enrolmentId) => ({ enrolmentId, status: 'PRESENT' as const })),
              trainers[0].personId,
            );
          }
        }
        await this.attendance.syncStatuses(tx, enrolmentIds);
        const evaluated = await this.completion.evaluate(tx, id);
        const done = evaluated.filter((e) => e.status === 'COMPLETED').map((e) => e.enrolmentId);
        completed += done.length;
        // Each completion's certificate, with its own verification code (no notification: a seed).
        const issued = await this.certificates.insertMissing(
          tx,
          done,
          done.map(() => newCertificateCode()),
        );
        certificates += issued.length;
        await this.audit.recordMany(
          tx,
          SYSTEM,
          issued.map((c) => ({
            networkId: c.networkId,
            entityType: 'certificate',
            entityId: c.id,
            action: 'issue',
            after: { enrolmentId: c.enrolmentId, personId: c.personId, trainingId: c.trainingId },
          })),
        );
        await this.trainings.setStatus(tx, id, 'RUNNING');
        await this.trainings.markCompleted(tx, id);
        await this.audit.record(tx, SYSTEM, {
          networkId,
          entityType: 'training',
          entityId: id,
          action: 'create',
          after: {
            curriculumVersionId: versionId,
            title,
            start: d.start,
            timeZone: d.timeZone,
            status: d.status,
            participants: participants.length,
            sessions: sessions.length,
          },
        });
        trainings += 1;
      });
    }
    return { curricula, trainings, unchanged, completed, certificates };
  }
}
