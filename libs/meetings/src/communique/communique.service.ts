import { Injectable } from '@nestjs/common';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  DomainError,
  FieldError,
  isUuid,
  mergeTranslatableText,
  requirePerson,
  throwIfAny,
  TransactionRunner,
  TranslationInputLike,
  Tx,
  Visibility,
  VISIBILITIES,
} from '@enlace/core';
import { MeetingService } from '../meeting/meeting.service';
import { CommuniqueRow } from './communique.entity';
import { CommuniqueRepository } from './communique.repository';

export const MAX_COMMUNIQUE_LENGTH = 20_000;

export interface SetCommuniqueCommand {
  readonly meetingId: string;
  /** The version read; omitted (or null) for the first text. */
  readonly expectedVersion?: number | null;
  readonly text?: readonly TranslationInputLike[] | null;
  readonly visibility?: string | null;
}

/**
 * A meeting's communiqué (issue 11 item 6): written by the organisers, read under its own visibility
 * once published, so that a PUBLIC communiqué reaches readers who may not read the meeting itself.
 */
@Injectable()
export class CommuniqueService {
  constructor(
    private readonly communiques: CommuniqueRepository,
    private readonly meetings: MeetingService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  /** NOT_FOUND alike when the meeting does not exist, has no communiqué, or the actor may not read it. */
  async get(actor: Actor, meetingId: unknown): Promise<CommuniqueRow> {
    if (!isUuid(meetingId)) throw DomainError.notFound();
    const row = await this.communiques.findReadable(actor, meetingId);
    if (!row) throw DomainError.notFound();
    return row;
  }

  /** Writes (or edits) the text and visibility, while the meeting is not cancelled. */
  async set(actor: Actor, command: SetCommuniqueCommand): Promise<CommuniqueRow> {
    return this.change(actor, command.meetingId, 'setCommunique', async (tx, meetingId, current) => {
      const errors: FieldError[] = [];
      const visibility = (command.visibility ?? current?.visibility ?? 'PUBLIC') as Visibility;
      if (!VISIBILITIES.includes(visibility)) errors.push({ field: 'visibility', key: 'validation:invalidValue' });
      const built = buildTranslatableText(command.text, 'text', {
        required: !current,
        maxLength: MAX_COMMUNIQUE_LENGTH,
        defaultStatus: current ? 'TRANSLATED' : 'ORIGINAL',
      });
      errors.push(...built.errors);
      throwIfAny(errors);
      if (!current) {
        await this.communiques.insert(tx, meetingId, built.value, visibility);
        return { text: built.value, visibility };
      }
      const text = mergeTranslatableText(current.text, built.value);
      if (command.expectedVersion !== current.version) throw DomainError.conflict('meetings:communique.stale');
      if (!(await this.communiques.update(tx, meetingId, current.version, { text, visibility, publish: false }))) {
        throw DomainError.conflict('meetings:communique.stale');
      }
      return { text, visibility };
    });
  }

  /** Publishes the communiqué of a HELD or CLOSED meeting: from now on its visibility decides who reads it. */
  async publish(actor: Actor, command: { meetingId: string; expectedVersion: number }): Promise<CommuniqueRow> {
    return this.change(actor, command.meetingId, 'publishCommunique', async (tx, meetingId, current, status) => {
      if (status !== 'HELD' && status !== 'CLOSED') {
        throw DomainError.conflict('meetings:communique.needHeld', { status });
      }
      if (!current) throw DomainError.badInput([{ field: 'meetingId', key: 'meetings:communique.missing' }]);
      if (current.publishedAt) throw DomainError.conflict('meetings:communique.published');
      if (
        command.expectedVersion !== current.version ||
        !(await this.communiques.update(tx, meetingId, current.version, {
          text: current.text,
          visibility: current.visibility,
          publish: true,
        }))
      ) {
        throw DomainError.conflict('meetings:communique.stale');
      }
      return { published: true };
    });
  }

  private async change(
    actor: Actor,
    meetingId: string,
    action: string,
    work: (tx: Tx, meetingId: string, current: CommuniqueRow | null, status: string) => Promise<object>,
  ): Promise<CommuniqueRow> {
    requirePerson(actor);
    if (!isUuid(meetingId)) throw DomainError.notFound();
    return this.transactions.run(async (tx) => {
      const meeting = await this.meetings.get(actor, meetingId, tx, true);
      if (!this.meetings.canRun(actor, meeting)) throw DomainError.forbidden();
      if (meeting.status === 'CANCELLED')
        throw DomainError.conflict('meetings:notEditable', { status: meeting.status });
      const current = await this.communiques.find(tx, meeting.id);
      const after = await work(tx, meeting.id, current, meeting.status);
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting_communique',
        entityId: meeting.id,
        action,
        before: current ? { text: current.text, visibility: current.visibility, version: current.version } : null,
        after,
      });
      return (await this.communiques.find(tx, meeting.id))!;
    });
  }
}
