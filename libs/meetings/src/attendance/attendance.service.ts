import { Injectable } from '@nestjs/common';
import {
  Actor,
  AuditRepository,
  can,
  countries,
  DomainError,
  FieldError,
  isUuid,
  requirePerson,
  resolveText,
  throwIfAny,
  TransactionRunner,
} from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import { MeetingChannelService } from '../channel/meeting-channel.service';
import { MeetingRow } from '../meeting/meeting.entity';
import { MeetingRepository } from '../meeting/meeting.repository';
import { describeWhen, MeetingService } from '../meeting/meeting.service';
import { Attendance, ATTENDANCES, MAX_INVITEES_PER_CALL } from '../meetings-rules';
import { MinutesNotices } from '../minutes/minutes-notices.service';
import { AttendanceRepository } from './attendance.repository';

export interface AttendanceCommand {
  readonly meetingId: string;
  readonly entries: readonly { personId: string; present: string }[];
}

/**
 * Delegation of an invitation to the alternate of the same member state, and attendance recorded
 * after the meeting: what the sign-off of the minutes rests on ("each member state present").
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly meetings: MeetingService,
    private readonly meetingRows: MeetingRepository,
    private readonly attendance: AttendanceRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationService,
    private readonly channel: MeetingChannelService,
    private readonly minutesNotices: MinutesNotices,
  ) {}

  /**
   * The invited focal point hands their invitation to the current alternate of their member state in
   * the meeting's network, while the meeting is SCHEDULED. The alternate holds it from then on (their
   * answer, their attendance, the state's voice on the minutes) and is told in their language; the
   * focal point keeps reading the meeting as a former invitee.
   */
  async delegate(actor: Actor, command: { meetingId: string }): Promise<MeetingRow> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const meeting = await this.meetings.get(actor, command.meetingId, tx, true);
      // Not invited: there is no invitation to hand over, the same answer as a meeting one cannot see.
      if (meeting.myResponse === null) throw DomainError.notFound();
      const seat = actor.memberships.find(
        (m) => m.networkId === meeting.networkId && m.role === 'FOCAL_POINT' && m.memberState !== null,
      );
      const own = can(actor, 'ANSWER_INVITATION', {
        networkId: meeting.networkId,
        sharedWith: meeting.partnerNetworkIds,
        own: true,
      });
      if (!seat || !own) throw new DomainError('FORBIDDEN', 'meetings:delegation.onlyFocalPoints');
      if (meeting.status !== 'SCHEDULED') {
        throw DomainError.conflict('meetings:delegation.closed', { status: meeting.status });
      }
      const state = seat.memberState as string;
      const alternate = await this.attendance.currentAlternate(tx, meeting.networkId, state);
      if (!alternate || alternate.personId === me) {
        throw DomainError.conflict('meetings:delegation.noAlternate', {
          memberState: countries.getName(state, actor.lang) ?? state,
        });
      }
      await this.attendance.handOver(tx, meeting.id, me, alternate.personId, state);
      await this.channel.delegated(tx, actor, meeting, me, alternate.personId);
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting',
        entityId: meeting.id,
        action: 'delegateInvitation',
        before: { personId: me, response: meeting.myResponse },
        after: { personId: alternate.personId, delegatedFrom: me, memberState: state },
      });
      await this.notifications.notify(tx, {
        personId: alternate.personId,
        kind: 'meetingDelegated',
        subject: { type: 'meeting', id: meeting.id },
        networkId: meeting.networkId,
        params: {
          meetingTitle: resolveText(meeting.title, alternate.language, meeting.networkLanguage)?.text ?? '',
          when: describeWhen(meeting, alternate.language),
          place: meeting.place ?? meeting.onlineUrl ?? '',
          personName: actor.name ?? (await this.attendance.personName(tx, me)),
          memberState: state,
        },
      });
      return this.meetingRows.findWritten(tx, meeting.id, me);
    });
  }

  /** Who was there, by the organisers, once the meeting is HELD (or CLOSED), for invitees only. */
  async record(actor: Actor, command: AttendanceCommand): Promise<MeetingRow> {
    const me = requirePerson(actor);
    const entries = command.entries ?? [];
    const errors: FieldError[] = [];
    if (entries.length === 0) errors.push({ field: 'entries', key: 'meetings:attendance.empty' });
    if (entries.length > MAX_INVITEES_PER_CALL) {
      errors.push({ field: 'entries', key: 'meetings:tooManyInvitees', params: { max: MAX_INVITEES_PER_CALL } });
    }
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (!isUuid(e.personId)) errors.push({ field: `entries.${i}.personId`, key: 'meetings:attendance.notInvitee' });
      else if (seen.has(e.personId)) errors.push({ field: `entries.${i}.personId`, key: 'meetings:attendance.twice' });
      seen.add(e.personId);
      if (!ATTENDANCES.includes(e.present as Attendance)) {
        errors.push({ field: `entries.${i}.present`, key: 'validation:invalidValue' });
      }
    });
    return this.transactions.run(async (tx) => {
      const meeting = await this.meetings.get(actor, command.meetingId, tx, true);
      if (!this.meetings.canRun(actor, meeting)) throw DomainError.forbidden();
      throwIfAny(errors);
      if (meeting.status !== 'HELD' && meeting.status !== 'CLOSED') {
        throw DomainError.conflict('meetings:attendance.notHeld', { status: meeting.status });
      }
      const minutesStatus = await this.attendance.minutesStatus(tx, meeting.id);
      if (minutesStatus === 'APPROVED') throw DomainError.conflict('meetings:attendance.minutesApproved');
      const before =
        minutesStatus === 'CIRCULATED' ? await this.minutesNotices.representativesPresent(tx, meeting.id) : null;
      const current = await this.attendance.invitees(
        tx,
        meeting.id,
        entries.map((e) => e.personId),
      );
      const outsiders: FieldError[] = [];
      entries.forEach((e, i) => {
        if (!current.has(e.personId)) {
          outsiders.push({ field: `entries.${i}.personId`, key: 'meetings:attendance.notInvitee' });
        }
      });
      throwIfAny(outsiders);
      const typed = entries.map((e) => ({ personId: e.personId, present: e.present as Attendance }));
      await this.attendance.setAttendance(tx, meeting.id, typed);
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting',
        entityId: meeting.id,
        action: 'recordAttendance',
        before: { entries: typed.map((e) => ({ personId: e.personId, present: current.get(e.personId) ?? null })) },
        after: { entries: typed },
      });
      // Circulated minutes: a state now recorded present is asked for its voice like the others were.
      if (before) await this.minutesNotices.askNewcomers(tx, meeting, before, me);
      return this.meetingRows.findWritten(tx, meeting.id, me);
    });
  }
}
