import { Injectable } from '@nestjs/common';
import { Language, resolveText, Tx } from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import { MeetingRow } from '../meeting/meeting.entity';
import { MeetingRepository } from '../meeting/meeting.repository';
import { describeWhen } from '../meeting/meeting.service';
import { MinutesRepository } from './minutes.repository';

/**
 * Who hears of the minutes (decision 0020): the representatives of the states present when they are
 * circulated (and any a later attendance record makes present), every invitee once they are approved;
 * never whoever made the change. In the caller's transaction, through `notifyEach`.
 */
@Injectable()
export class MinutesNotices {
  constructor(
    private readonly minutes: MinutesRepository,
    private readonly meetingRows: MeetingRepository,
    private readonly notifications: NotificationService,
  ) {}

  /** The representatives present now, as `person:state` keys (to tell who an attendance change brings in). */
  async representativesPresent(tx: Tx, meetingId: string): Promise<Set<string>> {
    return new Set((await this.minutes.representatives(tx, meetingId)).map((r) => `${r.personId}:${r.state}`));
  }

  /**
   * After attendance changed while the minutes are CIRCULATED: the representatives it made present
   * (not among `before`) are asked to sign off, as those present were when the minutes went out.
   */
  async askNewcomers(tx: Tx, meeting: MeetingRow, before: ReadonlySet<string>, except: string | null): Promise<void> {
    await this.askForSignOff(tx, meeting, except, before);
  }

  /** Each representative of a member state present (focal point, or alternate holding it) is asked to sign off. */
  async askForSignOff(
    tx: Tx,
    meeting: MeetingRow,
    except: string | null,
    alreadyAsked: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    // Nobody is told of a change they made themselves.
    const representatives = (await this.minutes.representatives(tx, meeting.id)).filter(
      (r) => r.personId !== except && !alreadyAsked.has(`${r.personId}:${r.state}`),
    );
    if (representatives.length === 0) return;
    const languages = new Map(
      (await this.meetingRows.languageOf(tx, [...new Set(representatives.map((r) => r.personId))])).map((r) => [
        r.personId,
        r.language,
      ]),
    );
    await this.notifications.notifyEach(
      tx,
      representatives.flatMap((r) => {
        const language = languages.get(r.personId);
        if (!language) return []; // erased since the meeting
        return [
          {
            personId: r.personId,
            kind: 'minutesCirculated' as const,
            subject: { type: 'meeting', id: meeting.id },
            networkId: meeting.networkId,
            params: { ...meetingParams(meeting, language), memberState: r.state },
          },
        ];
      }),
    );
  }

  /** The invitees hear that the minutes are approved (and final), with the count of approvals. */
  async announceApproval(
    tx: Tx,
    meeting: MeetingRow,
    approvals: number,
    present: number,
    except: string | null,
  ): Promise<void> {
    const recipients = await this.meetingRows.recipients(tx, meeting.id, except);
    await this.notifications.notifyEach(
      tx,
      recipients.map((r) => ({
        personId: r.personId,
        kind: 'minutesApproved' as const,
        subject: { type: 'meeting', id: meeting.id },
        networkId: meeting.networkId,
        params: { ...meetingParams(meeting, r.language), approvals, present },
      })),
    );
  }
}

/** The meeting as a notification names it (the title and time are rendered again when read, decision 0020). */
function meetingParams(meeting: MeetingRow, language: Language): Record<string, string> {
  return {
    meetingTitle: resolveText(meeting.title, language, meeting.networkLanguage)?.text ?? '',
    when: describeWhen(meeting, language),
  };
}
