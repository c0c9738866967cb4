import { Injectable } from '@nestjs/common';
import type { Language, TranslatableText, Tx } from '@enlace/core';
import { currentTermSql } from './membership.visibility';

/** A network with current member states that have no focal point today. */
export interface NetworkVacancies {
  readonly networkId: string;
  readonly slug: string;
  readonly name: TranslatableText;
  readonly defaultLanguage: Language;
  /** Country codes of the vacant seats, in order. */
  readonly memberStates: string[];
}

/** What the daily vacancy alert reads: every network's vacant seats and its secretariat. */
@Injectable()
export class VacancyAlertRepository {
  /** Every network with at least one current member state and no current focal point for it. */
  async networksWithVacancies(tx: Tx): Promise<NetworkVacancies[]> {
    return (await tx.query(
      `SELECT n.id AS "networkId", n.slug::text AS slug, n.name, n.default_language AS "defaultLanguage",
              array_agg(s.country_code::text ORDER BY s.country_code) AS "memberStates"
         FROM member_state s JOIN network n ON n.id = s.network_id
        WHERE s.joined_on <= current_date AND (s.left_on IS NULL OR s.left_on > current_date)
          AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.network_id = s.network_id
                AND m.member_state = s.country_code AND m.role = 'FOCAL_POINT' AND ${currentTermSql('m')})
        GROUP BY n.id ORDER BY n.slug`,
    )) as NetworkVacancies[];
  }

  /** People holding a current SECRETARIAT term in the network. */
  async secretariat(tx: Tx, networkId: string): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT DISTINCT m.person_id AS "personId" FROM membership m
        WHERE m.network_id = $1 AND m.role = 'SECRETARIAT' AND ${currentTermSql('m')}
        ORDER BY m.person_id`,
      [networkId],
    )) as { personId: string }[];
    return rows.map((r) => r.personId);
  }
}
