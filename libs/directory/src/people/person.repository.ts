import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, allOf, Language, namedQuery, Tx, Visibility } from '@enlace/core';
import type { ContactKind } from '../directory-rules';
import { DirectoryPerson, PersonRow, toPerson } from './person.entity';
import { contactVisibility, personVisibility } from './person.visibility';

export type { DirectoryPerson } from './person.entity';

export interface PersonContact {
  readonly id: string;
  readonly personId: string;
  readonly kind: ContactKind;
  readonly value: string;
  readonly label: string | null;
  readonly visibility: Visibility;
  readonly position: number;
}

export type PersonValues = Omit<DirectoryPerson, 'id' | 'erasedAt' | 'version' | 'createdAt' | 'updatedAt'>;
export type ContactValues = Omit<PersonContact, 'id' | 'personId' | 'position'>;

export const PERSON_COLUMNS = `p.id, p.name, p.honorific, p.job_title, p.organisation_id, p.country_code, p.languages,
  p.preferred_language, p.time_zone, p.external_ref, p.erased_at, p.version, p.created_at, p.updated_at`;

/**
 * The digest an erased person keeps of a value they could be matched by (`email:<address>` or
 * `ref:<reference>`, lower case): SHA-256, hex. `expr` is an SQL text expression.
 */
export const ERASED_KEY_SQL = (expr: string) => `encode(sha256(convert_to(${expr}, 'UTF8')), 'hex')`;

