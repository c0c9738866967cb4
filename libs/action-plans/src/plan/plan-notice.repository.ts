import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, Language, TranslatableText } from '@enlace/core';

/** A plan or an action as a notification about it shows it now, with the keys of who may read its plan. */
export interface PlanNoticeSubject {
  readonly id: string;
  readonly visKeys: readonly string[];
  readonly networkLanguage: Language;
  readonly planTitle: TranslatableText;
  /** Null for a plan's own notices. */
  readonly actionTitle: TranslatableText | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who hears of what happens on a plan, and what they are shown when they read it: recipients'
 * languages, a state's team, readers' signed-in shapes (to ask whether each may read the plan), and
 * the current texts of plans and actions that notifications are about.
 */
@Injectable()
export class PlanNoticeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The preferred language of each of `personIds` who is not erased. */
  async languagesOf(tx: EntityManager, personIds: readonly string[]): Promise<Map<string, Language>> {
    if (personIds.length === 0) return new Map();
    const rows = (await tx.query(
      `SELECT id, preferred_language FROM person WHERE id = ANY(CAST($1 AS uuid[])) AND erased_at IS NULL`,
      [personIds],
    )) as { id: string; preferred_language: Language }[];
    return new Map(rows.map((r) => [r.id, r.preferred_language]));
  }

  /** The state's current focal point and alternate in the network (its country team's representatives). */
  async stateTeam(
    tx: EntityManager,
    networkId: string,
    memberState: string,
  ): Promise<{ personId: string; language: Language }[]> {
    return (await tx.query(
      `SELECT DISTINCT pe.id AS "personId", pe.preferred_language AS language
         FROM membership m JOIN person pe ON pe.id = m.person_id
        WHERE m.network_id = $1 AND m.member_state = $2 AND m.role IN ('FOCAL_POINT', 'ALTERNATE_FOCAL_POINT')
          AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
          AND pe.erased_at IS NULL
        ORDER BY pe.id`,
      [networkId, memberState],
    )) as { personId: string; language: Language }[];
  }

  /**
   * The signed-in shape of each of `personIds` who has an account and is not erased (their current
   * terms and their networks' partners), with their language: to ask whether each may read a plan.
   */
  async readersOf(tx: EntityManager | null, personIds: readonly string[]): Promise<Actor[]> {
    if (personIds.length === 0) return [];
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT a.id AS account_id, a.person_id, a.is_admin, pe.preferred_language AS lang,
              (SELECT json_agg(json_build_object('networkId', m.network_id, 'role', m.role, 'memberState', m.member_state))
                 FROM membership m
                WHERE m.person_id = a.person_id AND m.starts_on <= current_date
                  AND (m.ends_on IS NULL OR m.ends_on > current_date)) AS memberships,
              (SELECT array_agg(DISTINCT np.partner_id)
                 FROM membership m JOIN network_partner np ON np.network_id = m.network_id
                WHERE m.person_id = a.person_id AND m.starts_on <= current_date
                  AND (m.ends_on IS NULL OR m.ends_on > current_date)) AS partner_network_ids
         FROM account a JOIN person pe ON pe.id = a.person_id
        WHERE a.person_id = ANY(CAST($1 AS uuid[])) AND pe.erased_at IS NULL
        ORDER BY a.person_id`,
      [personIds],
    )) as {
      account_id: string;
      person_id: string;
      is_admin: boolean;
      lang: Language;
      memberships:
        { networkId: string; role: Actor['memberships'][number]['role']; memberState: string | null }[] | null;
      partner_network_ids: string[] | null;
    }[];
    return rows.map((r) => ({
      personId: r.person_id,
      accountId: r.account_id,
      sessionId: null,
      isAdmin: r.is_admin,
      memberships: (r.memberships ?? []).map((m) => ({ ...m, memberState: m.memberState?.trim() ?? null })),
      partnerNetworkIds: r.partner_network_ids ?? [],
      lang: r.lang,
    }));
  }

  /** Plans (`kind` plan) or actions (`kind` action) by id, as their notifications show them now; unknown ids left out. */
  async subjects(kind: 'plan' | 'action', ids: readonly string[]): Promise<PlanNoticeSubject[]> {
    const valid = [...new Set(ids.filter((id) => UUID.test(id)))];
    if (valid.length === 0) return [];
    const rows = (await this.dataSource.query(
      kind === 'plan'
        ? `SELECT p.id, p.vis_keys, n.default_language AS network_language, p.title AS plan_title, NULL AS action_title
             FROM action_plan p JOIN network n ON n.id = p.network_id WHERE p.id = ANY(CAST($1 AS uuid[]))`
        : `SELECT a.id, p.vis_keys, n.default_language AS network_language, p.title AS plan_title, a.title AS action_title
             FROM plan_action a JOIN action_plan p ON p.id = a.plan_id JOIN network n ON n.id = p.network_id
            WHERE a.id = ANY(CAST($1 AS uuid[]))`,
      [valid],
    )) as {
      id: string;
      vis_keys: string[];
      network_language: Language;
      plan_title: TranslatableText;
      action_title: TranslatableText | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      visKeys: r.vis_keys,
      networkLanguage: r.network_language,
      planTitle: r.plan_title,
      actionTitle: r.action_title,
    }));
  }
}
