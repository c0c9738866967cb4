import { Injectable } from '@nestjs/common';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  can,
  cursorKey,
  DomainError,
  FieldError,
  isCountryCode,
  isIsoDate,
  isLanguage,
  isUuid,
  Language,
  memberNetworkIds,
  Page,
  pageRequest,
  requirePerson,
  resolveText,
  throwIfAny,
  toPage,
  TransactionRunner,
  TranslationInputLike,
  Tx,
  Visibility,
  VISIBILITIES,
} from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import { CurriculumService } from '../curriculum/curriculum.service';
import {
  checkCompletionRule,
  checkTrainingDates,
  CompletionRule,
  TRAINING_FORMATS,
  TRAINING_STATUSES,
  TrainingFormat,
  TrainingStatus,
  trainingTransitionError,
} from '../training-rules';
import { TrainingRow } from './training.entity';
import { TrainingRepository, TrainingValues } from './training.repository';

export interface CreateTrainingCommand {
  readonly networkId: string;
  readonly curriculumVersionId: string;
  /** Defaults to the curriculum version's title. */
  readonly title?: readonly TranslationInputLike[] | null;
  readonly format: string;
  readonly places?: readonly string[] | null;
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly languages?: readonly string[] | null;
  readonly capacity: number;
  readonly quotas?: readonly { countryCode: string; seats: number }[] | null;
  readonly enrolmentDeadline?: string | null;
  readonly trainerIds?: readonly string[] | null;
  readonly partnerOrganisationIds?: readonly string[] | null;
  readonly visibility?: string | null;
  /** Defaults to ALL_REQUIRED_MODULES. */
  readonly completionRule?: string | null;
  /** MIN_SHARE_OF_SESSIONS: the share of sessions to attend, in (0, 1]. */
  readonly minSessionShare?: number | null;
}

/**
 * Trainings (cohorts, SPEC §4.2): each delivers one published curriculum version, run by the owner
 * network's secretariat (RUN_TRAININGS) with its assigned trainers; lifecycle DRAFT → OPEN (for
 * nominations) → CLOSED → RUNNING → COMPLETED, or CANCELLED before it runs.
 */
@Injectable()
export class TrainingService {
  constructor(
    private readonly trainings: TrainingRepository,
    private readonly curricula: CurriculumService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationService,
  ) {}

  async get(actor: Actor, trainingId: unknown, tx?: Tx, lock = false): Promise<TrainingRow> {
    if (!isUuid(trainingId)) throw DomainError.notFound();
    const found = await this.trainings.findReadable(actor, trainingId, tx, lock);
    if (!found) throw DomainError.notFound();
    return found;
  }

  /** May `actor` run this training (its secretariat, administrators, its assigned trainers)? */
  canRun(actor: Actor, training: TrainingRow): boolean {
    return can(actor, 'RUN_TRAININGS', {
      networkId: training.networkId,
      assigned: actor.personId !== null && training.trainerIds.includes(actor.personId),
    });
  }

  /** May `actor` manage it (create, open, close, cancel): the network's secretariat and administrators. */
  canManage(actor: Actor, training: Pick<TrainingRow, 'networkId'>): boolean {
    return can(actor, 'RUN_TRAININGS', { networkId: training.networkId });
  }

  async list(
    actor: Actor,
    args: { first?: number | null; after?: string | null; networkId?: string | null; status?: string | null },
  ): Promise<Page<TrainingRow>> {
    const request = pageRequest(args);
    const after = cursorKey(request.after, ['timestamp', 'uuid'] as const);
    const errors: FieldError[] = [];
    if (args.networkId && !isUuid(args.networkId)) errors.push({ field: 'networkId', key: 'validation:invalidValue' });
    if (args.status && !TRAINING_STATUSES.includes(args.status as TrainingStatus)) {
      errors.push({ field: 'status', key: 'validation:invalidValue' });
    }
    throwIfAny(errors);
    const { rows, totalCount } = await this.trainings.list(
      actor,
      { networkId: args.networkId, status: args.status as TrainingStatus | null },
      { first: request.first, after },
    );
    return toPage(rows, request, (t) => [t.startsAt.toISOString(), t.id], totalCount);
  }

