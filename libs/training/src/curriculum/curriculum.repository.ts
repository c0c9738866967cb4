import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, canSql, namedQuery, TranslatableText } from '@enlace/core';
import type { CurriculumStatus } from '../training-rules';
import { CurriculumVersionRow, RawCurriculumVersion, toCurriculumVersion } from './curriculum.entity';

const VERSION_COLUMNS = `v.id, v.curriculum_id, c.network_id, n.default_language AS network_language, v.number,
  v.title, v.description, v.status, v.based_on, v.published_at, v.version,
  (SELECT json_agg(json_build_object('id', m.id, 'position', m.position, 'title', m.title, 'objectives', m.objectives,
          'duration_minutes', m.duration_minutes, 'required', m.required, 'materials', m.materials) ORDER BY m.position)
     FROM curriculum_module m WHERE m.version_id = v.id) AS modules`;

const FROM = `curriculum_version v JOIN curriculum c ON c.id = v.curriculum_id JOIN network n ON n.id = c.network_id`;

export interface ModuleValues {
  readonly title: TranslatableText;
  readonly objectives: TranslatableText | null;
  readonly durationMinutes: number;
  readonly required: boolean;
  readonly materials: readonly string[];
}

/**
 * Who reads a curriculum version: a published or archived one is a public syllabus (certificates cite
 * it); a draft is read by those who run the owner network's trainings.
 */
function readableSql(actor: Actor) {
  const run = canSql(actor, 'RUN_TRAININGS', { network: 'c.network_id' });
  return { sql: `(v.status <> 'DRAFT' OR ${run.sql})`, params: run.params };
}

@Injectable()
export class CurriculumRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findReadable(
    actor: Actor,
    id: string,
    tx?: EntityManager | null,
    lock = false,
  ): Promise<CurriculumVersionRow | null> {
    const readable = readableSql(actor);
    const rows = await namedQuery<RawCurriculumVersion>(
      tx ?? this.dataSource.manager,
      `SELECT ${VERSION_COLUMNS} FROM ${FROM} WHERE v.id = CAST(:id AS uuid) AND ${readable.sql}${lock ? ' FOR UPDATE OF v' : ''}`,
      { ...readable.params, id },
    );
    return rows[0] ? toCurriculumVersion(rows[0]) : null;
  }

  async list(
    actor: Actor,
    filter: { networkId?: string | null; status?: CurriculumStatus | null },
    page: { first: number; after: readonly [string, number] | null },
  ): Promise<{ rows: CurriculumVersionRow[]; totalCount: number }> {
    const readable = readableSql(actor);
    const where = [readable.sql];
    const params: Record<string, unknown> = { ...readable.params };
    if (filter.networkId) {
      where.push(`c.network_id = CAST(:networkId AS uuid)`);
      params.networkId = filter.networkId;
    }
    if (filter.status) {
      where.push(`v.status = :status`);
      params.status = filter.status;
    }
    const keyset = page.after ? [`(v.curriculum_id, v.number) > (CAST(:afterId AS uuid), :afterNumber)`] : [];
    if (page.after) Object.assign(params, { afterId: page.after[0], afterNumber: page.after[1] });
    const manager = this.dataSource.manager;
    const [rows, count] = await Promise.all([
      namedQuery<RawCurriculumVersion>(
        manager,
        `SELECT ${VERSION_COLUMNS} FROM ${FROM} WHERE ${[...where, ...keyset].join(' AND ')}
          ORDER BY v.curriculum_id, v.number LIMIT :limit`,
        { ...params, limit: page.first + 1 },
      ),
      namedQuery<{ n: string }>(manager, `SELECT count(*) AS n FROM ${FROM} WHERE ${where.join(' AND ')}`, params),
    ]);
    return { rows: rows.map(toCurriculumVersion), totalCount: Number(count[0]?.n ?? 0) };
  }

  async networkExists(tx: EntityManager, networkId: string): Promise<boolean> {
    return ((await tx.query(`SELECT 1 FROM network WHERE id = $1`, [networkId])) as unknown[]).length > 0;
  }

  async insertCurriculum(tx: EntityManager, networkId: string, createdBy: string | null): Promise<string> {
    const [row] = (await tx.query(`INSERT INTO curriculum (network_id, created_by) VALUES ($1, $2) RETURNING id`, [
      networkId,
      createdBy,
    ])) as { id: string }[];
    return row.id;
  }

  async insertVersion(
    tx: EntityManager,
    curriculumId: string,
    values: { title: TranslatableText; description: TranslatableText | null; basedOn: string | null },
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO curriculum_version (curriculum_id, number, title, description, based_on)
       SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4 FROM curriculum_version WHERE curriculum_id = $1
       RETURNING id`,
      [
        curriculumId,
        JSON.stringify(values.title),
        values.description ? JSON.stringify(values.description) : null,
        values.basedOn,
      ],
    )) as { id: string }[];
    return row.id;
  }

  /** Serialises new versions of one curriculum (the number and the one-draft rule). */
  async lockCurriculum(tx: EntityManager, curriculumId: string): Promise<void> {
    await tx.query(`SELECT id FROM curriculum WHERE id = $1 FOR UPDATE`, [curriculumId]);
  }

  async hasDraft(tx: EntityManager, curriculumId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM curriculum_version WHERE curriculum_id = $1 AND status = 'DRAFT'`, [
      curriculumId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async replaceModules(tx: EntityManager, versionId: string, modules: readonly ModuleValues[]): Promise<void> {
    await tx.query(`DELETE FROM curriculum_module WHERE version_id = $1`, [versionId]);
    for (const [index, m] of modules.entries()) {
      await tx.query(
        `INSERT INTO curriculum_module (version_id, position, title, objectives, duration_minutes, required, materials)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          versionId,
          index + 1,
          JSON.stringify(m.title),
          m.objectives ? JSON.stringify(m.objectives) : null,
          m.durationMinutes,
          m.required,
          m.materials,
        ],
      );
    }
  }

  async updateVersion(
    tx: EntityManager,
    id: string,
    values: { title: TranslatableText; description: TranslatableText | null; status: CurriculumStatus },
  ): Promise<void> {
    await tx.query(
      `UPDATE curriculum_version SET title = $2, description = $3, status = $4, version = version + 1, updated_at = now(),
              published_at = CASE WHEN $4 = 'PUBLISHED' AND published_at IS NULL THEN now() ELSE published_at END
        WHERE id = $1`,
      [id, JSON.stringify(values.title), values.description ? JSON.stringify(values.description) : null, values.status],
    );
  }
}
