import { Injectable } from '@nestjs/common';
import type { Language, TranslatableText, Tx } from '@enlace/core';
import { currentTermSql } from './membership.visibility';

/** The network a term notice is about: its name as a fallback param (readers get theirs at render time). */
export interface NoticeNetwork {
  readonly slug: string;
  readonly name: TranslatableText;
  readonly defaultLanguage: Language;
}

/** What term notices read: who the network's secretariat is, people's names, the network. */
@Injectable()
export class TermNoticeRepository {
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

  /** Names of these people (an erased person has none to tell). */
  async names(tx: Tx, personIds: readonly string[]): Promise<Map<string, string>> {
    if (personIds.length === 0) return new Map();
    const rows = (await tx.query(`SELECT id, name FROM person WHERE id = ANY($1::uuid[]) AND erased_at IS NULL`, [
      [...new Set(personIds)],
    ])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async network(tx: Tx, networkId: string): Promise<NoticeNetwork | null> {
    const rows = (await tx.query(
      `SELECT slug::text AS slug, name, default_language AS "defaultLanguage" FROM network WHERE id = $1`,
      [networkId],
    )) as NoticeNetwork[];
    return rows[0] ?? null;
  }
}
