import { Injectable } from '@nestjs/common';
import type { NetworkRole, Tx } from '@enlace/core';

/** The demo seed's own reads and writes (member states with their dates, past terms). */
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

  /** A past term, unless the person already has that term; returns its id either way. */
  async ensureTerm(
    tx: Tx,
    term: {
      personId: string;
      networkId: string;
      role: NetworkRole;
      memberState: string;
      startsOn: string;
      endsOn: string;
    },
  ): Promise<{ id: string; created: boolean }> {
    const found = (await tx.query(
      `SELECT id FROM membership WHERE person_id = $1 AND network_id = $2 AND role = $3 AND starts_on = $4`,
      [term.personId, term.networkId, term.role, term.startsOn],
    )) as { id: string }[];
    if (found[0]) return { id: found[0].id, created: false };
    const rows = (await tx.query(
      `INSERT INTO membership (person_id, network_id, role, member_state, starts_on, ends_on, visibility)
       VALUES ($1, $2, $3, $4, $5, $6, 'NETWORK') RETURNING id`,
      [term.personId, term.networkId, term.role, term.memberState, term.startsOn, term.endsOn],
    )) as { id: string }[];
    return { id: rows[0].id, created: true };
  }

  /** Links the term that started when `predecessorId` ended to it (a handover chain), if not linked yet. */
  async linkSuccessor(tx: Tx, predecessorId: string): Promise<void> {
    await tx.query(
      `UPDATE membership s SET succeeds_id = p.id FROM membership p
       WHERE p.id = $1 AND s.network_id = p.network_id AND s.role = p.role AND s.member_state = p.member_state
         AND s.starts_on = p.ends_on AND s.id <> p.id AND s.succeeds_id IS NULL`,
      [predecessorId],
    );
  }
}
