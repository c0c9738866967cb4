import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, audienceKeys, TranslatableText } from '@enlace/core';
import { AgendaItemRow, RawAgendaItem, toAgendaItem } from './agenda.entity';

const ITEM_COLUMNS = `ai.id, ai.meeting_id, ai.parent_id, ai.position, ai.title, ai.presenter_person_id,
  pp.name AS presenter_name, pp.erased_at IS NOT NULL AS presenter_erased, ai.presenter_country,
  (CAST($2 AS text[]) IS NULL OR pp.vis_keys && CAST($2 AS text[])) AS presenter_visible,
  ai.duration_minutes, ai.links`;

export interface AgendaItemValues {
  readonly title: TranslatableText;
  readonly presenterPersonId: string | null;
  readonly presenterCountry: string | null;
  readonly durationMinutes: number | null;
  readonly links: readonly string[];
}

@Injectable()
export class AgendaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager | null): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** The meeting an item belongs to, whoever may read it (the service checks the meeting next). */
  async meetingOfItem(itemId: string): Promise<string | null> {
    const rows = (await this.manager().query(`SELECT meeting_id FROM meeting_agenda_item WHERE id = $1`, [itemId])) as {
      meeting_id: string;
    }[];
    return rows[0]?.meeting_id ?? null;
  }

  /**
   * The stored items of these meetings, with each meeting's agenda version: one statement for a page.
   * With a reader, a presenting person the reader may not see in the directory is left out; without
   * one (a change reading what it is about to rewrite), nothing is.
   */
  async agendas(
    tx: EntityManager | null,
    meetingIds: readonly string[],
    reader: Actor | null,
  ): Promise<{ meetingId: string; version: number; items: AgendaItemRow[] }[]> {
    const rows = (await this.manager(tx).query(
      `SELECT mt.id AS for_meeting, mt.agenda_version, ${ITEM_COLUMNS}
         FROM meeting mt
         LEFT JOIN meeting_agenda_item ai ON ai.meeting_id = mt.id
         LEFT JOIN person pp ON pp.id = ai.presenter_person_id
        WHERE mt.id = ANY(CAST($1 AS uuid[]))
        ORDER BY mt.id, ai.parent_id NULLS FIRST, ai.position`,
      [meetingIds, reader ? audienceKeys(reader) : null],
    )) as (RawAgendaItem & { for_meeting: string; agenda_version: number })[];
    const byMeeting = new Map<string, { meetingId: string; version: number; items: AgendaItemRow[] }>();
    for (const r of rows) {
      let agenda = byMeeting.get(r.for_meeting);
      if (!agenda) {
        agenda = { meetingId: r.for_meeting, version: Number(r.agenda_version), items: [] };
        byMeeting.set(r.for_meeting, agenda);
      }
      if (r.id) agenda.items.push(toAgendaItem(r));
    }
    return [...byMeeting.values()];
  }

  async insert(
    tx: EntityManager,
    meetingId: string,
    parentId: string | null,
    position: number,
    values: AgendaItemValues,
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO meeting_agenda_item (meeting_id, parent_id, position, title, presenter_person_id, presenter_country,
                                        duration_minutes, links)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        meetingId,
        parentId,
        position,
        JSON.stringify(values.title),
        values.presenterPersonId,
        values.presenterCountry,
        values.durationMinutes,
        values.links,
      ],
    )) as { id: string }[];
    return row.id;
  }

  async update(tx: EntityManager, itemId: string, values: AgendaItemValues): Promise<void> {
    await tx.query(
      `UPDATE meeting_agenda_item SET title = $2, presenter_person_id = $3, presenter_country = $4,
              duration_minutes = $5, links = $6, updated_at = now()
        WHERE id = $1`,
      [
        itemId,
        JSON.stringify(values.title),
        values.presenterPersonId,
        values.presenterCountry,
        values.durationMinutes,
        values.links,
      ],
    );
  }

  /** Deletes an item and, by cascade, everything nested under it. */
  async remove(tx: EntityManager, itemId: string): Promise<void> {
    await tx.query(`DELETE FROM meeting_agenda_item WHERE id = $1`, [itemId]);
  }

  /** Writes new parents and positions in one statement. */
  async place(
    tx: EntityManager,
    changes: readonly { id: string; parentId: string | null; position: number }[],
  ): Promise<void> {
    if (changes.length === 0) return;
    await tx.query(
      `UPDATE meeting_agenda_item ai SET parent_id = c.parent_id, position = c.position, updated_at = now()
         FROM unnest(CAST($1 AS uuid[]), CAST($2 AS uuid[]), CAST($3 AS int[])) AS c(id, parent_id, position)
        WHERE ai.id = c.id`,
      [changes.map((c) => c.id), changes.map((c) => c.parentId), changes.map((c) => c.position)],
    );
  }

  /** Bumps the agenda's version if it is still `version` (the meeting row is locked by the caller). */
  async bumpVersion(tx: EntityManager, meetingId: string, version: number): Promise<boolean> {
    const rows = (await tx.query(
      `WITH changed AS (UPDATE meeting SET agenda_version = agenda_version + 1
                         WHERE id = $1 AND agenda_version = $2 RETURNING id) SELECT id FROM changed`,
      [meetingId, version],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Is `personId` someone who may present at (or act for) this meeting: an invitee, or a current
   * member of one of `networkIds` whom `actor` may see in the directory? A hidden person is no answer.
   */
  async isEligiblePerson(
    tx: EntityManager,
    actor: Actor,
    meetingId: string,
    personId: string,
    networkIds: readonly string[],
  ): Promise<boolean> {
    const rows = (await tx.query(
      `SELECT 1 FROM person p
        WHERE p.id = $1 AND p.erased_at IS NULL
          AND (EXISTS (SELECT 1 FROM meeting_invitee i WHERE i.meeting_id = $2 AND i.person_id = p.id)
               OR (p.vis_keys && CAST($4 AS text[])
                   AND EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id
                                  AND m.network_id = ANY(CAST($3 AS uuid[])) AND m.starts_on <= current_date
                                  AND (m.ends_on IS NULL OR m.ends_on > current_date))))`,
      [personId, meetingId, networkIds, audienceKeys(actor)],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Is `code` a current member state of one of `networkIds`? */
  async isMemberState(tx: EntityManager, networkIds: readonly string[], code: string): Promise<boolean> {
    const rows = (await tx.query(
      `SELECT 1 FROM member_state WHERE network_id = ANY(CAST($1 AS uuid[])) AND country_code = $2
          AND (left_on IS NULL OR left_on > current_date) LIMIT 1`,
      [networkIds, code],
    )) as unknown[];
    return rows.length > 0;
  }
}
