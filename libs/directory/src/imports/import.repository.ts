import { Injectable } from '@nestjs/common';
import { Actor, allOf, namedQuery } from '@enlace/core';
import type { Language, NetworkRole, TranslatableText, Tx } from '@enlace/core';
import type { OrganisationType } from '../directory-rules';
import { Membership, MembershipRow, toMembership } from '../memberships/membership.entity';
import { DirectoryPerson, toPerson } from '../people/person.entity';
import { ERASED_KEY_SQL, PERSON_COLUMNS, PersonValues } from '../people/person.repository';
import { contactVisibility, personVisibility } from '../people/person.visibility';

export interface NewOrganisation {
  readonly id: string;
  readonly type: OrganisationType;
  readonly name: TranslatableText;
  readonly acronym: string | null;
  readonly countryCode: string | null;
}

/** Who holds each key (e-mail address or reference) in the network, and the keys held only outside it. */
export interface KeyOwners {
  /** In the network: every person holding the key (more than one is a conflict the plan reports). */
  readonly members: Map<string, string[]>;
  /** Held by people the caller may see outside the network only (they join by invitation). */
  readonly outside: Set<string>;
}

export interface NewTerm {
  readonly id: string;
  readonly personId: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly succeedsId: string | null;
}

/**
 * Set-based reads and writes for imports: a 10,000-row file costs a handful of statements, each
 * with arrays as bound parameters (`unnest`), never one statement per row.
 */
@Injectable()
export class ImportRepository {
  /**
   * One import per network at a time (the plan is computed and applied under this lock); person
   * creation in the network takes it shared (`PersonRepository.lockDirectory`), so an import's
   * matches by e-mail and reference cannot miss a person created meanwhile.
   */
  async lock(tx: Tx, networkId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('directory-import:' || $1))`, [networkId]);
  }

  async today(tx: Tx): Promise<string> {
    const [row] = (await tx.query(`SELECT current_date::text AS today`)) as { today: string }[];
    return row.today;
  }

  /**
   * Who the file's e-mail addresses belong to, as `actor` may know it: people in the network's own
   * directory (a held or past term there), by contact or sign-in address, are matches; a contact
   * address `actor` may read of someone outside the network is `outside` (they join by invitation);
   * an address held only where `actor` may not look is no answer at all (docs/decisions/0012).
   */
  async peopleByEmails(tx: Tx, actor: Actor, networkId: string, emails: readonly string[]): Promise<KeyOwners> {
    if (emails.length === 0) return { members: new Map(), outside: new Set() };
    // The contact and its person: a PUBLIC contact of someone the caller may not see is no answer.
    const visible = allOf([contactVisibility(actor, 'c'), personVisibility(actor, 'cp')]);
    const rows = await namedQuery<{ key: string; personId: string; member: boolean }>(
      tx,
      `WITH wanted AS (SELECT key, ${ERASED_KEY_SQL(`'email:' || key`)} AS digest
                        FROM (SELECT DISTINCT lower(e) AS key FROM unnest(CAST(:emails AS text[])) AS x (e)) k),
       network_people AS (SELECT DISTINCT person_id FROM membership WHERE network_id = CAST(:network AS uuid))
       SELECT w.key, c.person_id AS "personId", c.person_id IN (SELECT person_id FROM network_people) AS member
         FROM wanted w JOIN person_contact c ON c.kind = 'EMAIL' AND lower(c.value) = w.key
         JOIN person cp ON cp.id = c.person_id
        WHERE c.person_id IN (SELECT person_id FROM network_people) OR ${visible.sql}
       UNION
       SELECT w.key, a.person_id, true FROM wanted w JOIN account a ON lower(a.email::text) = w.key
        WHERE a.person_id IN (SELECT person_id FROM network_people)
       UNION
       SELECT w.key, e.id, true FROM wanted w
         JOIN (SELECT p.id, unnest(p.erased_keys) AS digest FROM person p
                WHERE p.erased_keys IS NOT NULL AND p.id IN (SELECT person_id FROM network_people)) e
           ON e.digest = w.digest`,
      { ...visible.params, emails: [...emails], network: networkId },
    );
    return split(rows);
  }

  /** Who the file's external references belong to: as `peopleByEmails`, among people `actor` may see. */
  async peopleByRefs(tx: Tx, actor: Actor, networkId: string, refs: readonly string[]): Promise<KeyOwners> {
    if (refs.length === 0) return { members: new Map(), outside: new Set() };
    const visible = personVisibility(actor, 'p');
    const rows = await namedQuery<{ key: string; personId: string; member: boolean }>(
      tx,
      `WITH network_people AS (SELECT DISTINCT person_id FROM membership WHERE network_id = CAST(:network AS uuid))
       SELECT lower(p.external_ref) AS key, p.id AS "personId", p.id IN (SELECT person_id FROM network_people) AS member
         FROM person p
        WHERE lower(p.external_ref) = ANY(CAST(:refs AS text[]))
          AND (p.id IN (SELECT person_id FROM network_people) OR ${visible.sql})
       UNION
       SELECT r.key, e.id, true
         FROM (SELECT key, ${ERASED_KEY_SQL(`'ref:' || key`)} AS digest
                 FROM (SELECT DISTINCT unnest(CAST(:refs AS text[])) AS key) k) r
         JOIN (SELECT p.id, unnest(p.erased_keys) AS digest FROM person p
                WHERE p.erased_keys IS NOT NULL AND p.id IN (SELECT person_id FROM network_people)) e
           ON e.digest = r.digest`,
      { ...visible.params, refs: refs.map((r) => r.toLowerCase()), network: networkId },
    );
    return split(rows);
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

  /** The terms of these people in the network that have ended by today (a file may list a past role). */
  async endedTerms(tx: Tx, networkId: string, personIds: readonly string[]): Promise<Membership[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT id, person_id, network_id, role, member_state, starts_on::text AS starts_on, ends_on::text AS ends_on,
              visibility, succeeds_id
         FROM membership WHERE network_id = $1 AND person_id = ANY($2::uuid[]) AND ends_on <= current_date`,
      [networkId, [...new Set(personIds)]],
    )) as MembershipRow[];
    return rows.map(toMembership);
  }

  /** Acronyms given by a file to known organisations that had none. */
  async setAcronyms(tx: Tx, rows: readonly { id: string; acronym: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `UPDATE organisation o SET acronym = x.acronym, version = o.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS x (id, acronym) WHERE o.id = x.id AND o.acronym IS NULL`,
      [rows.map((r) => r.id), rows.map((r) => r.acronym)],
    );
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

/** Matches in the network (by key, every person) and keys held only by visible people outside it. */
function split(rows: readonly { key: string; personId: string; member: boolean }[]): KeyOwners {
  const members = new Map<string, string[]>();
  const outside = new Set<string>();
  for (const r of rows) {
    if (!r.member) continue;
    const ids = members.get(r.key) ?? [];
    if (!ids.includes(r.personId)) ids.push(r.personId);
    members.set(r.key, ids);
  }
  for (const r of rows) if (!r.member && !members.has(r.key)) outside.add(r.key);
  return { members, outside };
}

export type { Language };
