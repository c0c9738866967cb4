import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  DomainError,
  FieldError,
  isUuid,
  mergeTranslatableText,
  RequestLoaders,
  requirePerson,
  STATE_BOUND_ROLES,
  throwIfAny,
  TransactionRunner,
  TranslatableText,
  TranslationInputLike,
  Tx,
} from '@enlace/core';
import type { MeetingRow } from '../meeting/meeting.entity';
import { MeetingService } from '../meeting/meeting.service';
import { AgendaRepository } from '../agenda/agenda.repository';
import { AssigneeInput, checkAssignee } from '../agenda/agenda.service';
import { DecisionRow, FOLLOW_UP_STATUSES, FollowUpRow, FollowUpStatus } from './decision.entity';
import { DecisionRepository, FollowUpValues } from './decision.repository';

export const MAX_DECISION_LENGTH = 5000;
export const MAX_FOLLOW_UP_LENGTH = 2000;

export interface AddFollowUpCommand {
  readonly decisionId: string;
  readonly text: readonly TranslationInputLike[];
  readonly assignee?: AssigneeInput | null;
  /** "YYYY-MM-DD". */
  readonly dueOn?: string | null;
}

export interface UpdateFollowUpCommand {
  readonly followUpId: string;
  readonly expectedVersion: number;
  readonly text?: readonly TranslationInputLike[] | null;
  /** Null clears it; omitted keeps it. */
  readonly assignee?: AssigneeInput | null;
  readonly dueOn?: string | null;
}

const RECORDED: readonly string[] = ['HELD', 'CLOSED'];

/**
 * Decisions of a held meeting and their follow-up actions (issue 11 item 6). The organisers record
 * them; readers of the meeting read them; the assignee of a follow-up (the person, or a focal point
 * of the member state) may mark it DONE. Every change is audited in its transaction.
 */
@Injectable()
export class DecisionService {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly agendas: AgendaRepository,
    private readonly meetings: MeetingService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  /** The decisions of a meeting the actor has read, batched per request. */
  decisionsOf(loaders: RequestLoaders, meeting: MeetingRow): Promise<DecisionRow[]> {
    return loaders
      .get(
        'meetings.decisions',
        () =>
          new DataLoader<string, DecisionRow[]>(async (ids) => {
            const rows = await this.decisions.decisions(null, ids);
            return ids.map((id) => rows.filter((r) => r.meetingId === id));
          }),
      )
      .load(meeting.id);
  }

  /** The follow-ups of a decision the actor has read, batched per request. */
  followUpsOf(actor: Actor, loaders: RequestLoaders, decision: DecisionRow): Promise<FollowUpRow[]> {
    return loaders
      .get(
        'meetings.followUps',
        () =>
          new DataLoader<string, FollowUpRow[]>(async (ids) => {
            const rows = await this.decisions.followUpsOf(null, ids, actor);
            return ids.map((id) => rows.filter((r) => r.decisionId === id));
          }),
      )
      .load(decision.id);
  }

