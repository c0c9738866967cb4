import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  DomainError,
  FieldError,
  isCountryCode,
  isUuid,
  Language,
  mergeTranslatableText,
  RequestLoaders,
  requirePerson,
  throwIfAny,
  TransactionRunner,
  TranslatableText,
  TranslationInputLike,
  Tx,
} from '@enlace/core';
import { checkOnlineUrl, MAX_TITLE_LENGTH } from '../meetings-rules';
import type { MeetingRow } from '../meeting/meeting.entity';
import { MeetingService } from '../meeting/meeting.service';
import type { FollowUpRow } from '../decision/decision.entity';
import { DecisionRepository } from '../decision/decision.repository';
import { AgendaItemRow, NumberedAgendaItem } from './agenda.entity';
import { AgendaItemValues, AgendaRepository } from './agenda.repository';
import {
  compactPositions,
  depthOf,
  heightOf,
  MAX_AGENDA_DEPTH,
  MAX_AGENDA_ITEMS,
  MAX_AGENDA_LINKS,
  numberAgenda,
  placeItem,
  subtreeOf,
} from './agenda-tree';

/** A presenter or an assignee as given: a person, or a member state (one of the two). */
export interface AssigneeInput {
  readonly personId?: string | null;
  readonly countryCode?: string | null;
}

export interface AgendaItemFields {
  readonly title?: readonly TranslationInputLike[] | null;
  /** Null clears it; omitted keeps it. */
  readonly presenter?: AssigneeInput | null;
  readonly durationMinutes?: number | null;
  readonly links?: readonly string[] | null;
}

export interface AddAgendaItemCommand extends AgendaItemFields {
  readonly meetingId: string;
  readonly expectedVersion: number;
  readonly parentId?: string | null;
  /** 1-based place among the new siblings; the end when omitted or past it. */
  readonly position?: number | null;
}

export interface UpdateAgendaItemCommand extends AgendaItemFields {
  readonly itemId: string;
  readonly expectedVersion: number;
}

export interface MoveAgendaItemCommand {
  readonly itemId: string;
  readonly expectedVersion: number;
  /** Null: to the top level. */
  readonly parentId?: string | null;
  readonly position: number;
}

/** The generated first item listing the open follow-ups of the body's earlier meetings. */
export interface ReviewOfFollowUps {
  readonly number: string;
  readonly followUps: FollowUpRow[];
}

/** A meeting's agenda as read: numbered items, and the running total against the meeting's slot. */
export interface AgendaView {
  readonly meetingId: string;
  /** The owner network's default language (titles fall back to it). */
  readonly networkLanguage: Language;
  /** Give it back with the next edit (CONFLICT when someone else edited the agenda meanwhile). */
  readonly version: number;
  /** Once HELD, CLOSED or CANCELLED the agenda is the record of what was planned: no more edits. */
  readonly locked: boolean;
  readonly review: ReviewOfFollowUps | null;
  readonly items: NumberedAgendaItem[];
  readonly totalMinutes: number;
  readonly slotMinutes: number;
  /** Minutes the items exceed the slot by (0 when they fit). */
  readonly overBy: number;
}

const LOCKED: readonly string[] = ['HELD', 'CLOSED', 'CANCELLED'];