@Injectable()
export class PersonRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** People `actor` may see, by id (a DataLoader batch); `lock` locks them for the rest of `tx`. */
  async findVisibleByIds(actor: Actor, ids: readonly string[], tx?: Tx, lock = false): Promise<DirectoryPerson[]> {
    if (ids.length === 0) return [];
    const visible = personVisibility(actor, 'p');
    const rows = await namedQuery<PersonRow>(
      this.manager(tx),
      `SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = ANY(CAST(:ids AS uuid[])) AND ${visible.sql}
       ${lock ? 'FOR UPDATE OF p' : ''}`,
      { ...visible.params, ids: [...new Set(ids)] },
    );
    return rows.map(toPerson);
  }

  /** Any person by id, whoever may see them (administrators' erasure, the person's own export). */
  async findById(tx: Tx, id: string, lock = false): Promise<DirectoryPerson | null> {
    const rows = (await tx.query(`SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [
      id,
    ])) as PersonRow[];
    return rows[0] ? toPerson(rows[0]) : null;
  }

  /** Contact details of these people that `actor` may read, in their order. */
  async visibleContacts(actor: Actor, personIds: readonly string[]): Promise<PersonContact[]> {
    if (personIds.length === 0) return [];
    const visible = contactVisibility(actor, 'c');
    return namedQuery<PersonContact>(
      this.manager(),
      `SELECT c.id, c.person_id AS "personId", c.kind, c.value, c.label, c.visibility, c.position
       FROM person_contact c WHERE c.person_id = ANY(CAST(:ids AS uuid[])) AND ${visible.sql}
       ORDER BY c.person_id, c.position, c.id`,
      { ...visible.params, ids: [...new Set(personIds)] },
    );
  }

  async contactsOf(tx: Tx, personId: string): Promise<PersonContact[]> {
    return (await tx.query(
      `SELECT id, person_id AS "personId", kind, value, label, visibility, position
       FROM person_contact WHERE person_id = $1 ORDER BY position, id`,
      [personId],
    )) as PersonContact[];
  }

  /** The person another person's email address belongs to (contact details or account), if any. */
  /**
   * Waits for an import into `networkId` to finish, and keeps one from starting until `tx` ends
   * (`ImportRepository.lock` takes the same lock exclusively): a person created meanwhile would
   * escape the import's matching.
   */
  async lockDirectory(tx: Tx, networkId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock_shared(hashtext('directory-import:' || $1))`, [networkId]);
  }

  /**
   * Serialises every write that claims this e-mail address or external reference (`key`, e.g.
   * `email:ana@example.org`) until `tx` ends, so two concurrent writes cannot both find it free.
   */
  async lockKey(tx: Tx, key: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('directory-key:' || lower($1)))`, [key]);
  }

  /**
   * Someone other than `exceptId` whose contact e-mail `email` is, among the contacts `actor` may
   * read (uniqueness is what a caller may see: a hidden holder is no answer, docs/decisions/0012).
   */
  async visibleHolderOfEmail(tx: Tx, actor: Actor, email: string, exceptId: string | null): Promise<string | null> {
    // The contact and its person: a PUBLIC contact of someone the caller may not see is no answer.
    const visible = allOf([contactVisibility(actor, 'c'), personVisibility(actor, 'p')]);
    const rows = await namedQuery<{ id: string }>(
      tx,
      `SELECT c.person_id AS id FROM person_contact c JOIN person p ON p.id = c.person_id
        WHERE c.kind = 'EMAIL' AND lower(c.value) = lower(:email)
          AND c.person_id IS DISTINCT FROM CAST(:except AS uuid) AND ${visible.sql} LIMIT 1`,
      { ...visible.params, email, except: exceptId },
    );
    return rows[0]?.id ?? null;
  }

  /** Someone other than `exceptId` with this external reference, among the people `actor` may see. */
  async visibleHolderOfExternalRef(tx: Tx, actor: Actor, ref: string, exceptId: string | null): Promise<string | null> {
    const visible = personVisibility(actor, 'p');
    const rows = await namedQuery<{ id: string }>(
      tx,
      `SELECT p.id FROM person p WHERE lower(p.external_ref) = lower(:ref)
          AND p.id IS DISTINCT FROM CAST(:except AS uuid) AND ${visible.sql} LIMIT 1`,
      { ...visible.params, ref, except: exceptId },
    );
    return rows[0]?.id ?? null;
  }

  /** Networks where the person holds or held any role (who may manage their record). */
  async networkIdsOf(tx: Tx, personId: string): Promise<string[]> {
    const rows = (await tx.query(`SELECT DISTINCT network_id AS id FROM membership WHERE person_id = $1`, [
      personId,
    ])) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  /** `networkIdsOf` for many people in one statement (people with no term are left out). */
  async networkIdsOfPeople(tx: Tx, personIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (personIds.length === 0) return out;
    const rows = (await tx.query(
      `SELECT person_id AS "personId", array_agg(DISTINCT network_id::text ORDER BY network_id::text) AS ids
         FROM membership WHERE person_id = ANY($1::uuid[]) GROUP BY person_id`,
      [[...new Set(personIds)]],
    )) as { personId: string; ids: string[] }[];
    for (const row of rows) out.set(row.personId, row.ids);
    return out;
  }

  async insert(tx: Tx, id: string, values: PersonValues): Promise<DirectoryPerson> {
    const rows = (await tx.query(
      `INSERT INTO person (id, name, honorific, job_title, organisation_id, country_code, languages, preferred_language, external_ref, time_zone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${PERSON_COLUMNS.replace(/p\./g, '')}`,
      [
        id,
        values.name,
        values.honorific,
        values.jobTitle,
        values.organisationId,
        values.countryCode,
        values.languages,
        values.preferredLanguage,
        values.externalRef,
        values.timeZone,
      ],
    )) as PersonRow[];
    return toPerson(rows[0]);
  }

  /** A person with a name and a language only (the record behind a new account); returns its id. */
  async insertNamed(tx: Tx, name: string, preferredLanguage: Language): Promise<string> {
    const rows = (await tx.query(`INSERT INTO person (name, preferred_language) VALUES ($1, $2) RETURNING id`, [
      name,
      preferredLanguage,
    ])) as { id: string }[];
    return rows[0].id;
  }

  /** A person's name and preferred language, locked until `tx` ends; null when there is no such person. */
  async nameAndLanguage(tx: Tx, id: string): Promise<{ name: string; preferredLanguage: Language } | null> {
    const rows = (await tx.query(`SELECT name, preferred_language FROM person WHERE id = $1 FOR UPDATE`, [id])) as {
      name: string;
      preferred_language: Language;
    }[];
    return rows[0] ? { name: rows[0].name, preferredLanguage: rows[0].preferred_language } : null;
  }

  /** Sets a person's name and preferred language (each when given). */
  async setNameAndLanguage(tx: Tx, id: string, patch: { name?: string; preferredLanguage?: Language }): Promise<void> {
    await tx.query(
      `UPDATE person SET name = COALESCE($2, name), preferred_language = COALESCE($3, preferred_language),
         updated_at = now() WHERE id = $1`,
      [id, patch.name ?? null, patch.preferredLanguage ?? null],
    );
  }

  /** Updates a person; null when `expectedVersion` is stale (someone else changed it first). */
  async update(tx: Tx, id: string, values: PersonValues, expectedVersion?: number): Promise<DirectoryPerson | null> {
    const rows = (await tx.query(
      `UPDATE person SET name = $2, honorific = $3, job_title = $4, organisation_id = $5, country_code = $6,
         languages = $7, preferred_language = $8, external_ref = $9, time_zone = $11, version = version + 1,
         updated_at = now()
       WHERE id = $1 AND ($10::int IS NULL OR version = $10::int)
       RETURNING ${PERSON_COLUMNS.replace(/p\./g, '')}`,
      [
        id,
        values.name,
        values.honorific,
        values.jobTitle,
        values.organisationId,
        values.countryCode,
        values.languages,
        values.preferredLanguage,
        values.externalRef,
        expectedVersion ?? null,
        values.timeZone,
      ],
    )) as [PersonRow[], number];
    const updated = Array.isArray(rows[0]) ? rows[0] : (rows as unknown as PersonRow[]);
    return updated[0] ? toPerson(updated[0]) : null;
  }

  async replaceContacts(tx: Tx, personId: string, contacts: readonly ContactValues[]): Promise<PersonContact[]> {
    await tx.query(`DELETE FROM person_contact WHERE person_id = $1`, [personId]);
    if (contacts.length > 0) {
      await tx.query(
        `INSERT INTO person_contact (person_id, kind, value, label, visibility, position)
         SELECT $1, k, v, l, vis, pos FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) AS x (k, v, l, vis, pos)`,
        [
          personId,
          contacts.map((c) => c.kind),
          contacts.map((c) => c.value),
          contacts.map((c) => c.label),
          contacts.map((c) => c.visibility),
          contacts.map((_, i) => i),
        ],
      );
    }
    return this.contactsOf(tx, personId);
  }

  /**
   * Erasure: contact details go, the name is replaced, every other personal field is cleared (custom
   * fields' values too).
   * Memberships, relationships and audit entries stay; identity deletes the account in the same `tx`.
   */
  async erase(tx: Tx, id: string, replacementName: string): Promise<DirectoryPerson> {
    // Digests of what an import would match them by, so that re-importing cannot bring them back.
    await tx.query(
      `UPDATE person p SET erased_keys = ARRAY(
         SELECT DISTINCT ${ERASED_KEY_SQL('k.value')} FROM (
           SELECT 'email:' || lower(value) AS value FROM person_contact WHERE person_id = p.id AND kind = 'EMAIL'
           UNION SELECT 'email:' || lower(email::text) FROM account WHERE person_id = p.id
           UNION SELECT 'ref:' || lower(external_ref) FROM person WHERE id = p.id AND external_ref IS NOT NULL) k)
       WHERE p.id = $1`,
      [id],
    );
    await tx.query(`DELETE FROM person_contact WHERE person_id = $1`, [id]);
    const rows = (await tx.query(
      `UPDATE person SET name = $2, honorific = NULL, job_title = NULL, languages = '{}', external_ref = NULL,
         fields = '{}'::jsonb, erased_at = now(), version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING ${PERSON_COLUMNS.replace(/p\./g, '')}`,
      [id, replacementName],
    )) as [PersonRow[], number];
    return toPerson(rows[0][0]);
  }

  /** Removes personal data from audit entries about the erased person's own records. */
  async redactAudit(tx: Tx, personId: string): Promise<void> {
    await tx.query(
      `UPDATE audit_log SET before = CASE WHEN before IS NULL THEN NULL ELSE '{"erased": true}'::jsonb END,
              after = CASE WHEN after IS NULL THEN NULL ELSE '{"erased": true}'::jsonb END
       WHERE (entity_type IN ('person', 'person_contact') AND entity_id = $1)
          OR (entity_type = 'account' AND after ->> 'personId' = $1)`,
      [personId],
    );
  }

  /**
   * What the directory holds about one person, for their own export (raw rows, no visibility
   * filter): names as the API spells them, days as `YYYY-MM-DD` (never a timestamp), moments as
   * timestamps. The other contexts export their own rows (accounts, channels, notifications).
   */
  async personalData(tx: Tx, personId: string): Promise<Record<string, unknown>> {
    const one = async (sql: string) => (await tx.query(sql, [personId])) as Record<string, unknown>[];
    const [person] = await one(
      `SELECT p.id, p.name, p.honorific, p.job_title AS "jobTitle", p.organisation_id AS "organisationId",
              p.country_code AS "countryCode", p.languages, p.preferred_language AS "preferredLanguage",
              p.external_ref AS "externalRef", p.time_zone AS "timeZone", p.fields AS "fieldValues",
              p.erased_at AS "erasedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt"
       FROM person p WHERE p.id = $1`,
    );
    return {
      person: person ?? null,
      contacts: await one(
        `SELECT kind, value, label, visibility, created_at AS "createdAt"
         FROM person_contact WHERE person_id = $1 ORDER BY position`,
      ),
      memberships: await one(
        `SELECT m.id, n.slug AS network, m.role, m.member_state AS "memberState",
                to_char(m.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(m.ends_on, 'YYYY-MM-DD') AS "endsOn",
                m.visibility
         FROM membership m JOIN network n ON n.id = m.network_id WHERE m.person_id = $1 ORDER BY m.starts_on, m.id`,
      ),
      relationships: await one(
        `SELECT id, type, from_person_id AS "fromPersonId", from_organisation_id AS "fromOrganisationId",
                to_person_id AS "toPersonId", to_organisation_id AS "toOrganisationId",
                to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn",
                note, source, visibility, created_at AS "createdAt"
         FROM directory_relationship WHERE from_person_id = $1 OR to_person_id = $1 ORDER BY created_at, id`,
      ),
      auditTrail: await one(
        `SELECT at, entity_type AS "entityType", entity_id AS "entityId", action
         FROM audit_log WHERE actor_person_id = $1 ORDER BY id LIMIT 10000`,
      ),
    };
  }
}
