import { Injectable } from '@nestjs/common';
import {
  Actor,
  anonymousActor,
  AuditRepository,
  DEFAULT_LANGUAGE,
  TranslatableText,
  TransactionRunner,
} from '@enlace/core';
import { checkSchedule } from '../meetings-rules';
import { MeetingRepository } from '../meeting/meeting.repository';
import type { MeetingsDemoData } from './meetings-demo';
import { MeetingsDemoRecords } from './meetings-demo-records';

/** The system, as the other demo seeds write: no actor, tagged `seed:demo`. */
const SYSTEM: Actor = { ...anonymousActor(DEFAULT_LANGUAGE), isAdmin: true, requestId: 'seed:demo' };

export interface MeetingsDemoSummary {
  readonly created: number;
  readonly unchanged: number;
  readonly invitees: number;
  /** Agenda items, decisions, follow-ups, minutes and member states' voices written. */
  readonly records?: { agendaItems: number; decisions: number; followUps: number; minutes: number; voices: number };
}

/**
 * Recreates the demo networks' meetings (demo/meetings.json) with their hosts and invitees (the
 * current holders of the roles each invites), in their final status. Idempotent: a meeting of the
 * same network, kind and start is left as it is. Runs after the directory seed (it needs its people).
 */
@Injectable()
export class MeetingsDemoSeedService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly meetings: MeetingRepository,
    private readonly audit: AuditRepository,
    private readonly records: MeetingsDemoRecords,
  ) {}

  async seed(data: MeetingsDemoData): Promise<MeetingsDemoSummary> {
    let created = 0;
    let unchanged = 0;
    let invitees = 0;
    const records = { agendaItems: 0, decisions: 0, followUps: 0, minutes: 0, voices: 0 };
    for (const demo of data.meetings) {
      await this.transactions.run(async (tx) => {
        const networks = await this.meetings.networksBySlug(tx, [demo.network, ...(demo.partners ?? [])]);
        const networkId = networks.get(demo.network);
        if (!networkId) throw new Error(`demo meeting of unknown network ${demo.network}`);
        const schedule = checkSchedule({ start: demo.start, end: demo.end, timeZone: demo.timeZone });
        if (schedule.errors.length > 0)
          throw new Error(`demo meeting ${demo.start}: ${JSON.stringify(schedule.errors)}`);
        if (await this.meetings.findByStart(tx, networkId, demo.kind, schedule.startsAt as Date)) {
          unchanged += 1;
          return;
        }
        const title: TranslatableText = Object.fromEntries(
          Object.entries(demo.title).map(([lang, text]) => [
            lang,
            { text, status: lang === demo.original ? 'ORIGINAL' : 'TRANSLATED' },
          ]),
        );
        const values = {
          kind: demo.kind,
          title,
          description: null,
          startsAt: schedule.startsAt as Date,
          endsAt: schedule.endsAt as Date,
          timeZone: demo.timeZone,
          place: demo.place ?? null,
          onlineUrl: demo.onlineUrl ?? null,
          languages: demo.languages,
          interpretation: demo.interpretation,
          visibility: demo.visibility,
        };
        const id = await this.meetings.insert(tx, networkId, values, null);
        const partners = (demo.partners ?? []).map((slug) => networks.get(slug)).filter((p): p is string => !!p);
        await this.meetings.setPartners(tx, id, partners);
        await this.meetings.setHosts(tx, id, demo.hosts);
        const holders = [
          ...(await this.meetings.holdersOf(tx, [networkId], demo.inviteRoles)),
          ...(partners.length && demo.partnerInviteRoles
            ? await this.meetings.holdersOf(tx, partners, demo.partnerInviteRoles)
            : []),
        ];
        const added = await this.meetings.addInvitees(
          tx,
          id,
          holders.map((h) => ({ personId: h.personId, viaRole: h.role })),
          null,
        );
        invitees += added.length;
        await this.meetings.update(tx, id, 1, { ...values, status: demo.status }, false);
        // What happened at it (held meetings): agenda, attendance, decisions, minutes and voices, communiqué.
        const written = await this.records.write(tx, id, demo, holders);
        records.agendaItems += written.agendaItems;
        records.decisions += written.decisions;
        records.followUps += written.followUps;
        records.minutes += written.minutes ? 1 : 0;
        records.voices += written.voices;
        await this.audit.record(tx, SYSTEM, {
          networkId,
          entityType: 'meeting',
          entityId: id,
          action: 'create',
          after: {
            kind: demo.kind,
            title,
            start: demo.start,
            timeZone: demo.timeZone,
            status: demo.status,
            ...written,
          },
        });
        created += 1;
      });
    }
    return created > 0 ? { created, unchanged, invitees, records } : { created, unchanged, invitees };
  }
}
