import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, namedQuery } from '@enlace/core';
import { readableTrainingSql } from '../training/training.visibility';
import { CertificateRow, RawCertificate, toCertificate } from './certificate.entity';

/** The SHA-256 of a code, as the table's `code_digest` holds it: what every lookup compares. */
const DIGEST = (expr: string) => `sha256(convert_to(${expr}, 'UTF8'))`;

const COLUMNS = `c.id, c.enrolment_id, c.person_id, p.name AS holder_name, p.erased_at IS NOT NULL AS holder_erased,
  p.preferred_language AS holder_language, c.training_id, tr.title AS training_title, tr.starts_at, tr.ends_at,
  tr.time_zone, tr.places, c.curriculum_version_id, cv.title AS curriculum_title, cv.number AS curriculum_number,
  tr.network_id, n.name AS network_name, n.default_language AS network_language,
  (SELECT json_agg(o.name ORDER BY array_position(tr.partner_organisation_ids, o.id))
     FROM organisation o WHERE o.id = ANY(tr.partner_organisation_ids)) AS partner_names,
  c.code, c.issued_at, c.revoked_at, c.revoke_reason`;

const FROM = `certificate c JOIN person p ON p.id = c.person_id JOIN training tr ON tr.id = c.training_id
  JOIN curriculum_version cv ON cv.id = c.curriculum_version_id JOIN network n ON n.id = tr.network_id`;

@Injectable()
export class CertificateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Issues one certificate to each of `enrolmentIds` that is COMPLETED and has none yet, with the
   * code drawn for it (`codes[i]` for `enrolmentIds[i]`); the rest are left alone (one per completion,
   * however often this runs). Returns the ids of the certificates it created.
   */
  async insertMissing(
    tx: EntityManager,
    enrolmentIds: readonly string[],
    codes: readonly string[],
  ): Promise<{ id: string; enrolmentId: string; personId: string; trainingId: string; networkId: string }[]> {
    if (enrolmentIds.length === 0) return [];
    const rows = (await tx.query(
      `WITH issued AS (
         INSERT INTO certificate (enrolment_id, person_id, training_id, curriculum_version_id, code, code_digest)
         SELECT e.id, e.person_id, e.training_id, tr.curriculum_version_id, x.code, ${DIGEST('x.code')}
           FROM unnest(CAST($1 AS uuid[]), CAST($2 AS text[])) AS x (enrolment_id, code)
           JOIN enrolment e ON e.id = x.enrolment_id AND e.status = 'COMPLETED'
           JOIN training tr ON tr.id = e.training_id
         ON CONFLICT (enrolment_id) DO NOTHING
         RETURNING id, enrolment_id, person_id, training_id)
       SELECT i.id, i.enrolment_id, i.person_id, i.training_id, tr.network_id
         FROM issued i JOIN training tr ON tr.id = i.training_id ORDER BY i.id`,
      [enrolmentIds, codes],
    )) as { id: string; enrolment_id: string; person_id: string; training_id: string; network_id: string }[];
    return rows.map((r) => ({
      id: r.id,
      enrolmentId: r.enrolment_id,
      personId: r.person_id,
      trainingId: r.training_id,
      networkId: r.network_id,
    }));
  }

  /** The certificate whose code is `code`, for anyone: one indexed lookup by the code's digest. */
  async findByCode(code: string): Promise<CertificateRow | null> {
    const rows = await namedQuery<RawCertificate>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE c.code_digest = ${DIGEST(':code')}`,
      { code },
    );
    return rows[0] ? toCertificate(rows[0]) : null;
  }

  /**
   * The certificate if `actor` holds it or may read its training (the service then decides whether
   * they may manage it); null otherwise, exactly as for a missing one.
   */
  async findReachable(
    actor: Actor,
    id: string,
    tx?: EntityManager | null,
    lock = false,
  ): Promise<CertificateRow | null> {
    const readable = readableTrainingSql(actor);
    const rows = await namedQuery<RawCertificate>(
      tx ?? this.dataSource.manager,
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE c.id = CAST(:id AS uuid) AND (c.person_id = CAST(:me AS uuid) OR ${readable.sql})${lock ? ' FOR UPDATE OF c' : ''}`,
      { ...readable.params, id, me: actor.personId },
    );
    return rows[0] ? toCertificate(rows[0]) : null;
  }

  /** These certificates, in the caller's transaction (those just issued, to tell their holders). */
  async findMany(tx: EntityManager, ids: readonly string[]): Promise<CertificateRow[]> {
    if (ids.length === 0) return [];
    const rows = await namedQuery<RawCertificate>(
      tx,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = ANY(CAST(:ids AS uuid[])) ORDER BY c.id`,
      { ids },
    );
    return rows.map(toCertificate);
  }

  /** Certificates of these enrolments (a page's worth), whoever asks: the caller has already read the enrolments. */
  async ofEnrolments(enrolmentIds: readonly string[]): Promise<CertificateRow[]> {
    if (enrolmentIds.length === 0) return [];
    const rows = await namedQuery<RawCertificate>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE c.enrolment_id = ANY(CAST(:ids AS uuid[]))`,
      { ids: enrolmentIds },
    );
    return rows.map(toCertificate);
  }

  /** A person's certificates, most recent first. */
  async ofPerson(personId: string): Promise<CertificateRow[]> {
    const rows = await namedQuery<RawCertificate>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE c.person_id = CAST(:personId AS uuid) ORDER BY c.issued_at DESC, c.id`,
      { personId },
    );
    return rows.map(toCertificate);
  }

  /** Marks a certificate revoked; false when it already was (a concurrent revocation won). */
  async revoke(tx: EntityManager, id: string, by: string, reason: string): Promise<boolean> {
    const rows = (await tx.query(
      `UPDATE certificate SET revoked_at = now(), revoked_by = $2, revoke_reason = $3
        WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [id, by, reason],
    )) as unknown[];
    return rows.length > 0;
  }
}
