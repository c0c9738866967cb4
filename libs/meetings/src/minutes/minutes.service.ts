import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  can,
  countries,
  DomainError,
  FieldError,
  LANGUAGES,
  mergeTranslatableText,
  requirePerson,
  RequestLoaders,
  STATE_BOUND_ROLES,
  throwIfAny,
  TransactionRunner,
  TranslatableText,
  TranslationInputLike,
  Tx,
} from '@enlace/core';
import { MeetingRow } from '../meeting/meeting.entity';
import { isObserverOnly, MeetingService } from '../meeting/meeting.service';
import {
  approvalsNeeded,
  checkQuorum,
  DEFAULT_QUORUM,
  MAX_MINUTES_LENGTH,
  MAX_REASON_LENGTH,
  Quorum,
  quorumReached,
  SIGN_OFF_DECISIONS,
  SignOffDecision,
} from './minutes-rules';
import { MinutesRevisionRow, MinutesRow } from './minutes.entity';
import { MinutesNotices } from './minutes-notices.service';
import { MinutesRepository } from './minutes.repository';

export interface SaveMinutesCommand {
  readonly meetingId: string;
  /** Per-language edits: a language given replaces that language's text and status. */
  readonly text?: readonly TranslationInputLike[] | null;
  readonly quorum?: Quorum | null;
  /** Required to change existing minutes: the version read. */
  readonly expectedVersion?: number | null;
}

export interface SignOffCommand {
  readonly meetingId: string;
  readonly decision: string;
  readonly reason?: string | null;
  /** Only for someone representing several member states present: which one signs. */
  readonly memberState?: string | null;
}

/**
 * Minutes of a HELD or CLOSED meeting (SPEC §4.3): written and circulated by the organisers, every
 * save a new revision, signed off by the member states present (one voice each, approve or object
 * with a reason), APPROVED once the approvals reach the meeting's quorum, immutable from then on.
 *
 * Who reads them: DRAFT minutes the organisers only; CIRCULATED ones also the invitees; APPROVED ones
 * whoever reads the meeting. Voices are shown by member state; who gave them only to organisers and to
 * invitees who are not mere observers.
 */
@Injectable()
export class MinutesService {
  constructor(
    private readonly meetings: MeetingService,
    private readonly minutes: MinutesRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly notices: MinutesNotices,
  ) {}

  /** The meeting's minutes as `actor` may read them (null: none, or not yet for this reader). Batched. */
  async ofMeeting(actor: Actor, loaders: RequestLoaders, meeting: MeetingRow): Promise<MinutesRow | null> {
    const minutes = await loaders
      .get(
        'meetings.minutes',
        () =>
          new DataLoader<string, MinutesRow | null>(async (ids) => {
            const rows = await this.minutes.ofMeetings(null, ids);
            return ids.map((id) => rows.find((r) => r.meetingId === id) ?? null);
          }),
      )
      .load(meeting.id);
    return minutes ? this.asReadBy(actor, meeting, minutes) : null;
  }

  async revisions(loaders: RequestLoaders, minutes: MinutesRow): Promise<MinutesRevisionRow[]> {
    return loaders
      .get(
        'meetings.minutesRevisions',
        () =>
          new DataLoader<string, MinutesRevisionRow[]>(async (ids) => {
            const rows = await this.minutes.revisions(ids);
            return ids.map((id) => rows.filter((r) => r.minutesId === id));
          }),
      )
      .load(minutes.id);
  }

