import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, audienceKeys, Language, namedQuery, TranslatableText, Visibility } from '@enlace/core';
import type { Attendance, HostRole, MeetingKind, MeetingStatus, RsvpResponse } from '../meetings-rules';
import { InviteeRow, MeetingHost, MeetingRow, RawMeeting, toMeeting } from './meeting.entity';
import { organiserSql, readableMeetingSql } from './meeting.visibility';

/** Everything a meeting view needs, in one statement: partners, hosts, answer counts, the caller's answer. */
const MEETING_COLUMNS = `mt.id, mt.network_id, n.default_language AS network_language, n.name AS network_name, mt.kind, mt.title,
  mt.description, mt.starts_at, mt.ends_at, mt.time_zone, mt.place, mt.online_url, mt.languages,
  mt.interpretation, mt.visibility, mt.status, mt.sequence, mt.version, mt.created_at, mt.updated_at, mt.channel_id,
  (SELECT array_agg(mp.network_id ORDER BY mp.network_id) FROM meeting_partner mp WHERE mp.meeting_id = mt.id)
    AS partner_network_ids,
  (SELECT json_agg(json_build_object('countryCode', h.country_code, 'role', h.role) ORDER BY h.role, h.country_code)
     FROM meeting_host h WHERE h.meeting_id = mt.id) AS hosts,
  (SELECT json_build_object('invited', count(*),
          'accepted', count(*) FILTER (WHERE i.response = 'ACCEPTED'),
          'declined', count(*) FILTER (WHERE i.response = 'DECLINED'),
          'tentative', count(*) FILTER (WHERE i.response = 'TENTATIVE'),
          'pending', count(*) FILTER (WHERE i.response = 'PENDING'))
     FROM meeting_invitee i WHERE i.meeting_id = mt.id) AS rsvp,
  (SELECT i.response FROM meeting_invitee i WHERE i.meeting_id = mt.id AND i.person_id = CAST(:me AS uuid)) AS my_response`;

export interface MeetingValues {
  readonly kind: MeetingKind;
  readonly title: TranslatableText;
  readonly description: TranslatableText | null;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly place: string | null;
  readonly onlineUrl: string | null;
  readonly languages: readonly Language[];
  readonly interpretation: readonly Language[];
  readonly visibility: Visibility;
}

export interface MeetingFilter {
  readonly networkId?: string | null;
  readonly kind?: MeetingKind | null;
  readonly status?: MeetingStatus | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
  /** Only meetings the caller is invited to. */
  readonly mine?: boolean;
  /** Only meetings the caller is invited to or runs (a personal calendar). */
  readonly calendar?: boolean;
}

/** A meeting as its notifications name it when they are read. */
export interface MeetingNotice {
  readonly id: string;
  /** The reader it is rendered for. */
  readonly personId: string;
  readonly title: TranslatableText;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly place: string | null;
  readonly onlineUrl: string | null;
  readonly networkLanguage: Language;
}

/** A person a meeting may be sent to, with the language and address their notification uses. */
export interface Recipient {
  readonly personId: string;
  readonly language: Language;
}