/**
 * Agendas (issue 11 item 3): ordered, nestable items of a meeting, numbered when read. Readers of the
 * meeting read its agenda; its organisers edit it until it is held, each edit at the agenda's version,
 * audited in its transaction.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly agendas: AgendaRepository,
    private readonly decisions: DecisionRepository,
    private readonly meetings: MeetingService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  /** The agenda of a meeting the actor has read: batched per request (two statements for a page). */
  async agenda(actor: Actor, loaders: RequestLoaders, meeting: MeetingRow): Promise<AgendaView> {
    const [stored, review] = await Promise.all([
      loaders
        .get(
          'meetings.agenda',
          () =>
            new DataLoader<string, { version: number; items: AgendaItemRow[] }>(async (ids) => {
              const rows = await this.agendas.agendas(null, ids, actor);
              return ids.map((id) => rows.find((r) => r.meetingId === id) ?? { version: 1, items: [] });
            }),
        )
        .load(meeting.id),
      loaders
        .get(
          'meetings.reviewOfFollowUps',
          () =>
            new DataLoader<string, FollowUpRow[]>(async (ids) => {
              const rows = await this.decisions.openFollowUpsBefore(null, actor, ids);
              return ids.map((id) => rows.filter((r) => r.forMeeting === id));
            }),
        )
        .load(meeting.id),
    ]);
    return view(meeting, stored.version, stored.items, review);
  }

  async addItem(actor: Actor, command: AddAgendaItemCommand): Promise<{ agenda: AgendaView; itemId: string }> {
    if (!isUuid(command.meetingId)) throw DomainError.notFound();
    let itemId = '';
    const agenda = await this.edit(actor, command.meetingId, command.expectedVersion, async (tx, meeting, items) => {
      if (items.length >= MAX_AGENDA_ITEMS) {
        throw DomainError.badInput([
          { field: 'parentId', key: 'meetings:agenda.full', params: { max: MAX_AGENDA_ITEMS } },
        ]);
      }
      const parentId = command.parentId ?? null;
      const errors: FieldError[] = [];
      if (parentId !== null && !items.some((i) => i.id === parentId)) {
        errors.push({ field: 'parentId', key: 'meetings:agenda.unknownItem' });
      } else if (depthOf(items, parentId) + 1 >= MAX_AGENDA_DEPTH) {
        errors.push({ field: 'parentId', key: 'meetings:agenda.tooDeep', params: { max: MAX_AGENDA_DEPTH } });
      }
      errors.push(...positionErrors(command.position));
      const values = await this.values(tx, actor, meeting, command, null, errors);
      throwIfAny(errors);
      const siblings = items.filter((i) => i.parentId === parentId).length;
      itemId = await this.agendas.insert(tx, meeting.id, parentId, siblings + 1, values as AgendaItemValues);
      const placed = [...items, { id: itemId, parentId, position: siblings + 1 }];
      await this.agendas.place(tx, placeItem(placed, itemId, parentId, command.position ?? siblings + 1));
      return { entityId: itemId, action: 'addAgendaItem', before: null, after: { parentId, ...values } };
    });
    return { agenda, itemId };
  }

  async updateItem(actor: Actor, command: UpdateAgendaItemCommand): Promise<{ agenda: AgendaView; itemId: string }> {
    const meetingId = await this.meetingOf(command.itemId);
    const agenda = await this.edit(actor, meetingId, command.expectedVersion, async (tx, meeting, items) => {
      const current = items.find((i) => i.id === command.itemId);
      if (!current) throw DomainError.notFound();
      const errors: FieldError[] = [];
      const values = await this.values(tx, actor, meeting, command, current, errors);
      throwIfAny(errors);
      await this.agendas.update(tx, current.id, values as AgendaItemValues);
      return { entityId: current.id, action: 'updateAgendaItem', before: stored(current), after: values };
    });
    return { agenda, itemId: command.itemId };
  }

  /** Removes an item with everything nested under it; the siblings close up. */
  async removeItem(actor: Actor, command: { itemId: string; expectedVersion: number }): Promise<AgendaView> {
    const meetingId = await this.meetingOf(command.itemId);
    return this.edit(actor, meetingId, command.expectedVersion, async (tx, _meeting, items) => {
      const current = items.find((i) => i.id === command.itemId);
      if (!current) throw DomainError.notFound();
      const gone = subtreeOf(items, current.id);
      await this.agendas.remove(tx, current.id);
      await this.agendas.place(tx, compactPositions(items.filter((i) => !gone.has(i.id))));
      return {
        entityId: current.id,
        action: 'removeAgendaItem',
        before: { ...stored(current), removedItems: gone.size },
        after: null,
      };
    });
  }

  /**
   * Moves an item (with what is nested under it) under `parentId` (null: the top level) at
   * `position`, reordering both the old and the new siblings, in one change. Under itself or one of
   * its own descendants is refused.
   */
  async moveItem(actor: Actor, command: MoveAgendaItemCommand): Promise<{ agenda: AgendaView; itemId: string }> {
    const meetingId = await this.meetingOf(command.itemId);
    const agenda = await this.edit(actor, meetingId, command.expectedVersion, async (tx, _meeting, items) => {
      const current = items.find((i) => i.id === command.itemId);
      if (!current) throw DomainError.notFound();
      const parentId = command.parentId ?? null;
      const errors: FieldError[] = [...positionErrors(command.position)];
      if (parentId !== null && !items.some((i) => i.id === parentId)) {
        errors.push({ field: 'parentId', key: 'meetings:agenda.unknownItem' });
      } else if (parentId !== null && subtreeOf(items, current.id).has(parentId)) {
        errors.push({ field: 'parentId', key: 'meetings:agenda.cycle' });
      } else if (depthOf(items, parentId) + heightOf(items, current.id) >= MAX_AGENDA_DEPTH) {
        errors.push({ field: 'parentId', key: 'meetings:agenda.tooDeep', params: { max: MAX_AGENDA_DEPTH } });
      }
      throwIfAny(errors);
      await this.agendas.place(tx, placeItem(items, current.id, parentId, command.position));
      return {
        entityId: current.id,
        action: 'moveAgendaItem',
        before: { parentId: current.parentId, position: current.position },
        after: { parentId, position: command.position },
      };
    });
    return { agenda, itemId: command.itemId };
  }

  private async meetingOf(itemId: string): Promise<string> {
    if (!isUuid(itemId)) throw DomainError.notFound();
    const meetingId = await this.agendas.meetingOfItem(itemId);
    if (!meetingId) throw DomainError.notFound();
    return meetingId;
  }

  /**
   * One edit of an agenda: the meeting readable (else NOT_FOUND, like a missing one), run by the actor
   * (else FORBIDDEN), not yet held (else CONFLICT), at the agenda's version (else CONFLICT), locked for
   * the transaction, audited with the meeting's network.
   */
  private async edit(
    actor: Actor,
    meetingId: string,
    expectedVersion: number,
    work: (
      tx: Tx,
      meeting: MeetingRow,
      items: AgendaItemRow[],
    ) => Promise<{ entityId: string; action: string; before: object | null; after: object | null }>,
  ): Promise<AgendaView> {
    requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const meeting = await this.meetings.get(actor, meetingId, tx, true);
      if (!this.meetings.canRun(actor, meeting)) throw DomainError.forbidden();
      if (LOCKED.includes(meeting.status)) {
        throw DomainError.conflict('meetings:agenda.locked', { status: meeting.status });
      }
      const [current] = await this.agendas.agendas(tx, [meeting.id], null);
      if (current.version !== expectedVersion || !(await this.agendas.bumpVersion(tx, meeting.id, expectedVersion))) {
        throw DomainError.conflict('meetings:agenda.stale');
      }
      const change = await work(tx, meeting, current.items);
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting_agenda_item',
        entityId: change.entityId,
        action: change.action,
        before: change.before ? { meetingId: meeting.id, ...change.before } : null,
        after: change.after ? { meetingId: meeting.id, ...change.after } : null,
      });
      const [after] = await this.agendas.agendas(tx, [meeting.id], actor);
      const review = await this.decisions.openFollowUpsBefore(tx, actor, [meeting.id]);
      return view(meeting, after.version, after.items, review);
    });
  }

  /** Validates an item's fields over `current` (null: a new item, whose title is required). */
  private async values(
    tx: Tx,
    actor: Actor,
    meeting: MeetingRow,
    fields: AgendaItemFields,
    current: AgendaItemRow | null,
    errors: FieldError[],
  ): Promise<AgendaItemValues | null> {
    let title: TranslatableText = current?.title ?? {};
    if (fields.title != null || !current) {
      const built = buildTranslatableText(fields.title, 'title', {
        required: !current,
        maxLength: MAX_TITLE_LENGTH,
        defaultStatus: current ? 'TRANSLATED' : 'ORIGINAL',
      });
      errors.push(...built.errors);
      title = current ? mergeTranslatableText(current.title, built.value) : built.value;
    }
    let durationMinutes = current?.durationMinutes ?? null;
    if (fields.durationMinutes !== undefined) {
      durationMinutes = fields.durationMinutes;
      if (
        durationMinutes !== null &&
        (!Number.isInteger(durationMinutes) || durationMinutes < 0 || durationMinutes > 1440)
      ) {
        errors.push({ field: 'durationMinutes', key: 'meetings:agenda.invalidDuration' });
      }
    }
    let links = current?.links ?? [];
    if (fields.links != null) {
      links = [...new Set(fields.links.map((l) => (typeof l === 'string' ? l.trim() : '')))];
      if (links.length > MAX_AGENDA_LINKS) {
        errors.push({ field: 'links', key: 'meetings:agenda.tooManyLinks', params: { max: MAX_AGENDA_LINKS } });
      }
      links.forEach((link, i) => {
        errors.push(
          ...(link === '' ? [{ field: `links.${i}`, key: 'meetings:invalidUrl' }] : checkOnlineUrl(link, `links.${i}`)),
        );
      });
    }
    let presenterPersonId = current?.presenter?.personId ?? null;
    let presenterCountry = current?.presenter?.countryCode ?? null;
    if (fields.presenter !== undefined) {
      const checked = await checkAssignee(
        fields.presenter,
        'presenter',
        (personId) =>
          this.agendas.isEligiblePerson(tx, actor, meeting.id, personId, [
            meeting.networkId,
            ...meeting.partnerNetworkIds,
          ]),
        (code) => this.agendas.isMemberState(tx, [meeting.networkId, ...meeting.partnerNetworkIds], code),
      );
      errors.push(...checked.errors);
      presenterPersonId = checked.personId;
      presenterCountry = checked.countryCode;
    }
    if (errors.length > 0) return null;
    return { title, presenterPersonId, presenterCountry, durationMinutes, links };
  }
}

