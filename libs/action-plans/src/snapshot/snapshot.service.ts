import { Inject, Injectable, Optional } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  DomainError,
  groupByKey,
  isIsoDate,
  isUuid,
  RequestLoaders,
  requirePerson,
  TransactionRunner,
  Visibility,
} from '@enlace/core';
import { dashboardLines } from '../rollup/dashboard-figures';
import { RollupRepository } from '../rollup/rollup.repository';
import { MEETINGS_PORT, MeetingsPort } from '../source/meetings.port';
import { SnapshotRepository, SnapshotRow } from './snapshot.repository';

/**
 * The plans a meeting's whole audience may read: a snapshot on an agenda item is shown to every
 * reader of the meeting, so it counts only active-or-later plans at least as widely shared as the
 * meeting (a NETWORK or RESTRICTED meeting: NETWORK, PARTNERS and PUBLIC plans; a PARTNERS meeting:
 * PARTNERS and PUBLIC ones), and of those only what the attacher may read.
 */
export function planVisibilitiesFor(meeting: Visibility): Visibility[] {
  switch (meeting) {
    case 'PUBLIC':
      return ['PUBLIC'];
    case 'PARTNERS':
      return ['PUBLIC', 'PARTNERS'];
    default:
      return ['PUBLIC', 'PARTNERS', 'NETWORK'];
  }
}

/** "Status of national action plans as of the meeting date", frozen on a meeting's agenda item. */
@Injectable()
export class SnapshotService {
  constructor(
    private readonly snapshots: SnapshotRepository,
    private readonly rollups: RollupRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    @Optional() @Inject(MEETINGS_PORT) private readonly meetings: MeetingsPort | null,
  ) {}

  /** By the meeting's organisers; `networkId` is the meeting's network (its plans). */
  async attach(actor: Actor, command: { agendaItemId: string; networkId: string; asOf: string }): Promise<SnapshotRow> {
    const me = requirePerson(actor);
    const meeting = await this.meetingOf(actor, command.agendaItemId);
    if (!meeting.mayRun) throw DomainError.forbidden();
    if (!isUuid(command.networkId) || command.networkId !== meeting.networkId) {
      throw DomainError.badInput([{ field: 'networkId', key: 'action-plans:snapshotNetwork' }]);
    }
    if (!isIsoDate(command.asOf)) throw DomainError.badInput([{ field: 'asOf', key: 'action-plans:invalidDate' }]);
    return this.transactions.run(async (tx) => {
      // Each plan's figures are frozen; whoever reads the snapshot later is shown the sums over the
      // plans they may read then (`forAgendaItem`), the attacher the sums over all of them.
      const plans = await this.rollups.computePlanFigures(
        actor,
        { networkId: meeting.networkId, asOf: command.asOf, visibilities: planVisibilitiesFor(meeting.visibility) },
        tx,
      );
      const stored = await this.snapshots.insert(
        tx,
        {
          agendaItemId: command.agendaItemId,
          networkId: meeting.networkId,
          asOf: command.asOf,
          audience: meeting.visibility,
          lines: dashboardLines(plans),
          plans,
        },
        me,
      );
      const { plans: _, ...row } = stored;
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'plan_dashboard_snapshot',
        entityId: row.id,
        action: 'attach',
        after: { agendaItemId: row.agendaItemId, asOf: row.asOf, audience: row.audience },
      });
      return row;
    });
  }

  /**
   * The snapshots on an agenda item, for those who may read its meeting (else none, like a generated
   * item), each showing the sums of its frozen plan figures over the plans the reader may read now
   * (walk finding 3: an invitee from a partner network never counts a NETWORK plan): batched per
   * request, three statements for any number of items (the snapshots with their items' meetings,
   * which of those meetings the actor may read, which of their plans). A snapshot attached before
   * plan figures were kept shows no lines: who may read what it counted is no longer known.
   */
  forAgendaItem(actor: Actor, loaders: RequestLoaders, agendaItemId: string): Promise<SnapshotRow[]> {
    return loaders
      .get(
        'actionPlans.agendaItemSnapshots',
        () =>
          new DataLoader<string, SnapshotRow[]>(async (ids) => {
            const stored = this.meetings ? await this.snapshots.forAgendaItems(ids.filter((id) => isUuid(id))) : [];
            const readable = stored.length
              ? await (this.meetings as MeetingsPort).readableMeetings(actor, [
                  ...new Set(stored.map((s) => s.meetingId)),
                ])
              : new Map();
            const kept = stored.filter((s) => readable.has(s.meetingId));
            const plans = await this.snapshots.readablePlanIds(actor, [
              ...new Set(kept.flatMap((s) => (s.plans ?? []).map((p) => p.planId))),
            ]);
            const shown = kept.map(({ meetingId: _, plans: figures, ...snapshot }): SnapshotRow => ({
              ...snapshot,
              lines: figures ? dashboardLines(figures.filter((p) => plans.has(p.planId))) : [],
            }));
            return groupByKey(ids, shown, (s) => s.agendaItemId);
          }),
      )
      .load(agendaItemId);
  }

  private async meetingOf(actor: Actor, agendaItemId: string) {
    if (!this.meetings || !isUuid(agendaItemId)) throw DomainError.notFound();
    const meetingId = await this.snapshots.agendaItemMeeting(agendaItemId);
    const meeting = meetingId ? await this.meetings.readableMeeting(actor, meetingId) : null;
    if (!meeting) throw DomainError.notFound();
    return meeting;
  }
}