@Injectable()
export class MeetingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager | null): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** The network's default language if it exists. */
  async network(tx: EntityManager, networkId: string): Promise<{ defaultLanguage: Language } | null> {
    const rows = (await tx.query(`SELECT default_language FROM network WHERE id = $1`, [networkId])) as {
      default_language: Language;
    }[];
    return rows[0] ? { defaultLanguage: rows[0].default_language } : null;
  }

  /** Of `networkIds`, those that are partners of `networkId`. */
  async partnersAmong(tx: EntityManager, networkId: string, networkIds: readonly string[]): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT partner_id FROM network_partner WHERE network_id = $1 AND partner_id = ANY(CAST($2 AS uuid[]))`,
      [networkId, networkIds],
    )) as { partner_id: string }[];
    return rows.map((r) => r.partner_id);
  }

  /** Of `codes`, those that are current member states of one of `networkIds`. */
  async memberStatesAmong(
    tx: EntityManager,
    networkIds: readonly string[],
    codes: readonly string[],
  ): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT DISTINCT country_code FROM member_state
        WHERE network_id = ANY(CAST($1 AS uuid[])) AND country_code = ANY(CAST($2 AS char(2)[]))
          AND (left_on IS NULL OR left_on > current_date)`,
      [networkIds, codes],
    )) as { country_code: string }[];
    return rows.map((r) => r.country_code.trim());
  }

  async insert(tx: EntityManager, networkId: string, values: MeetingValues, createdBy: string | null): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO meeting (network_id, kind, title, description, starts_at, ends_at, time_zone, place, online_url,
                            languages, interpretation, visibility, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        networkId,
        values.kind,
        JSON.stringify(values.title),
        values.description ? JSON.stringify(values.description) : null,
        values.startsAt,
        values.endsAt,
        values.timeZone,
        values.place,
        values.onlineUrl,
        values.languages,
        values.interpretation,
        values.visibility,
        createdBy,
      ],
    )) as { id: string }[];
    return row.id;
  }

  /**
   * Writes new values if the stored version is `version`; returns false when another edit came first.
   * `bumpSequence` counts a change calendar programs must show (times, place, status).
   */
  async update(
    tx: EntityManager,
    id: string,
    version: number,
    values: MeetingValues & { status?: MeetingStatus },
    bumpSequence: boolean,
  ): Promise<boolean> {
    // A CTE, so that the driver answers the returned rows (an UPDATE alone answers [rows, count]).
    const rows = (await tx.query(
      `WITH changed AS (UPDATE meeting SET kind = $3, title = $4, description = $5, starts_at = $6, ends_at = $7, time_zone = $8,
              place = $9, online_url = $10, languages = $11, interpretation = $12, visibility = $13,
              status = COALESCE($14, status), sequence = sequence + $15, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id) SELECT id FROM changed`,
      [
        id,
        version,
        values.kind,
        JSON.stringify(values.title),
        values.description ? JSON.stringify(values.description) : null,
        values.startsAt,
        values.endsAt,
        values.timeZone,
        values.place,
        values.onlineUrl,
        values.languages,
        values.interpretation,
        values.visibility,
        values.status ?? null,
        bumpSequence ? 1 : 0,
      ],
    )) as unknown[];
    return rows.length > 0;
  }

  async setPartners(tx: EntityManager, meetingId: string, networkIds: readonly string[]): Promise<void> {
    await tx.query(`DELETE FROM meeting_partner WHERE meeting_id = $1`, [meetingId]);
    if (networkIds.length === 0) return;
    await tx.query(`INSERT INTO meeting_partner (meeting_id, network_id) SELECT $1, unnest(CAST($2 AS uuid[]))`, [
      meetingId,
      networkIds,
    ]);
  }

  async setHosts(tx: EntityManager, meetingId: string, hosts: readonly MeetingHost[]): Promise<void> {
    await tx.query(`DELETE FROM meeting_host WHERE meeting_id = $1`, [meetingId]);
    if (hosts.length === 0) return;
    await tx.query(
      `INSERT INTO meeting_host (meeting_id, country_code, role)
       SELECT $1, h.code, h.role FROM unnest(CAST($2 AS char(2)[]), CAST($3 AS text[])) AS h(code, role)`,
      [meetingId, hosts.map((h) => h.countryCode), hosts.map((h) => h.role as HostRole)],
    );
  }

  /** The meeting if `actor` may read it; `lock` takes a row lock (FOR UPDATE) for a change. */
  async findReadable(actor: Actor, id: string, tx?: EntityManager | null, lock = false): Promise<MeetingRow | null> {
    const readable = readableMeetingSql(actor);
    const rows = await namedQuery<RawMeeting>(
      this.manager(tx),
      `SELECT ${MEETING_COLUMNS} FROM meeting mt JOIN network n ON n.id = mt.network_id
        WHERE mt.id = CAST(:id AS uuid) AND ${readable.sql}${lock ? ' FOR UPDATE OF mt' : ''}`,
      { ...readable.params, id, me: actor.personId },
    );
    return rows[0] ? toMeeting(rows[0]) : null;
  }

  /** Those of `ids` that `actor` may read (missing and hidden ones left out): one statement. */
  async findReadableMany(actor: Actor, ids: readonly string[]): Promise<MeetingRow[]> {
    if (ids.length === 0) return [];
    const readable = readableMeetingSql(actor);
    const rows = await namedQuery<RawMeeting>(
      this.manager(null),
      `SELECT ${MEETING_COLUMNS} FROM meeting mt JOIN network n ON n.id = mt.network_id
        WHERE mt.id = ANY(CAST(:ids AS uuid[])) AND ${readable.sql}`,
      { ...readable.params, ids, me: actor.personId },
    );
    return rows.map(toMeeting);
  }

  /** A meeting by id whatever the caller may read: for the statement that has just written it. */
  async findWritten(tx: EntityManager, id: string, me: string | null): Promise<MeetingRow> {
    const rows = await namedQuery<RawMeeting>(
      tx,
      `SELECT ${MEETING_COLUMNS} FROM meeting mt JOIN network n ON n.id = mt.network_id WHERE mt.id = CAST(:id AS uuid)`,
      { id, me },
    );
    return toMeeting(rows[0]);
  }

  /** Meetings `actor` may read, by start then id (keyset on both), with the exact count of the filter. */
  async list(
    actor: Actor,
    filter: MeetingFilter,
    page: { first: number; after: readonly [string, string] | null; descending: boolean },
  ): Promise<{ rows: MeetingRow[]; totalCount: number }> {
    const readable = readableMeetingSql(actor);
    const where = [readable.sql];
    const params: Record<string, unknown> = { ...readable.params, me: actor.personId };
    if (filter.networkId) {
      where.push(`mt.network_id = CAST(:networkId AS uuid)`);
      params.networkId = filter.networkId;
    }
    if (filter.kind) {
      where.push(`mt.kind = :kind`);
      params.kind = filter.kind;
    }
    if (filter.status) {
      where.push(`mt.status = :status`);
      params.status = filter.status;
    }
    if (filter.from) {
      where.push(`mt.ends_at > :from`);
      params.from = filter.from;
    }
    if (filter.to) {
      where.push(`mt.starts_at < :to`);
      params.to = filter.to;
    }
    if (filter.mine) {
      where.push(
        `EXISTS (SELECT 1 FROM meeting_invitee mi WHERE mi.meeting_id = mt.id AND mi.person_id = CAST(:me AS uuid))`,
      );
    }
    if (filter.calendar) {
      const organiser = organiserSql(actor);
      where.push(
        `(EXISTS (SELECT 1 FROM meeting_invitee ci WHERE ci.meeting_id = mt.id AND ci.person_id = CAST(:me AS uuid))
          OR ${organiser.sql})`,
      );
      Object.assign(params, organiser.params);
    }
    const order = page.descending ? 'DESC' : 'ASC';
    const keyset = page.after
      ? [
          `(mt.starts_at, mt.id) ${page.descending ? '<' : '>'} (CAST(:afterStart AS timestamptz), CAST(:afterId AS uuid))`,
        ]
      : [];
    if (page.after) {
      params.afterStart = page.after[0];
      params.afterId = page.after[1];
    }
    const manager = this.dataSource.manager;
    const [rows, count] = await Promise.all([
      namedQuery<RawMeeting>(
        manager,
        `SELECT ${MEETING_COLUMNS} FROM meeting mt JOIN network n ON n.id = mt.network_id
          WHERE ${[...where, ...keyset].join(' AND ')}
          ORDER BY mt.starts_at ${order}, mt.id ${order} LIMIT :limit`,
        { ...params, limit: page.first + 1 },
      ),
      namedQuery<{ n: string }>(manager, `SELECT count(*) AS n FROM meeting mt WHERE ${where.join(' AND ')}`, params),
    ]);
    return { rows: rows.map(toMeeting), totalCount: Number(count[0]?.n ?? 0) };
  }

  /** Is `actor` one of those who run this meeting's network's meetings (SQL form, for a locked row)? */
  async isOrganiser(tx: EntityManager, actor: Actor, id: string): Promise<boolean> {
    const organiser = organiserSql(actor);
    const rows = await namedQuery(tx, `SELECT 1 FROM meeting mt WHERE mt.id = CAST(:id AS uuid) AND ${organiser.sql}`, {
      ...organiser.params,
      id,
    });
    return rows.length > 0;
  }

  /**
   * Of `personIds`, those `actor` may see in the directory (their `vis_keys`) who hold a current term
   * in one of `networkIds`: whom an organiser may invite. A hidden person is no answer at all.
   */
  async invitable(
    tx: EntityManager,
    actor: Actor,
    personIds: readonly string[],
    networkIds: readonly string[],
  ): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT p.id FROM person p
        WHERE p.id = ANY(CAST($1 AS uuid[])) AND p.erased_at IS NULL AND p.vis_keys && CAST($3 AS text[])
          AND EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.network_id = ANY(CAST($2 AS uuid[]))
                        AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date))`,
      [personIds, networkIds, audienceKeys(actor)],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * The people holding a current term of one of `roles` in one of `networkIds` (a whole role invited).
   * With `seenBy` (an organiser's request), only those that actor may see in the directory (their
   * `vis_keys`), exactly as when naming them one by one (`invitable`); the demo seeding passes none.
   */
  async holdersOf(
    tx: EntityManager,
    networkIds: readonly string[],
    roles: readonly string[],
    seenBy: Actor | null = null,
  ): Promise<{ personId: string; role: string; memberState: string | null }[]> {
    const rows = (await tx.query(
      `SELECT DISTINCT ON (m.person_id) m.person_id, m.role, m.member_state FROM membership m JOIN person p ON p.id = m.person_id
        WHERE m.network_id = ANY(CAST($1 AS uuid[])) AND m.role = ANY(CAST($2 AS text[])) AND p.erased_at IS NULL
          AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
          AND ($3::text[] IS NULL OR p.vis_keys && $3::text[])
        ORDER BY m.person_id, array_position(CAST($2 AS text[]), m.role)`,
      [networkIds, roles, seenBy ? audienceKeys(seenBy) : null],
    )) as { person_id: string; role: string; member_state: string | null }[];
    return rows.map((r) => ({ personId: r.person_id, role: r.role, memberState: r.member_state?.trim() ?? null }));
  }

  /** Adds invitees; returns the ids actually added (someone already invited keeps their answer). */
  async addInvitees(
    tx: EntityManager,
    meetingId: string,
    invitees: readonly { personId: string; viaRole: string | null }[],
    invitedBy: string | null,
  ): Promise<string[]> {
    if (invitees.length === 0) return [];
    const rows = (await tx.query(
      `INSERT INTO meeting_invitee (meeting_id, person_id, via_role, invited_by)
       SELECT $1, i.person_id, i.via_role, $4 FROM unnest(CAST($2 AS uuid[]), CAST($3 AS text[])) AS i(person_id, via_role)
       ON CONFLICT DO NOTHING RETURNING person_id`,
      [meetingId, invitees.map((i) => i.personId), invitees.map((i) => i.viaRole), invitedBy],
    )) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  /** Everyone holding an invitation to the meeting (a meeting channel's members). */
  async inviteeIds(tx: EntityManager, meetingId: string): Promise<string[]> {
    const rows = (await tx.query(`SELECT person_id FROM meeting_invitee WHERE meeting_id = $1 ORDER BY person_id`, [
      meetingId,
    ])) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  async setChannel(tx: EntityManager, meetingId: string, channelId: string): Promise<void> {
    await tx.query(`UPDATE meeting SET channel_id = $2 WHERE id = $1`, [meetingId, channelId]);
  }

  async removeInvitee(tx: EntityManager, meetingId: string, personId: string): Promise<boolean> {
    const rows = (await tx.query(
      `WITH gone AS (DELETE FROM meeting_invitee WHERE meeting_id = $1 AND person_id = $2 RETURNING 1) SELECT * FROM gone`,
      [meetingId, personId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Records an invitee's answer. */
  async respond(tx: EntityManager, meetingId: string, personId: string, response: RsvpResponse): Promise<void> {
    await tx.query(
      `UPDATE meeting_invitee SET response = $3, responded_at = now() WHERE meeting_id = $1 AND person_id = $2`,
      [meetingId, personId, response],
    );
  }

  /** The invitees of several meetings at once (a page's worth), by name. */
  async invitees(tx: EntityManager | null, meetingIds: readonly string[]): Promise<InviteeRow[]> {
    if (meetingIds.length === 0) return [];
    const rows = (await this.manager(tx).query(
      `SELECT i.meeting_id, i.person_id, p.name, p.erased_at IS NOT NULL AS erased, i.response, i.responded_at,
              i.via_role, i.invited_at, i.attendance, i.delegated_from, i.delegated_state
         FROM meeting_invitee i JOIN person p ON p.id = i.person_id
        WHERE i.meeting_id = ANY(CAST($1 AS uuid[])) ORDER BY i.meeting_id, p.name, p.id`,
      [meetingIds],
    )) as {
      meeting_id: string;
      person_id: string;
      name: string;
      erased: boolean;
      response: RsvpResponse;
      responded_at: Date | null;
      via_role: string | null;
      invited_at: Date;
      attendance: Attendance | null;
      delegated_from: string | null;
      delegated_state: string | null;
    }[];
    return rows.map((r) => ({
      meetingId: r.meeting_id,
      personId: r.person_id,
      name: r.name,
      erased: r.erased,
      response: r.response,
      respondedAt: r.responded_at,
      viaRole: r.via_role,
      invitedAt: r.invited_at,
      attendance: r.attendance,
      delegatedFrom: r.delegated_from,
      delegatedState: r.delegated_state?.trim() ?? null,
    }));
  }

  /** The invitees to tell of a change, with their reading language. */
  async recipients(tx: EntityManager, meetingId: string, except: string | null): Promise<Recipient[]> {
    const rows = (await tx.query(
      `SELECT p.id, p.preferred_language FROM meeting_invitee i JOIN person p ON p.id = i.person_id
        WHERE i.meeting_id = $1 AND p.erased_at IS NULL AND ($2::uuid IS NULL OR p.id <> $2::uuid)
        ORDER BY p.id`,
      [meetingId, except],
    )) as { id: string; preferred_language: Language }[];
    return rows.map((r) => ({ personId: r.id, language: r.preferred_language }));
  }

  async languageOf(tx: EntityManager, personIds: readonly string[]): Promise<Recipient[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT id, preferred_language FROM person WHERE id = ANY(CAST($1 AS uuid[])) AND erased_at IS NULL ORDER BY id`,
      [personIds],
    )) as { id: string; preferred_language: Language }[];
    return rows.map((r) => ({ personId: r.id, language: r.preferred_language }));
  }

  /**
   * What notifications about these meetings show now (title, times, zone, place), for each reader
   * who may still read the meeting as an invitee (or a focal point who delegated their invitation)
   * or as a current member of its network's secretariat; other pairs and missing ids are left out.
   */
  async noticeTexts(pairs: readonly { meetingId: string; personId: string }[]): Promise<MeetingNotice[]> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const valid = pairs.filter((p) => uuid.test(p.meetingId) && uuid.test(p.personId));
    if (valid.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT r.person_id AS "personId", mt.id, mt.title, mt.starts_at AS "startsAt", mt.ends_at AS "endsAt",
              mt.time_zone AS "timeZone", mt.place, mt.online_url AS "onlineUrl", n.default_language AS "networkLanguage"
         FROM unnest(CAST($1 AS uuid[]), CAST($2 AS uuid[])) AS r(meeting_id, person_id)
         JOIN meeting mt ON mt.id = r.meeting_id JOIN network n ON n.id = mt.network_id
        WHERE EXISTS (SELECT 1 FROM meeting_invitee i WHERE i.meeting_id = mt.id
                         AND (i.person_id = r.person_id OR i.delegated_from = r.person_id))
           OR EXISTS (SELECT 1 FROM membership m WHERE m.network_id = mt.network_id AND m.person_id = r.person_id
                         AND m.role = 'SECRETARIAT' AND m.starts_on <= current_date
                         AND (m.ends_on IS NULL OR m.ends_on > current_date))`,
      [valid.map((p) => p.meetingId), valid.map((p) => p.personId)],
    )) as MeetingNotice[];
  }

  /** The address a person signs in with (their calendar identity), if they have an account. */
  async accountEmail(personId: string): Promise<{ name: string; email: string } | null> {
    const rows = (await this.dataSource.query(
      `SELECT p.name, a.email FROM account a JOIN person p ON p.id = a.person_id WHERE a.person_id = $1`,
      [personId],
    )) as { name: string; email: string }[];
    return rows[0] ?? null;
  }

  /** Network ids by slug (the demo seed names networks by slug). */
  async networksBySlug(tx: EntityManager, slugs: readonly string[]): Promise<Map<string, string>> {
    const rows = (await tx.query(`SELECT id, slug FROM network WHERE slug = ANY(CAST($1 AS text[]))`, [slugs])) as {
      id: string;
      slug: string;
    }[];
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  /** A meeting of `networkId` of this kind starting at `startsAt` (the demo seed's identity of a meeting). */
  async findByStart(tx: EntityManager, networkId: string, kind: string, startsAt: Date): Promise<string | null> {
    const rows = (await tx.query(`SELECT id FROM meeting WHERE network_id = $1 AND kind = $2 AND starts_at = $3`, [
      networkId,
      kind,
      startsAt,
    ])) as { id: string }[];
    return rows[0]?.id ?? null;
  }
}