/**
 * Checks a person-or-member-state given for `field`: at most one of the two; a person who may take
 * part (`personOk`), a member state of the network or its partners (`stateOk`). Null clears it.
 */
export async function checkAssignee(
  given: AssigneeInput | null,
  field: string,
  personOk: (personId: string) => Promise<boolean>,
  stateOk: (code: string) => Promise<boolean>,
): Promise<{ personId: string | null; countryCode: string | null; errors: FieldError[] }> {
  const none = { personId: null, countryCode: null, errors: [] };
  if (given === null) return none;
  const personId = given.personId ?? null;
  const countryCode = given.countryCode ? given.countryCode.toUpperCase() : null;
  if (personId === null && countryCode === null) return none;
  if (personId !== null && countryCode !== null) {
    return { ...none, errors: [{ field, key: 'meetings:agenda.personOrState' }] };
  }
  if (personId !== null) {
    if (!isUuid(personId) || !(await personOk(personId))) {
      return { ...none, errors: [{ field: `${field}.personId`, key: 'meetings:agenda.unknownParticipant' }] };
    }
    return { ...none, personId };
  }
  if (!isCountryCode(countryCode) || !(await stateOk(countryCode as string))) {
    return {
      ...none,
      errors: [
        {
          field: `${field}.countryCode`,
          key: 'meetings:agenda.notMemberState',
          params: { value: String(countryCode) },
        },
      ],
    };
  }
  return { ...none, countryCode };
}