  async create(actor: Actor, command: CreateTrainingCommand): Promise<TrainingRow> {
    const me = requirePerson(actor);
    if (!isUuid(command.networkId)) throw DomainError.notFound();
    if (!can(actor, 'RUN_TRAININGS', { networkId: command.networkId })) {
      throw memberNetworkIds(actor).includes(command.networkId) ? DomainError.forbidden() : DomainError.notFound();
    }
    const errors: FieldError[] = [];
    const format = command.format as TrainingFormat;
    if (!TRAINING_FORMATS.includes(format)) errors.push({ field: 'format', key: 'validation:invalidValue' });
    const visibility = (command.visibility ?? 'NETWORK') as Visibility;
    if (!VISIBILITIES.includes(visibility)) errors.push({ field: 'visibility', key: 'validation:invalidValue' });
    const dates = checkTrainingDates(command);
    errors.push(...dates.errors);
    if (!Number.isInteger(command.capacity) || command.capacity < 1 || command.capacity > 10_000) {
      errors.push({ field: 'capacity', key: 'validation:outOfRange', params: { min: 1, max: 10_000 } });
    }
    const quotas = command.quotas ?? [];
    const seen = new Set<string>();
    quotas.forEach((q, i) => {
      const code = typeof q.countryCode === 'string' ? q.countryCode.toUpperCase() : '';
      if (!isCountryCode(code)) {
        errors.push({
          field: `quotas.${i}.countryCode`,
          key: 'directory:unknownCountry',
          params: { value: String(q.countryCode) },
        });
      } else if (seen.has(code)) {
        errors.push({ field: `quotas.${i}.countryCode`, key: 'training:duplicateQuota', params: { value: code } });
      }
      seen.add(code);
      if (!Number.isInteger(q.seats) || q.seats < 0 || q.seats > 10_000) {
        errors.push({ field: `quotas.${i}.seats`, key: 'validation:outOfRange', params: { min: 0, max: 10_000 } });
      }
    });
    if (command.enrolmentDeadline != null && !isIsoDate(command.enrolmentDeadline)) {
      errors.push({ field: 'enrolmentDeadline', key: 'training:invalidDate' });
    }
    const places = (command.places ?? []).map((p) => p.trim()).filter((p) => p !== '');
    if (places.some((p) => p.length > 200))
      errors.push({ field: 'places', key: 'validation:tooLong', params: { max: 200 } });
    if (format !== 'ONLINE' && places.length === 0) errors.push({ field: 'places', key: 'training:placeRequired' });
    const languages: Language[] = [];
    (command.languages ?? []).forEach((l, i) => {
      if (!isLanguage(l))
        errors.push({ field: `languages.${i}`, key: 'validation:unsupportedLanguage', params: { value: String(l) } });
      else if (!languages.includes(l)) languages.push(l);
    });
    const trainerIds = [...new Set(command.trainerIds ?? [])];
    if (trainerIds.some((id) => !isUuid(id))) errors.push({ field: 'trainerIds', key: 'training:unknownPeople' });
    const partners = [...new Set(command.partnerOrganisationIds ?? [])];
    if (partners.some((id) => !isUuid(id)))
      errors.push({ field: 'partnerOrganisationIds', key: 'training:unknownOrganisations' });
    const title = buildTranslatableText(command.title, 'title', { maxLength: 300, defaultStatus: 'ORIGINAL' });
    errors.push(...title.errors);
    const completionRule = (command.completionRule ?? 'ALL_REQUIRED_MODULES') as CompletionRule;
    errors.push(...checkCompletionRule(completionRule, command.minSessionShare));
    throwIfAny(errors);

    return this.transactions.run(async (tx) => {
      if (!(await this.trainings.networkExists(tx, command.networkId))) throw DomainError.notFound();
      let version;
      try {
        version = await this.curricula.get(actor, command.curriculumVersionId, tx);
      } catch {
        throw DomainError.badInput([{ field: 'curriculumVersionId', key: 'training:unknownCurriculum' }]);
      }
      if (version.status !== 'PUBLISHED') {
        throw DomainError.badInput([{ field: 'curriculumVersionId', key: 'training:curriculumNotPublished' }]);
      }
      if (
        (await this.trainings.visibleMembers(tx, actor, trainerIds, command.networkId)).length !== trainerIds.length
      ) {
        throw DomainError.badInput([{ field: 'trainerIds', key: 'training:unknownPeople' }]);
      }
      if ((await this.trainings.organisationsAmong(tx, partners)).length !== partners.length) {
        throw DomainError.badInput([{ field: 'partnerOrganisationIds', key: 'training:unknownOrganisations' }]);
      }
      const values: TrainingValues = {
        curriculumVersionId: version.id,
        title: Object.keys(title.value).length > 0 ? title.value : version.title,
        format,
        places,
        timeZone: command.timeZone,
        startsAt: dates.startsAt as Date,
        endsAt: dates.endsAt as Date,
        languages,
        capacity: command.capacity,
        enrolmentDeadline: command.enrolmentDeadline ?? null,
        partnerOrganisationIds: partners,
        visibility,
        completionRule,
        completionMinShare: command.minSessionShare ?? null,
      };
      const id = await this.trainings.insert(tx, command.networkId, values, me);
      await this.trainings.setQuotas(
        tx,
        id,
        quotas.map((q) => ({ countryCode: q.countryCode.toUpperCase(), seats: q.seats })),
      );
      await this.trainings.setTrainers(tx, id, trainerIds);
      const created = await this.get(actor, id, tx);
      await this.audit.record(tx, actor, {
        networkId: created.networkId,
        entityType: 'training',
        entityId: id,
        action: 'create',
        after: {
          ...values,
          startsAt: values.startsAt.toISOString(),
          endsAt: values.endsAt.toISOString(),
          quotas,
          trainerIds,
        },
      });
      return created;
    });
  }

