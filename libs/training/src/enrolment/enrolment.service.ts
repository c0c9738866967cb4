import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  can,
  DomainError,
  isCountryCode,
  isUuid,
  RequestLoaders,
  requirePerson,
  resolveText,
  TransactionRunner,
  Tx,
} from '@enlace/core';
import { PersonService } from '@enlace/directory';
import { NotificationKind, NotificationService } from '@enlace/notifications';
import { TrainingRow } from '../training/training.entity';
import { TrainingService } from '../training/training.service';
import { EnrolmentStatus, nextToPromote, seatFor, SEATED } from '../training-rules';
import { EnrolmentRepository, EnrolmentRow } from './enrolment.repository';

/** A new official's details, when the nominator names someone not yet in the directory. */
export interface NewNominee {
  readonly name: string;
  readonly email: string;
  readonly organisationId?: string | null;
  readonly jobTitle?: string | null;
  readonly preferredLanguage?: string | null;
}

/**
 * Enrolment (SPEC §4.2): a focal point (or alternate) nominates officials for their own member state,
 * the secretariat for any; each nomination is CONFIRMED while the training has a seat and the country
 * is under its quota, WAITLISTED otherwise. Decisions are taken under the training's row lock, so
 * simultaneous nominations queue and never overfill a training or a quota. When a seat frees (a
 * withdrawal, a decline), the earliest waitlisted nomination whose country has room is promoted in
 * the same transaction and told.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly trainings: TrainingService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationService,
    private readonly people: PersonService,
  ) {}

  async nominate(
    actor: Actor,
    command: {
      trainingId: string;
      personId?: string | null;
      /** A new official created on the spot in the directory (PersonService.createOfficial). */
      newPerson?: NewNominee | null;
      memberState?: string | null;
    },
  ): Promise<EnrolmentRow> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const training = await this.trainings.get(actor, command.trainingId, tx, true);
      // The state: a focal point's own; the secretariat names it.
      const own = actor.memberships.find(
        (m) =>
          m.networkId === training.networkId &&
          m.memberState !== null &&
          can(actor, 'NOMINATE_FOR_TRAINING', { networkId: training.networkId, memberState: m.memberState }),
      )?.memberState;
      const memberState = (command.memberState ?? own ?? '').toUpperCase();
      if (!isCountryCode(memberState)) {
        throw DomainError.badInput([{ field: 'memberState', key: 'training:memberStateRequired' }]);
      }
      if (!can(actor, 'NOMINATE_FOR_TRAINING', { networkId: training.networkId, memberState })) {
        throw DomainError.forbidden();
      }
      if (!(await this.enrolments.isMemberState(tx, training.networkId, memberState))) {
        throw DomainError.badInput([
          { field: 'memberState', key: 'training:notMemberState', params: { value: memberState } },
        ]);
      }
      if (training.status !== 'OPEN') throw DomainError.conflict('training:nominationsClosed');
      if (training.enrolmentDeadline !== null && today() > training.enrolmentDeadline) {
        throw DomainError.conflict('training:deadlinePassed', { deadline: training.enrolmentDeadline });
      }
      let personId = command.personId ?? null;
      if (command.newPerson) {
        if (personId !== null) throw DomainError.badInput([{ field: 'newPerson', key: 'training:personOrNewPerson' }]);
        const official = { ...command.newPerson, networkId: training.networkId, memberState };
        personId = (await this.people.createOfficial(tx, actor, official, 'newPerson.')).personId;
      }
      if (personId === null) throw DomainError.badInput([{ field: 'personId', key: 'training:personOrNewPerson' }]);
      const person = isUuid(personId) ? await this.enrolments.visiblePerson(tx, actor, personId) : null;
      if (!person) throw DomainError.badInput([{ field: 'personId', key: 'training:unknownPeople' }]);
      if (person.countryCode !== null && person.countryCode !== memberState) {
        throw DomainError.badInput([
          { field: 'personId', key: 'training:nomineeOtherState', params: { value: person.countryCode } },
        ]);
      }
      const seated = await this.enrolments.seated(tx, training.id);
      const quota = training.quotas.find((q) => q.countryCode === memberState)?.seats ?? null;
      const status = seatFor({
        capacity: training.capacity,
        seated: [...seated.values()].reduce((a, b) => a + b, 0),
        quota,
        seatedInCountry: seated.get(memberState) ?? 0,
      });
      const id = await this.enrolments.insert(tx, {
        trainingId: training.id,
        personId: person.id,
        memberState,
        status,
        nominatedBy: me,
      });
      if (!id) throw DomainError.conflict('training:alreadyNominated');
      const row = (await this.enrolments.find(tx, id)) as EnrolmentRow;
      await this.record(tx, actor, training, row, 'nominate', null);
      await this.tell(tx, training, row, status === 'CONFIRMED' ? 'trainingConfirmed' : 'trainingWaitlisted');
      return row;
    });
  }

  /**
   * The secretariat confirms a waitlisted nomination while the training has a free seat, above its
   * country's quota if need be (a decision the automatic promotion never takes). The nominee is told.
   */
  async confirm(actor: Actor, command: { enrolmentId: string }): Promise<EnrolmentRow> {
    requirePerson(actor);
    if (!isUuid(command.enrolmentId)) throw DomainError.notFound();
    return this.transactions.run(async (tx) => {
      const found = await this.enrolments.find(tx, command.enrolmentId);
      if (!found) throw DomainError.notFound();
      const training = await this.trainings.get(actor, found.trainingId, tx, true).catch(() => null);
      if (!training) throw DomainError.notFound();
      const representative = can(actor, 'NOMINATE_FOR_TRAINING', {
        networkId: training.networkId,
        memberState: found.memberState,
      });
      if (!representative && !this.trainings.canRun(actor, training)) throw DomainError.notFound();
      if (!this.trainings.canManage(actor, training)) throw DomainError.forbidden();
      const current = (await this.enrolments.find(tx, found.id)) as EnrolmentRow;
      if (current.status !== 'WAITLISTED') throw DomainError.conflict('training:notWaitlisted');
      if (training.status !== 'OPEN' && training.status !== 'CLOSED') throw DomainError.conflict('training:finished');
      const seated = [...(await this.enrolments.seated(tx, training.id)).values()].reduce((a, b) => a + b, 0);
      if (seated >= training.capacity) throw DomainError.conflict('training:full', { count: training.capacity });
      await this.enrolments.setStatus(tx, current.id, 'CONFIRMED');
      const after = { ...current, status: 'CONFIRMED' as const };
      await this.record(tx, actor, training, after, 'confirm', current);
      await this.tell(tx, training, after, 'trainingPromoted');
      return after;
    });
  }

  /** The nominee withdraws, or their state's representative or the secretariat withdraws them. */
  withdraw(actor: Actor, command: { enrolmentId: string }): Promise<EnrolmentRow> {
    return this.leave(actor, command.enrolmentId, 'WITHDRAWN');
  }

  /** The nominee's own "no": declined. */
  decline(actor: Actor, command: { enrolmentId: string }): Promise<EnrolmentRow> {
    return this.leave(actor, command.enrolmentId, 'DECLINED');
  }

  /**
   * The enrolments `actor` may read for a training: all for those who run it, their state's for a
   * focal point, their own otherwise. Batched per request.
   */
  async forTraining(actor: Actor, loaders: RequestLoaders, training: TrainingRow): Promise<EnrolmentRow[]> {
    const all = await loaders
      .get(
        'training.enrolments',
        () =>
          new DataLoader<string, EnrolmentRow[]>(async (ids) => {
            const rows = await this.enrolments.ofTrainings(ids);
            return ids.map((id) => rows.filter((r) => r.trainingId === id));
          }),
      )
      .load(training.id);
    if (
      this.trainings.canRun(actor, training) ||
      can(actor, 'NOMINATE_FOR_TRAINING', { networkId: training.networkId })
    ) {
      return all;
    }
    const states = actor.memberships
      .filter((m) => m.networkId === training.networkId && m.memberState !== null)
      .map((m) => m.memberState as string)
      .filter((s) => can(actor, 'NOMINATE_FOR_TRAINING', { networkId: training.networkId, memberState: s }));
    return all.filter((e) => e.personId === actor.personId || states.includes(e.memberState));
  }

  private async leave(actor: Actor, enrolmentId: string, to: EnrolmentStatus): Promise<EnrolmentRow> {
    const me = requirePerson(actor);
    if (!isUuid(enrolmentId)) throw DomainError.notFound();
    return this.transactions.run(async (tx) => {
      const found = await this.enrolments.find(tx, enrolmentId);
      if (!found) throw DomainError.notFound();
      // The training's lock first: it orders every seat decision of this training.
      const training = await this.trainings.get(actor, found.trainingId, tx, true).catch(() => null);
      if (!training) throw DomainError.notFound();
      const current = (await this.enrolments.find(tx, enrolmentId)) as EnrolmentRow;
      const self = current.personId === me;
      const representative = can(actor, 'NOMINATE_FOR_TRAINING', {
        networkId: training.networkId,
        memberState: current.memberState,
      });
      const visible = self || representative || this.trainings.canRun(actor, training);
      if (!visible) throw DomainError.notFound();
      if (to === 'DECLINED' ? !self : !(self || representative || this.trainings.canManage(actor, training))) {
        throw DomainError.forbidden();
      }
      if (current.status !== 'CONFIRMED' && current.status !== 'WAITLISTED') {
        throw DomainError.conflict('training:notActive', { status: current.status });
      }
      if (training.status === 'COMPLETED' || training.status === 'CANCELLED') {
        throw DomainError.conflict('training:finished');
      }
      await this.enrolments.setStatus(tx, current.id, to);
      const after = { ...current, status: to };
      await this.record(tx, actor, training, after, to === 'DECLINED' ? 'decline' : 'withdraw', current);
      // A nomination withdrawn by the state's representative or the secretariat: the nominee hears of it.
      if (to === 'WITHDRAWN' && !self) await this.tell(tx, training, after, 'trainingWithdrawn');
      if (SEATED.includes(current.status)) await this.promote(tx, actor, training);
      return after;
    });
  }

  /** Fills a freed seat from the waitlist (nomination order, quotas respected), telling the promoted. */
  private async promote(tx: Tx, actor: Actor, training: TrainingRow): Promise<void> {
    const seated = await this.enrolments.seated(tx, training.id);
    const total = [...seated.values()].reduce((a, b) => a + b, 0);
    if (total >= training.capacity) return;
    const quotas = new Map(training.quotas.map((q) => [q.countryCode, q.seats]));
    const next = nextToPromote(await this.enrolments.waitlist(tx, training.id), quotas, seated);
    if (!next) return;
    await this.enrolments.setStatus(tx, next.id, 'CONFIRMED');
    const promoted = { ...next, status: 'CONFIRMED' as const };
    await this.record(tx, actor, training, promoted, 'promote', next);
    await this.tell(tx, training, promoted, 'trainingPromoted');
  }

  private async tell(tx: Tx, training: TrainingRow, row: EnrolmentRow, kind: NotificationKind): Promise<void> {
    await this.notifications.notify(tx, {
      personId: row.personId,
      kind,
      subject: { type: 'training', id: training.id },
      networkId: training.networkId,
      params: {
        trainingTitle: resolveText(training.title, row.language, training.networkLanguage)?.text ?? '',
        when: new Intl.DateTimeFormat(row.language, { dateStyle: 'long', timeZone: training.timeZone }).formatRange(
          training.startsAt,
          training.endsAt,
        ),
        place: training.places.join(' · '),
      },
    });
  }

  private record(
    tx: Tx,
    actor: Actor,
    training: TrainingRow,
    after: EnrolmentRow,
    action: string,
    before: EnrolmentRow | null,
  ): Promise<void> {
    return this.audit.record(tx, actor, {
      networkId: training.networkId,
      entityType: 'enrolment',
      entityId: after.id,
      action,
      before: before ? { status: before.status } : null,
      after: {
        trainingId: training.id,
        personId: after.personId,
        memberState: after.memberState,
        status: after.status,
      },
    });
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
