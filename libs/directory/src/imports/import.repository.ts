import { Injectable } from '@nestjs/common';
import type { Language, NetworkRole, TranslatableText, Tx } from '@enlace/core';
import type { OrganisationType } from '../directory-rules';
import { DirectoryPerson, toPerson } from '../people/person.entity';
import { PERSON_COLUMNS, PersonValues } from '../people/person.repository';

export interface NewOrganisation {
  readonly id: string;
  readonly type: OrganisationType;
  readonly name: TranslatableText;
  readonly acronym: string | null;
  readonly countryCode: string | null;
}

export interface NewTerm {
  readonly id: string;
  readonly personId: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly startsOn: string;
  readonly succeedsId: string | null;
}

/**
 * Set-based reads and writes for imports: a 10,000-row file costs a handful of statements, each
 * with arrays as bound parameters (`unnest`), never one statement per row.
 */
@Injectable()
export class ImportRepository {
  /** One import per network at a time (the plan is computed and applied under this lock). */
  async lock(tx: Tx, networkId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('directory-import:' || $1))`, [networkId]);
  }

  async today(tx: Tx): Promise<string> {
    const [row] = (await tx.query(`SELECT current_date::text AS today`)) as { today: string }[];
    return row.today;
  }

  async peopleByEmails(tx: Tx, emails: readonly string[]): Promise<Map<string, string>> {
    const rows = (await tx.query(
      `SELECT lower(value) AS key, person_id AS "personId" FROM person_contact
         WHERE kind = 'EMAIL' AND lower(value) = ANY($1::text[])
       UNION SELECT lower(email::text), person_id FROM account WHERE lower(email::text) = ANY($1::text[])`,
      [[...emails]],
    )) as { key: string; personId: string }[];
    return new Map(rows.map((r) => [r.key, r.personId]));
  }

  async peopleByRefs(tx: Tx, refs: readonly string[]): Promise<Map<string, string>> {
    const rows = (await tx.query(
      `SELECT lower(external_ref) AS key, id FROM person WHERE lower(external_ref) = ANY($1::text[])`,
      [refs.map((r) => r.toLowerCase())],
    )) as { key: string; id: string }[];
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  async people(tx: Tx, ids: readonly string[]): Promise<Map<string, DirectoryPerson>> {
    const rows = (await tx.query(`SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = ANY($1::uuid[])`, [
      [...new Set(ids)],
    ])) as Parameters<typeof toPerson>[0][];
    return new Map(rows.map((r) => [r.id, toPerson(r)]));
  }

  /** Contact values each person already has (`EMAIL:x`, `PHONE:y`), and how many. */
  async contacts(tx: Tx, ids: readonly string[]): Promise<Map<string, Set<string>>> {
    const rows = (await tx.query(
      `SELECT person_id AS "personId", kind, lower(value) AS value FROM person_contact WHERE person_id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    )) as { personId: string; kind: string; value: string }[];
    const map = new Map<string, Set<string>>();
    for (const r of rows) {
      if (!map.has(r.personId)) map.set(r.personId, new Set());
      map.get(r.personId)!.add(`${r.kind}:${r.value}`);
    }
    return map;
  }

  async memberStates(tx: Tx, networkId: string): Promise<Set<string>> {
    const rows = (await tx.query(
      `SELECT country_code AS code FROM member_state WHERE network_id = $1 AND left_on IS NULL`,
      [networkId],
    )) as { code: string }[];
    return new Set(rows.map((r) => r.code));
  }

  async insertOrganisations(tx: Tx, rows: readonly NewOrganisation[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO organisation (id, type, name, acronym, country_code)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[], $5::bpchar[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.type),
        rows.map((r) => JSON.stringify(r.name)),
        rows.map((r) => r.acronym),
        rows.map((r) => r.countryCode),
      ],
    );
  }

  private personArrays(rows: readonly (PersonValues & { id: string })[]): unknown[] {
    return [
      rows.map((r) => r.id),
      rows.map((r) => r.name),
      rows.map((r) => r.honorific),
      rows.map((r) => r.jobTitle),
      rows.map((r) => r.organisationId),
      rows.map((r) => r.countryCode),
      rows.map((r) => `{${r.languages.join(',')}}`),
      rows.map((r) => r.preferredLanguage),
      rows.map((r) => r.externalRef),
    ];
  }

  async insertPeople(tx: Tx, rows: readonly (PersonValues & { id: string })[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO person (id, name, honorific, job_title, organisation_id, country_code, languages, preferred_language, external_ref)
       SELECT id, name, honorific, job_title, organisation_id, country_code, languages::text[], preferred_language, external_ref
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::bpchar[], $7::text[], $8::text[], $9::text[])
         AS x (id, name, honorific, job_title, organisation_id, country_code, languages, preferred_language, external_ref)`,
      this.personArrays(rows),
    );
  }

  async updatePeople(tx: Tx, rows: readonly (PersonValues & { id: string })[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `UPDATE person p SET name = x.name, honorific = x.honorific, job_title = x.job_title,
         organisation_id = x.organisation_id, country_code = x.country_code, languages = x.languages::text[],
         preferred_language = x.preferred_language, external_ref = x.external_ref, version = p.version + 1,
         updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::bpchar[], $7::text[], $8::text[], $9::text[])
         AS x (id, name, honorific, job_title, organisation_id, country_code, languages, preferred_language, external_ref)
       WHERE p.id = x.id`,
      this.personArrays(rows),
    );
  }

  async insertContacts(tx: Tx, rows: readonly { personId: string; kind: string; value: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO person_contact (person_id, kind, value, visibility, position)
       SELECT person_id, kind, value, 'NETWORK',
         100 + row_number() OVER (PARTITION BY person_id ORDER BY ord)
       FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS x (person_id, kind, value, ord)`,
      [rows.map((r) => r.personId), rows.map((r) => r.kind), rows.map((r) => r.value)],
    );
  }

  async insertMemberStates(tx: Tx, networkId: string, codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    await tx.query(
      `INSERT INTO member_state (network_id, country_code) SELECT $1, code FROM unnest($2::bpchar[]) AS x (code)
       ON CONFLICT (network_id, country_code) DO UPDATE SET left_on = NULL`,
      [networkId, [...codes]],
    );
  }
}

export type { Language };