function positionErrors(position: number | null | undefined): FieldError[] {
  if (position === null || position === undefined) return [];
  return Number.isInteger(position) && position >= 1
    ? []
    : [{ field: 'position', key: 'meetings:agenda.invalidPosition' }];
}

function stored(item: AgendaItemRow): Record<string, unknown> {
  return {
    parentId: item.parentId,
    position: item.position,
    title: item.title,
    presenterPersonId: item.presenter?.personId ?? null,
    presenterCountry: item.presenter?.countryCode ?? null,
    durationMinutes: item.durationMinutes,
    links: item.links,
  };
}

function view(meeting: MeetingRow, version: number, items: AgendaItemRow[], review: FollowUpRow[]): AgendaView {
  const numbered = numberAgenda(items, review.length > 0 ? 2 : 1);
  const totalMinutes = items.reduce((sum, i) => sum + (i.durationMinutes ?? 0), 0);
  const slotMinutes = Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000);
  return {
    meetingId: meeting.id,
    networkLanguage: meeting.networkLanguage,
    version,
    locked: LOCKED.includes(meeting.status),
    review: review.length > 0 ? { number: '1', followUps: review } : null,
    items: numbered,
    totalMinutes,
    slotMinutes,
    overBy: Math.max(0, totalMinutes - slotMinutes),
  };
}