  /** Records the next decision of a HELD or CLOSED meeting (its organisers). */
  async addDecision(
    actor: Actor,
    command: { meetingId: string; text: readonly TranslationInputLike[] },
  ): Promise<DecisionRow> {
    const me = requirePerson(actor);
    if (!isUuid(command.meetingId)) throw DomainError.notFound();
    return this.transactions.run(async (tx) => {
      const meeting = await this.organised(tx, actor, command.meetingId);
      const text = decisionText(command.text, null);
      const series = await this.decisions.seriesNumber(tx, meeting.id);
      const id = await this.decisions.insertDecision(tx, meeting.id, series, text, me);
      const created = (await this.decisions.findDecision(tx, id))!;
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting_decision',
        entityId: id,
        action: 'addDecision',
        after: { meetingId: meeting.id, number: created.label, text },
      });
      return created;
    });
  }

  async updateDecision(
    actor: Actor,
    command: { decisionId: string; expectedVersion: number; text: readonly TranslationInputLike[] },
  ): Promise<DecisionRow> {
    requirePerson(actor);
    const meetingId = await this.meetingOf(command.decisionId, 'decision');
    return this.transactions.run(async (tx) => {
      const meeting = await this.organised(tx, actor, meetingId);
      const current = await this.decisions.findDecision(tx, command.decisionId);
      if (!current || current.meetingId !== meeting.id) throw DomainError.notFound();
      const text = decisionText(command.text, current.text);
      if (current.version !== command.expectedVersion) throw DomainError.conflict('meetings:decisions.stale');
      if (!(await this.decisions.updateDecision(tx, current.id, command.expectedVersion, text))) {
        throw DomainError.conflict('meetings:decisions.stale');
      }
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting_decision',
        entityId: current.id,
        action: 'updateDecision',
        before: { text: current.text, version: current.version },
        after: { text },
      });
      return (await this.decisions.findDecision(tx, current.id))!;
    });
  }

  async addFollowUp(actor: Actor, command: AddFollowUpCommand): Promise<FollowUpRow> {
    requirePerson(actor);
    const meetingId = await this.meetingOf(command.decisionId, 'decision');
    return this.transactions.run(async (tx) => {
      const meeting = await this.organised(tx, actor, meetingId);
      const decision = await this.decisions.findDecision(tx, command.decisionId);
      if (!decision || decision.meetingId !== meeting.id) throw DomainError.notFound();
      const values = await this.followUpValues(tx, actor, meeting, command, null);
      const id = await this.decisions.insertFollowUp(tx, decision.id, meeting.id, values);
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting_follow_up',
        entityId: id,
        action: 'addFollowUp',
        after: { meetingId: meeting.id, decisionId: decision.id, ...values, status: 'OPEN' },
      });
      return (await this.decisions.findFollowUp(tx, id))!;
    });
  }

  async updateFollowUp(actor: Actor, command: UpdateFollowUpCommand): Promise<FollowUpRow> {
    requirePerson(actor);
    const meetingId = await this.meetingOf(command.followUpId, 'followUp');
    return this.transactions.run(async (tx) => {
      const meeting = await this.organised(tx, actor, meetingId);
      const current = await this.decisions.findFollowUp(tx, command.followUpId);
      if (!current || current.meetingId !== meeting.id) throw DomainError.notFound();
      const values = await this.followUpValues(tx, actor, meeting, command, current);
      return this.writeFollowUp(
        tx,
        actor,
        meeting,
        current,
        command.expectedVersion,
        { ...values, status: current.status },
        'updateFollowUp',
      );
    });
  }

  /**
   * OPEN, DONE or DROPPED, by the meeting's organisers; the assignee (the person, or a focal point or
   * alternate of the member state in the meeting's network) may mark their own follow-up DONE.
   * With `tx`, it runs in the caller's transaction (action plans close a follow-up with the action's
   * change, decision 0024); a refusal then rolls back the caller's work too.
   */
  async setFollowUpStatus(
    actor: Actor,
    command: { followUpId: string; expectedVersion: number; status: string },
    outer?: Tx,
  ): Promise<FollowUpRow> {
    const me = requirePerson(actor);
    const status = command.status as FollowUpStatus;
    if (!FOLLOW_UP_STATUSES.includes(status)) {
      throw DomainError.badInput([{ field: 'status', key: 'validation:invalidValue' }]);
    }
    const meetingId = await this.meetingOf(command.followUpId, 'followUp', outer);
    const run = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => (outer ? work(outer) : this.transactions.run(work));
    return run(async (tx) => {
      const meeting = await this.meetings.get(actor, meetingId, tx, true);
      const current = await this.decisions.findFollowUp(tx, command.followUpId);
      if (!current || current.meetingId !== meeting.id) throw DomainError.notFound();
      if (!this.meetings.canRun(actor, meeting)) {
        const assignee = current.assignee;
        const mine =
          assignee !== null &&
          (assignee.personId === me ||
            (assignee.countryCode !== null &&
              actor.memberships.some(
                (m) =>
                  m.networkId === meeting.networkId &&
                  STATE_BOUND_ROLES.includes(m.role) &&
                  m.memberState === assignee.countryCode,
              )));
        if (!mine || status !== 'DONE') throw DomainError.forbidden();
      }
      if (current.status === status) throw DomainError.conflict('meetings:decisions.sameStatus');
      const values: FollowUpValues & { status: FollowUpStatus } = {
        text: current.text,
        assigneePersonId: current.assignee?.personId ?? null,
        assigneeCountry: current.assignee?.countryCode ?? null,
        dueOn: current.dueOn,
        status,
      };
      return this.writeFollowUp(tx, actor, meeting, current, command.expectedVersion, values, 'setFollowUpStatus');
    });
  }

  private async writeFollowUp(
    tx: Tx,
    actor: Actor,
    meeting: MeetingRow,
    current: FollowUpRow,
    expectedVersion: number,
    values: FollowUpValues & { status: FollowUpStatus },
    action: string,
  ): Promise<FollowUpRow> {
    if (
      current.version !== expectedVersion ||
      !(await this.decisions.updateFollowUp(tx, current.id, expectedVersion, values))
    ) {
      throw DomainError.conflict('meetings:decisions.staleFollowUp');
    }
    await this.audit.record(tx, actor, {
      networkId: meeting.networkId,
      entityType: 'meeting_follow_up',
      entityId: current.id,
      action,
      before: {
        text: current.text,
        assigneePersonId: current.assignee?.personId ?? null,
        assigneeCountry: current.assignee?.countryCode ?? null,
        dueOn: current.dueOn,
        status: current.status,
        version: current.version,
      },
      after: values,
    });
    return (await this.decisions.findFollowUp(tx, current.id))!;
  }

  /** The meeting of a decision or follow-up, read in the caller's transaction `tx` when it has one. */
  private async meetingOf(id: string, kind: 'decision' | 'followUp', tx?: Tx): Promise<string> {
    if (!isUuid(id)) throw DomainError.notFound();
    const meetingId =
      kind === 'decision' ? await this.decisions.decisionMeeting(id, tx) : await this.decisions.followUpMeeting(id, tx);
    if (!meetingId) throw DomainError.notFound();
    return meetingId;
  }

  /** The meeting, readable (else NOT_FOUND), run by the actor (else FORBIDDEN), HELD or CLOSED (else CONFLICT), locked. */
  private async organised(tx: Tx, actor: Actor, meetingId: string): Promise<MeetingRow> {
    const meeting = await this.meetings.get(actor, meetingId, tx, true);
    if (!this.meetings.canRun(actor, meeting)) throw DomainError.forbidden();
    if (!RECORDED.includes(meeting.status)) {
      throw DomainError.conflict('meetings:decisions.needHeld', { status: meeting.status });
    }
    return meeting;
  }

  private async followUpValues(
    tx: Tx,
    actor: Actor,
    meeting: MeetingRow,
    command: Omit<UpdateFollowUpCommand, 'followUpId' | 'expectedVersion'>,
    current: FollowUpRow | null,
  ): Promise<FollowUpValues> {
    const errors: FieldError[] = [];
    let text: TranslatableText = current?.text ?? {};
    if (command.text != null || !current) {
      const built = buildTranslatableText(command.text, 'text', {
        required: !current,
        maxLength: MAX_FOLLOW_UP_LENGTH,
        defaultStatus: current ? 'TRANSLATED' : 'ORIGINAL',
      });
      errors.push(...built.errors);
      text = current ? mergeTranslatableText(current.text, built.value) : built.value;
    }
    let dueOn = current?.dueOn ?? null;
    if (command.dueOn !== undefined) {
      dueOn = command.dueOn;
      if (dueOn !== null && !isDate(dueOn)) errors.push({ field: 'dueOn', key: 'meetings:decisions.invalidDate' });
    }
    let assigneePersonId = current?.assignee?.personId ?? null;
    let assigneeCountry = current?.assignee?.countryCode ?? null;
    if (command.assignee !== undefined) {
      const networks = [meeting.networkId, ...meeting.partnerNetworkIds];
      const checked = await checkAssignee(
        command.assignee,
        'assignee',
        (personId) => this.agendas.isEligiblePerson(tx, actor, meeting.id, personId, networks),
        (code) => this.agendas.isMemberState(tx, networks, code),
      );
      errors.push(...checked.errors);
      assigneePersonId = checked.personId;
      assigneeCountry = checked.countryCode;
    }
    throwIfAny(errors);
    return { text, assigneePersonId, assigneeCountry, dueOn };
  }
}

function decisionText(given: readonly TranslationInputLike[] | null | undefined, current: TranslatableText | null) {
  const built = buildTranslatableText(given, 'text', {
    required: true,
    maxLength: MAX_DECISION_LENGTH,
    defaultStatus: current ? 'TRANSLATED' : 'ORIGINAL',
  });
  throwIfAny(built.errors);
  return current ? mergeTranslatableText(current, built.value) : built.value;
}

/** A real calendar date "YYYY-MM-DD". */
function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
