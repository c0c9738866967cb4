import { Language, TranslatableText, Tx } from '@enlace/core';
import { AgendaRepository } from '../agenda/agenda.repository';
import { AttendanceRepository } from '../attendance/attendance.repository';
import { CommuniqueRepository } from '../communique/communique.repository';
import { DecisionRepository } from '../decision/decision.repository';
import { DEFAULT_QUORUM, quorumReached } from '../minutes/minutes-rules';
import { MinutesRepository } from '../minutes/minutes.repository';
import type { DemoAgendaItem, DemoMeeting, DemoText } from './meetings-demo';

/** The people a demo meeting invited, with the seat they were invited for. */
export interface DemoHolder {
  readonly personId: string;
  readonly role: string;
  readonly memberState: string | null;
}

/** What the records of one demo meeting came to. */
export interface DemoRecordsSummary {
  readonly agendaItems: number;
  readonly decisions: number;
  readonly followUps: number;
  readonly minutes: string | null;
  readonly voices: number;
}

/**
 * What happened at a demo meeting once it was held (demo/meetings.json): its agenda, who attended,
 * its numbered decisions and their follow-ups, the minutes with their member states' voices, the
 * communiqué. Written through the context's repositories, checked as the services would check them:
 * a voice from a state not present, or minutes said APPROVED whose voices do not reach the quorum
 * (or that carry a voice after it was reached), stop the seed with the meeting named.
 */
export class MeetingsDemoRecords {
  constructor(
    private readonly agenda: AgendaRepository,
    private readonly attendance: AttendanceRepository,
    private readonly decisions: DecisionRepository,
    private readonly minutes: MinutesRepository,
    private readonly communiques: CommuniqueRepository,
  ) {}

  async write(
    tx: Tx,
    meetingId: string,
    demo: DemoMeeting,
    holders: readonly DemoHolder[],
  ): Promise<DemoRecordsSummary> {
    const where = `demo meeting ${demo.network} ${demo.start}`;
    const agendaItems = await this.items(tx, meetingId, null, demo.agenda ?? [], demo.original);
    if (demo.present) {
      const present = new Set(demo.present);
      const entries = holders
        .filter((h) => h.role === 'FOCAL_POINT' || h.role === 'SECRETARIAT')
        .map((h) => ({
          personId: h.personId,
          present: h.role === 'SECRETARIAT' || present.has(h.memberState ?? '') ? 'PRESENT' : 'ABSENT',
        })) as { personId: string; present: 'PRESENT' | 'ABSENT' }[];
      await this.attendance.setAttendance(tx, meetingId, entries);
    }
    let followUps = 0;
    for (const decision of demo.decisions ?? []) {
      const id = await this.decisions.insertDecision(
        tx,
        meetingId,
        demo.series ?? (await this.decisions.seriesNumber(tx, meetingId)),
        text(decision.text, demo.original),
        null,
      );
      for (const f of decision.followUps ?? []) {
        const values = {
          text: text(f.text, demo.original),
          assigneePersonId: null,
          assigneeCountry: f.assignee,
          dueOn: f.dueOn ?? null,
        };
        const followUpId = await this.decisions.insertFollowUp(tx, id, meetingId, values);
        if (
          f.status !== 'OPEN' &&
          !(await this.decisions.updateFollowUp(tx, followUpId, 1, { ...values, status: f.status }))
        ) {
          throw new Error(`${where}: follow-up ${followUpId} changed under the seed`);
        }
        followUps += 1;
      }
    }
    let voices = 0;
    if (demo.minutes) {
      const m = demo.minutes;
      const body: TranslatableText = Object.fromEntries(
        Object.entries(m.text).map(([lang, t]) => [lang, { text: t.text, status: t.status }]),
      );
      const minutesId = await this.minutes.insert(tx, meetingId, body, DEFAULT_QUORUM, null);
      if (m.status !== 'DRAFT') await this.minutes.setStatus(tx, minutesId, 'CIRCULATED', null);
      const representatives = await this.minutes.representatives(tx, meetingId);
      const present = new Set(representatives.map((r) => r.state)).size;
      let approvals = 0;
      for (const voice of m.signOffs ?? []) {
        const signer = representatives.find((r) => r.state === voice.memberState);
        if (!signer) throw new Error(`${where}: ${voice.memberState} is not present and cannot sign off`);
        if (quorumReached(approvals, present, DEFAULT_QUORUM)) throw new Error(`${where}: a voice after approval`);
        await this.minutes.addSignOff(tx, minutesId, {
          memberState: voice.memberState,
          personId: signer.personId,
          decision: voice.decision,
          reason: voice.reason ?? null,
          revision: 1,
        });
        if (voice.decision === 'APPROVE') approvals += 1;
        voices += 1;
      }
      const reached = quorumReached(approvals, present, DEFAULT_QUORUM);
      if (reached !== (m.status === 'APPROVED')) {
        throw new Error(`${where}: minutes ${m.status} with ${approvals} approvals of ${present} states present`);
      }
      if (reached) await this.minutes.setStatus(tx, minutesId, 'APPROVED', null);
    }
    if (demo.communique) {
      const c = demo.communique;
      const body = text(c.text, demo.original);
      await this.communiques.insert(tx, meetingId, body, c.visibility);
      if (c.published)
        await this.communiques.update(tx, meetingId, 1, { text: body, visibility: c.visibility, publish: true });
    }
    return {
      agendaItems,
      decisions: demo.decisions?.length ?? 0,
      followUps,
      minutes: demo.minutes?.status ?? null,
      voices,
    };
  }

  private async items(
    tx: Tx,
    meetingId: string,
    parentId: string | null,
    items: readonly DemoAgendaItem[],
    original: Language,
  ): Promise<number> {
    let count = 0;
    for (const [index, item] of items.entries()) {
      const id = await this.agenda.insert(tx, meetingId, parentId, index + 1, {
        title: text(item.title, original),
        presenterPersonId: null,
        presenterCountry: item.presenter ?? null,
        durationMinutes: item.minutes ?? null,
        links: [],
      });
      count += 1 + (await this.items(tx, meetingId, id, item.items ?? [], original));
    }
    return count;
  }
}

function text(value: DemoText, original: Language): TranslatableText {
  return Object.fromEntries(
    Object.entries(value).map(([lang, t]) => [
      lang,
      { text: t, status: lang === original ? 'ORIGINAL' : 'TRANSLATED' },
    ]),
  );
}
