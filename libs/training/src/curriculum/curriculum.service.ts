import { Injectable } from '@nestjs/common';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  can,
  cursorKey,
  DomainError,
  FieldError,
  isUuid,
  memberNetworkIds,
  mergeTranslatableText,
  Page,
  pageRequest,
  requirePerson,
  throwIfAny,
  toPage,
  TransactionRunner,
  TranslatableText,
  TranslationInputLike,
  Tx,
} from '@enlace/core';
import { CURRICULUM_STATUSES, CurriculumStatus, MAX_MODULES } from '../training-rules';
import { CurriculumVersionRow } from './curriculum.entity';
import { CurriculumRepository, ModuleValues } from './curriculum.repository';

export interface ModuleInput {
  readonly title: readonly TranslationInputLike[];
  readonly objectives?: readonly TranslationInputLike[] | null;
  readonly durationMinutes: number;
  readonly required?: boolean | null;
  readonly materials?: readonly string[] | null;
}

export interface CreateCurriculumCommand {
  readonly networkId: string;
  readonly title: readonly TranslationInputLike[];
  readonly description?: readonly TranslationInputLike[] | null;
  readonly modules?: readonly ModuleInput[] | null;
}

export interface UpdateCurriculumCommand {
  readonly versionId: string;
  readonly expectedVersion: number;
  readonly title?: readonly TranslationInputLike[] | null;
  readonly description?: readonly TranslationInputLike[] | null;
  /** The whole ordered list of modules, replacing the draft's. */
  readonly modules?: readonly ModuleInput[] | null;
}

/**
 * Curricula (SPEC §4.2) in numbered versions: a draft is edited by those who run the network's
 * trainings (RUN_TRAININGS: its secretariat, administrators), then published, and a published
 * version never changes again: a new version starts as a copy of a published one.
 */