  openNominations(actor: Actor, command: { trainingId: string; expectedVersion: number }): Promise<TrainingRow> {
    return this.step(actor, command, 'OPEN');
  }

  closeNominations(actor: Actor, command: { trainingId: string; expectedVersion: number }): Promise<TrainingRow> {
    return this.step(actor, command, 'CLOSED');
  }

  startTraining(actor: Actor, command: { trainingId: string; expectedVersion: number }): Promise<TrainingRow> {
    return this.step(actor, command, 'RUNNING');
  }

  cancelTraining(actor: Actor, command: { trainingId: string; expectedVersion: number }): Promise<TrainingRow> {
    return this.step(actor, command, 'CANCELLED');
  }

  /** The training's completion rule (evaluated when it completes), until it has completed. */
  async setCompletionRule(
    actor: Actor,
    command: {
      trainingId: string;
      expectedVersion: number;
      completionRule: string;
      minSessionShare?: number | null;
    },
  ): Promise<TrainingRow> {
    requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const current = await this.get(actor, command.trainingId, tx, true);
      if (!this.canManage(actor, current)) throw DomainError.forbidden();
      if (current.version !== command.expectedVersion) throw DomainError.conflict('training:staleVersion');
      if (current.status === 'COMPLETED' || current.status === 'CANCELLED') {
        throw DomainError.conflict('training:finished');
      }
      throwIfAny(checkCompletionRule(command.completionRule, command.minSessionShare));
      const rule = command.completionRule as CompletionRule;
      const share = command.minSessionShare ?? null;
      await this.trainings.setCompletionRule(tx, current.id, rule, share);
      await this.audit.record(tx, actor, {
        networkId: current.networkId,
        entityType: 'training',
        entityId: current.id,
        action: 'completionRule',
        before: { completionRule: current.completionRule, minSessionShare: current.completionMinShare },
        after: { completionRule: rule, minSessionShare: share },
      });
      return this.get(actor, current.id, tx);
    });
  }

  private async step(
    actor: Actor,
    command: { trainingId: string; expectedVersion: number },
    to: TrainingStatus,
  ): Promise<TrainingRow> {
    requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const current = await this.get(actor, command.trainingId, tx, true);
      if (!this.canManage(actor, current)) throw DomainError.forbidden();
      if (current.version !== command.expectedVersion) throw DomainError.conflict('training:staleVersion');
      const refused = trainingTransitionError(current.status, to);
      if (refused) throw DomainError.badInput([refused]);
      await this.trainings.setStatus(tx, current.id, to);
      await this.audit.record(tx, actor, {
        networkId: current.networkId,
        entityType: 'training',
        entityId: current.id,
        action: `status:${to}`,
        before: { status: current.status },
        after: { status: to },
      });
      // A cancelled training's nominees (confirmed or waiting) hear of it, each in their language.
      if (to === 'CANCELLED') {
        const nominees = await this.trainings.activeNominees(tx, current.id);
        await this.notifications.notifyEach(
          tx,
          nominees.map((n) => ({
            personId: n.personId,
            kind: 'trainingCancelled',
            subject: { type: 'training', id: current.id },
            networkId: current.networkId,
            params: { trainingTitle: resolveText(current.title, n.language, current.networkLanguage)?.text ?? '' },
          })),
        );
      }
      return this.get(actor, current.id, tx);
    });
  }
}