  /** Writes the minutes (the first save creates them) or changes them; every text save is a new revision. */
  async save(actor: Actor, command: SaveMinutesCommand): Promise<MinutesRow> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const meeting = await this.organised(actor, command.meetingId, tx);
      const current = await this.minutes.lock(tx, meeting.id);
      const errors: FieldError[] = [...checkQuorum(command.quorum)];
      const text = command.text ?? [];
      const built = buildTranslatableText(text, 'text', {
        required: !current,
        maxLength: MAX_MINUTES_LENGTH,
        defaultStatus: current ? 'TRANSLATED' : 'ORIGINAL',
      });
      errors.push(...built.errors);
      if (current && text.length === 0 && !command.quorum) {
        errors.push({ field: 'text', key: 'meetings:minutes.nothingToSave' });
      }
      if (current && command.expectedVersion == null) {
        errors.push({ field: 'expectedVersion', key: 'validation:required' });
      }
      throwIfAny(errors);
      if (!current) {
        const id = await this.minutes.insert(tx, meeting.id, built.value, command.quorum ?? DEFAULT_QUORUM, me);
        const created = (await this.minutes.ofMeetings(tx, [meeting.id]))[0];
        await this.record(tx, actor, meeting, id, 'createMinutes', null, created);
        return created;
      }
      await this.refuseChange(current);
      if (command.expectedVersion !== current.version) throw DomainError.conflict('meetings:minutes.staleVersion');
      const body = text.length > 0 ? mergeTranslatableText(current.body, built.value) : null;
      const changed = await this.minutes.update(
        tx,
        current.id,
        current.version,
        { body, quorum: command.quorum ?? current.quorum },
        me,
      );
      if (!changed) throw DomainError.conflict('meetings:minutes.staleVersion');
      const updated = (await this.minutes.ofMeetings(tx, [meeting.id]))[0];
      await this.record(tx, actor, meeting, current.id, 'updateMinutes', current, updated);
      return updated;
    });
  }

  /** DRAFT → CIRCULATED: the member states present may now sign off. */
  async circulate(actor: Actor, command: { meetingId: string; expectedVersion: number }): Promise<MinutesRow> {
    return this.transactions.run(async (tx) => {
      const meeting = await this.organised(actor, command.meetingId, tx);
      const current = await this.minutes.lock(tx, meeting.id);
      if (!current) throw DomainError.notFound();
      if (current.status !== 'DRAFT') {
        throw DomainError.conflict('meetings:minutes.alreadyCirculated', { status: current.status });
      }
      if (command.expectedVersion !== current.version) throw DomainError.conflict('meetings:minutes.staleVersion');
      await this.minutes.setStatus(tx, current.id, 'CIRCULATED', current.version);
      const updated = (await this.minutes.ofMeetings(tx, [meeting.id]))[0];
      await this.record(tx, actor, meeting, current.id, 'circulateMinutes', current, updated);
      await this.notices.askForSignOff(tx, meeting, actor.personId);
      return updated;
    });
  }

  /**
   * The chair's or secretariat's approval of circulated minutes whose voices already meet the
   * quorum without the last voice having approved them: the states present changed after the
   * voices were given (attendance corrected: a state recorded present by mistake). Refused, naming
   * the approvals still needed, while the quorum is not met; refused as already approved when the
   * quorum's voice approved them (decision 0020): the minutes and their approval stay as they are.
   */
  async approve(actor: Actor, command: { meetingId: string; expectedVersion: number }): Promise<MinutesRow> {
    return this.transactions.run(async (tx) => {
      const meeting = await this.organised(actor, command.meetingId, tx);
      const current = await this.minutes.lock(tx, meeting.id);
      if (!current || current.status === 'DRAFT') throw DomainError.conflict('meetings:minutes.notCirculated');
      if (current.status === 'APPROVED') throw DomainError.conflict('meetings:minutes.alreadyApproved');
      if (command.expectedVersion !== current.version) throw DomainError.conflict('meetings:minutes.staleVersion');
      const representatives = await this.minutes.representatives(tx, meeting.id);
      const present = new Set(representatives.map((r) => r.state)).size;
      const approvals = current.signOffs.filter((s) => s.decision === 'APPROVE').length;
      if (present === 0) throw DomainError.conflict('meetings:minutes.nobodyPresent');
      if (!quorumReached(approvals, present, current.quorum)) {
        const needed = approvalsNeeded(present, current.quorum);
        throw DomainError.conflict('meetings:minutes.quorumNotReached', {
          count: Math.max(needed - approvals, 1),
          needed,
          present,
        });
      }
      await this.minutes.setStatus(tx, current.id, 'APPROVED', null);
      const updated = (await this.minutes.ofMeetings(tx, [meeting.id]))[0];
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting_minutes',
        entityId: current.id,
        action: 'approveMinutes',
        before: snapshot(current),
        after: { meetingId: meeting.id, ...snapshot(updated), approvals, present },
      });
      await this.notices.announceApproval(tx, meeting, approvals, present, actor.personId);
      return updated;
    });
  }

  /**
   * A member state's voice, given by its representative present (focal point, or the alternate who
   * holds a delegated invitation). The minutes row is locked for the whole decision and the voice is
   * unique per (minutes, state): two representatives of one state signing at once record one voice,
   * the other gets CONFLICT. The minutes are APPROVED when the approvals reach the quorum.
   */
  async signOff(actor: Actor, command: SignOffCommand): Promise<MinutesRow> {
    const me = requirePerson(actor);
    const decision = command.decision as SignOffDecision;
    const reason = typeof command.reason === 'string' && command.reason.trim() !== '' ? command.reason.trim() : null;
    const errors: FieldError[] = [];
    if (!SIGN_OFF_DECISIONS.includes(decision)) errors.push({ field: 'decision', key: 'validation:invalidValue' });
    if (decision === 'OBJECT' && reason === null)
      errors.push({ field: 'reason', key: 'meetings:minutes.reasonRequired' });
    if (reason !== null && reason.length > MAX_REASON_LENGTH) {
      errors.push({ field: 'reason', key: 'validation:tooLong', params: { max: MAX_REASON_LENGTH } });
    }
    return this.transactions.run(async (tx) => {
      const meeting = await this.meetings.get(actor, command.meetingId, tx);
      const seats = [
        ...new Set(
          actor.memberships
            .filter((m) => m.networkId === meeting.networkId && STATE_BOUND_ROLES.includes(m.role) && m.memberState)
            .map((m) => m.memberState as string),
        ),
      ].filter((s) => can(actor, 'SIGN_OFF_MINUTES', { networkId: meeting.networkId, memberState: s }));
      if (seats.length === 0) throw new DomainError('FORBIDDEN', 'meetings:minutes.notRepresentative');
      throwIfAny(errors);
      const current = await this.minutes.lock(tx, meeting.id);
      if (!current || current.status === 'DRAFT') throw DomainError.conflict('meetings:minutes.notCirculated');
      if (current.status === 'APPROVED') throw DomainError.conflict('meetings:minutes.approved');
      const representatives = await this.minutes.representatives(tx, meeting.id);
      const mine = representatives
        .filter((r) => r.personId === me && seats.includes(r.state))
        .map((r) => r.state)
        .filter((s) => !command.memberState || s === command.memberState.toUpperCase());
      if (mine.length === 0) throw new DomainError('FORBIDDEN', 'meetings:minutes.noStatePresent');
      const state = mine[0];
      const stateName = countries.getName(state, actor.lang) ?? state;
      if (current.signOffs.some((s) => s.memberState === state)) {
        throw DomainError.conflict('meetings:minutes.alreadySigned', { memberState: stateName });
      }
      const added = await this.minutes.addSignOff(tx, current.id, {
        memberState: state,
        personId: me,
        decision,
        reason,
        revision: current.revision,
      });
      if (!added) throw DomainError.conflict('meetings:minutes.alreadySigned', { memberState: stateName });
      const present = new Set(representatives.map((r) => r.state)).size;
      const approvals =
        current.signOffs.filter((s) => s.decision === 'APPROVE').length + (decision === 'APPROVE' ? 1 : 0);
      const approved = quorumReached(approvals, present, current.quorum);
      if (approved) {
        await this.minutes.setStatus(tx, current.id, 'APPROVED', null);
        await this.notices.announceApproval(tx, meeting, approvals, present, me);
      }
      const updated = (await this.minutes.ofMeetings(tx, [meeting.id]))[0];
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting_minutes',
        entityId: current.id,
        action: 'signOffMinutes',
        before: { status: current.status },
        after: {
          meetingId: meeting.id,
          memberState: state,
          decision,
          reason,
          revision: current.revision,
          approvals,
          present,
          status: updated.status,
        },
      });
      // The signer is an invitee: circulated and approved minutes are theirs to read.
      return this.asReadBy(actor, meeting, updated) as MinutesRow;
    });
  }

  /** The meeting, readable (else NOT_FOUND), run by the actor (else FORBIDDEN), HELD or CLOSED, locked. */
  private async organised(actor: Actor, meetingId: string, tx: Tx): Promise<MeetingRow> {
    const meeting = await this.meetings.get(actor, meetingId, tx, true);
    if (!this.meetings.canRun(actor, meeting)) throw DomainError.forbidden();
    if (meeting.status !== 'HELD' && meeting.status !== 'CLOSED') {
      throw DomainError.conflict('meetings:minutes.notHeld', { status: meeting.status });
    }
    return meeting;
  }

  /** Approved minutes are final; circulated ones change only until the first voice. */
  private async refuseChange(current: MinutesRow): Promise<void> {
    if (current.status === 'APPROVED') throw DomainError.conflict('meetings:minutes.approved');
    if (current.status === 'CIRCULATED' && current.signOffs.length > 0) {
      throw DomainError.conflict('meetings:minutes.signOffStarted');
    }
  }

  private async record(
    tx: Tx,
    actor: Actor,
    meeting: MeetingRow,
    minutesId: string,
    action: string,
    before: MinutesRow | null,
    after: MinutesRow,
  ): Promise<void> {
    await this.audit.record(tx, actor, {
      networkId: meeting.networkId,
      entityType: 'meeting_minutes',
      entityId: minutesId,
      action,
      before: before ? snapshot(before) : null,
      after: { meetingId: meeting.id, ...snapshot(after) },
    });
  }

  private asReadBy(actor: Actor, meeting: MeetingRow, minutes: MinutesRow): MinutesRow | null {
    const organiser = this.meetings.canRun(actor, meeting);
    const invitee = meeting.myResponse !== null;
    if (minutes.status === 'DRAFT' && !organiser) return null;
    if (minutes.status === 'CIRCULATED' && !organiser && !invitee) return null;
    const names = organiser || (invitee && !isObserverOnly(actor, meeting));
    if (names) return minutes;
    return { ...minutes, signOffs: minutes.signOffs.map((s) => ({ ...s, personId: null, personName: null })) };
  }
}

/** What the audit keeps of the minutes: status, revision, quorum, the languages with their status (the text is in the revisions). */
function snapshot(m: MinutesRow): Record<string, unknown> {
  return {
    status: m.status,
    revision: m.revision,
    quorum: m.quorum,
    languages: languagesOf(m.body),
    version: m.version,
  };
}

function languagesOf(body: TranslatableText): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of LANGUAGES) if (body[l]) out[l] = body[l].status;
  return out;
}
