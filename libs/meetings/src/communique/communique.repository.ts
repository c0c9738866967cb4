import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, namedQuery, TranslatableText, Visibility, visibilitySql } from '@enlace/core';
import { organiserSql } from '../meeting/meeting.visibility';
import { CommuniqueRow, RawCommunique, toCommunique } from './communique.entity';

const COLUMNS = `c.meeting_id, mt.network_id, n.default_language AS network_language, c.text, c.visibility,
  c.published_at, c.version, c.updated_at`;
const FROM = `meeting_communique c JOIN meeting mt ON mt.id = c.meeting_id JOIN network n ON n.id = mt.network_id`;

@Injectable()
export class CommuniqueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The communiqué if `actor` may read it, by its own visibility and not the meeting's: the meeting's
   * organisers read it always (a draft too); anyone else only once published, when the communiqué's
   * visibility lets them (RESTRICTED: the meeting's invitees and the owner's secretariat). Whether
   * the meeting exists or is readable makes no difference to the answer.
   */
  async findReadable(actor: Actor, meetingId: string): Promise<CommuniqueRow | null> {
    const organiser = organiserSql(actor, 'mt');
    const visible = visibilitySql(actor, {
      network: 'mt.network_id',
      visibility: 'c.visibility',
      participant: (p) =>
        `EXISTS (SELECT 1 FROM meeting_invitee ci WHERE ci.meeting_id = mt.id AND ci.person_id = CAST(:${p} AS uuid))`,
    });
    const rows = await namedQuery<RawCommunique>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE c.meeting_id = CAST(:id AS uuid)
          AND (${organiser.sql} OR (c.published_at IS NOT NULL AND mt.status IN ('HELD', 'CLOSED') AND ${visible.sql}))`,
      { ...organiser.params, ...visible.params, id: meetingId },
    );
    return rows[0] ? toCommunique(rows[0]) : null;
  }

  /** The stored communiqué of a meeting, whoever asks: for the change that has just locked the meeting. */
  async find(tx: EntityManager, meetingId: string): Promise<CommuniqueRow | null> {
    const rows = (await tx.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.meeting_id = $1`, [
      meetingId,
    ])) as RawCommunique[];
    return rows[0] ? toCommunique(rows[0]) : null;
  }

  async insert(tx: EntityManager, meetingId: string, text: TranslatableText, visibility: Visibility): Promise<void> {
    await tx.query(`INSERT INTO meeting_communique (meeting_id, text, visibility) VALUES ($1, $2, $3)`, [
      meetingId,
      JSON.stringify(text),
      visibility,
    ]);
  }

  /** Writes new text, visibility or publication if the stored version is `version`. */
  async update(
    tx: EntityManager,
    meetingId: string,
    version: number,
    values: { text: TranslatableText; visibility: Visibility; publish: boolean },
  ): Promise<boolean> {
    const rows = (await tx.query(
      `WITH changed AS (UPDATE meeting_communique SET text = $3, visibility = $4,
              published_at = CASE WHEN $5 THEN COALESCE(published_at, now()) ELSE published_at END,
              version = version + 1, updated_at = now()
        WHERE meeting_id = $1 AND version = $2 RETURNING meeting_id) SELECT meeting_id FROM changed`,
      [meetingId, version, JSON.stringify(values.text), values.visibility, values.publish],
    )) as unknown[];
    return rows.length > 0;
  }
}