@Injectable()
export class CurriculumService {
  constructor(
    private readonly curricula: CurriculumRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  async get(actor: Actor, versionId: unknown, tx?: Tx, lock = false): Promise<CurriculumVersionRow> {
    if (!isUuid(versionId)) throw DomainError.notFound();
    const found = await this.curricula.findReadable(actor, versionId, tx, lock);
    if (!found) throw DomainError.notFound();
    return found;
  }

  async list(
    actor: Actor,
    args: { first?: number | null; after?: string | null; networkId?: string | null; status?: string | null },
  ): Promise<Page<CurriculumVersionRow>> {
    const request = pageRequest(args);
    const after = cursorKey(request.after, ['uuid', 'number'] as const);
    const errors: FieldError[] = [];
    if (args.networkId && !isUuid(args.networkId)) errors.push({ field: 'networkId', key: 'validation:invalidValue' });
    if (args.status && !CURRICULUM_STATUSES.includes(args.status as CurriculumStatus)) {
      errors.push({ field: 'status', key: 'validation:invalidValue' });
    }
    throwIfAny(errors);
    const { rows, totalCount } = await this.curricula.list(
      actor,
      { networkId: args.networkId, status: args.status as CurriculumStatus | null },
      { first: request.first, after },
    );
    return toPage(rows, request, (v) => [v.curriculumId, v.number], totalCount);
  }

  async create(actor: Actor, command: CreateCurriculumCommand): Promise<CurriculumVersionRow> {
    const me = requirePerson(actor);
    if (!isUuid(command.networkId)) throw DomainError.notFound();
    if (!can(actor, 'RUN_TRAININGS', { networkId: command.networkId })) {
      throw memberNetworkIds(actor).includes(command.networkId) ? DomainError.forbidden() : DomainError.notFound();
    }
    const title = buildTranslatableText(command.title, 'title', {
      required: true,
      maxLength: 300,
      defaultStatus: 'ORIGINAL',
    });
    const description = buildTranslatableText(command.description, 'description', {
      maxLength: 5000,
      defaultStatus: 'ORIGINAL',
    });
    const modules = checkModules(command.modules ?? []);
    throwIfAny([...title.errors, ...description.errors, ...modules.errors]);
    return this.transactions.run(async (tx) => {
      if (!(await this.curricula.networkExists(tx, command.networkId))) throw DomainError.notFound();
      const curriculumId = await this.curricula.insertCurriculum(tx, command.networkId, me);
      const id = await this.curricula.insertVersion(tx, curriculumId, {
        title: title.value,
        description: emptyToNull(description.value),
        basedOn: null,
      });
      await this.curricula.replaceModules(tx, id, modules.values);
      const created = await this.get(actor, id, tx);
      await this.record(tx, actor, created, 'create', null);
      return created;
    });
  }

  /** Edits a draft; a published or archived version is refused (it is what trainings and certificates cite). */
  async update(actor: Actor, command: UpdateCurriculumCommand): Promise<CurriculumVersionRow> {
    return this.change(actor, command.versionId, command.expectedVersion, 'update', async (tx, current) => {
      if (current.status !== 'DRAFT') throw DomainError.conflict('training:publishedImmutable');
      const errors: FieldError[] = [];
      let title = current.title;
      if (command.title != null) {
        const built = buildTranslatableText(command.title, 'title', { maxLength: 300 });
        errors.push(...built.errors);
        title = mergeTranslatableText(current.title, built.value);
      }
      let description = current.description;
      if (command.description != null) {
        const built = buildTranslatableText(command.description, 'description', { maxLength: 5000 });
        errors.push(...built.errors);
        description = emptyToNull(mergeTranslatableText(current.description ?? {}, built.value));
      }
      const modules = command.modules != null ? checkModules(command.modules) : null;
      errors.push(...(modules?.errors ?? []));
      throwIfAny(errors);
      await this.curricula.updateVersion(tx, current.id, { title, description, status: 'DRAFT' });
      if (modules) await this.curricula.replaceModules(tx, current.id, modules.values);
    });
  }

  async publish(actor: Actor, command: { versionId: string; expectedVersion: number }): Promise<CurriculumVersionRow> {
    return this.change(actor, command.versionId, command.expectedVersion, 'publish', async (tx, current) => {
      if (current.status !== 'DRAFT') throw DomainError.conflict('training:publishedImmutable');
      if (current.modules.length === 0) throw DomainError.badInput([{ field: 'modules', key: 'training:noModules' }]);
      await this.curricula.updateVersion(tx, current.id, { ...current, status: 'PUBLISHED' });
    });
  }

  async archive(actor: Actor, command: { versionId: string; expectedVersion: number }): Promise<CurriculumVersionRow> {
    return this.change(actor, command.versionId, command.expectedVersion, 'archive', async (tx, current) => {
      if (current.status !== 'PUBLISHED') throw DomainError.conflict('training:archiveOnlyPublished');
      await this.curricula.updateVersion(tx, current.id, { ...current, status: 'ARCHIVED' });
    });
  }

  /** A new draft version copied from a published (or archived) one: its modules, title and description. */
  async newVersion(actor: Actor, command: { fromVersionId: string }): Promise<CurriculumVersionRow> {
    requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const source = await this.get(actor, command.fromVersionId, tx);
      if (!can(actor, 'RUN_TRAININGS', { networkId: source.networkId })) throw DomainError.forbidden();
      if (source.status === 'DRAFT') throw DomainError.conflict('training:copyFromPublished');
      await this.curricula.lockCurriculum(tx, source.curriculumId);
      if (await this.curricula.hasDraft(tx, source.curriculumId)) throw DomainError.conflict('training:draftExists');
      const id = await this.curricula.insertVersion(tx, source.curriculumId, {
        title: source.title,
        description: source.description,
        basedOn: source.id,
      });
      await this.curricula.replaceModules(tx, id, source.modules);
      const created = await this.get(actor, id, tx);
      await this.record(tx, actor, created, 'newVersion', null);
      return created;
    });
  }

  private async change(
    actor: Actor,
    versionId: string,
    expectedVersion: number,
    action: string,
    work: (tx: Tx, current: CurriculumVersionRow) => Promise<void>,
  ): Promise<CurriculumVersionRow> {
    requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const current = await this.get(actor, versionId, tx, true);
      if (!can(actor, 'RUN_TRAININGS', { networkId: current.networkId })) throw DomainError.forbidden();
      if (current.version !== expectedVersion) throw DomainError.conflict('training:staleVersion');
      await work(tx, current);
      const updated = await this.get(actor, current.id, tx);
      await this.record(tx, actor, updated, action, current);
      return updated;
    });
  }

  private record(
    tx: Tx,
    actor: Actor,
    after: CurriculumVersionRow,
    action: string,
    before: CurriculumVersionRow | null,
  ): Promise<void> {
    const snapshot = (v: CurriculumVersionRow) => ({
      number: v.number,
      status: v.status,
      title: v.title,
      modules: v.modules.map((m) => ({ title: m.title, durationMinutes: m.durationMinutes, required: m.required })),
    });
    return this.audit.record(tx, actor, {
      networkId: after.networkId,
      entityType: 'curriculum_version',
      entityId: after.id,
      action,
      before: before ? snapshot(before) : null,
      after: snapshot(after),
    });
  }
}

function emptyToNull(text: TranslatableText): TranslatableText | null {
  return Object.keys(text).length === 0 ? null : text;
}

function checkModules(inputs: readonly ModuleInput[]): { values: ModuleValues[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: ModuleValues[] = [];
  if (inputs.length > MAX_MODULES)
    errors.push({ field: 'modules', key: 'training:tooManyModules', params: { max: MAX_MODULES } });
  inputs.forEach((m, i) => {
    const title = buildTranslatableText(m.title, `modules.${i}.title`, {
      required: true,
      maxLength: 300,
      defaultStatus: 'ORIGINAL',
    });
    const objectives = buildTranslatableText(m.objectives, `modules.${i}.objectives`, {
      maxLength: 3000,
      defaultStatus: 'ORIGINAL',
    });
    errors.push(...title.errors, ...objectives.errors);
    if (!Number.isInteger(m.durationMinutes) || m.durationMinutes < 1 || m.durationMinutes > 10080) {
      errors.push({
        field: `modules.${i}.durationMinutes`,
        key: 'validation:outOfRange',
        params: { min: 1, max: 10080 },
      });
    }
    const materials = [...(m.materials ?? [])];
    materials.forEach((url, j) => {
      if (!isWebLink(url)) errors.push({ field: `modules.${i}.materials.${j}`, key: 'meetings:invalidUrl' });
    });
    values.push({
      title: title.value,
      objectives: emptyToNull(objectives.value),
      durationMinutes: m.durationMinutes,
      required: m.required ?? true,
      materials,
    });
  });
  return { values, errors };
}

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && value.length <= 2000;
  } catch {
    return false;
  }
}
