import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';

/** The demo seed's own reads and writes (member states with their dates, people of past terms). */
@Injectable()
export class DirectoryDemoRepository {
  async networksBySlug(tx: Tx): Promise<Map<string, { id: string; defaultLanguage: string }>> {
    const rows = (await tx.query(`SELECT id, slug, default_language AS "defaultLanguage" FROM network`)) as {
      id: string;
      slug: string;
      defaultLanguage: string;
    }[];
    return new Map(rows.map((r) => [r.slug, { id: r.id, defaultLanguage: r.defaultLanguage }]));
  }

  /** Adds a member state unless the network already has it; true when added. */
  async addMemberState(tx: Tx, networkId: string, code: string, joinedOn: string): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO member_state (network_id, country_code, joined_on) VALUES ($1, $2, $3)
       ON CONFLICT (network_id, country_code) DO NOTHING RETURNING country_code`,
      [networkId, code, joinedOn],
    )) as unknown[];
    return rows.length > 0;
  }

  async personByRef(tx: Tx, ref: string): Promise<string | null> {
    const rows = (await tx.query(`SELECT id FROM person WHERE external_ref = $1`, [ref])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async insertPerson(tx: Tx, name: string, ref: string, countryCode: string, language: string): Promise<string> {
    const rows = (await tx.query(
      `INSERT INTO person (name, external_ref, country_code, languages, preferred_language)
       VALUES ($1, $2, $3, ARRAY[$4], $4) RETURNING id`,
      [name, ref, countryCode, language],
    )) as { id: string }[];
    return rows[0].id;
  }
}
