import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** The lookups of the training demo seed (the writes go through the training repositories). */
@Injectable()
export class TrainingDemoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async networksBySlug(tx: EntityManager, slugs: readonly string[]): Promise<Map<string, string>> {
    const rows = (await tx.query(`SELECT id, slug FROM network WHERE slug = ANY($1::text[])`, [slugs])) as {
      id: string;
      slug: string;
    }[];
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  /** The network's curriculum whose first version has this title in its original language. */
  async curriculumByTitle(tx: EntityManager, networkId: string, lang: string, title: string): Promise<string | null> {
    const rows = (await tx.query(
      `SELECT c.id FROM curriculum c JOIN curriculum_version v ON v.curriculum_id = c.id AND v.number = 1
        WHERE c.network_id = $1 AND v.title -> $2 ->> 'text' = $3 LIMIT 1`,
      [networkId, lang, title],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async versionOf(tx: EntityManager, curriculumId: string, number: number): Promise<string | null> {
    const rows = (await tx.query(`SELECT id FROM curriculum_version WHERE curriculum_id = $1 AND number = $2`, [
      curriculumId,
      number,
    ])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** The version's module ids in curriculum order. */
  async modulesOf(tx: EntityManager, versionId: string): Promise<string[]> {
    const rows = (await tx.query(`SELECT id FROM curriculum_module WHERE version_id = $1 ORDER BY position`, [
      versionId,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async trainingStarting(tx: EntityManager, networkId: string, startsAt: Date): Promise<string | null> {
    const rows = (await tx.query(`SELECT id FROM training WHERE network_id = $1 AND starts_at = $2`, [
      networkId,
      startsAt,
    ])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async organisationsNamed(tx: EntityManager, names: readonly string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const rows = (await tx.query(
      `SELECT DISTINCT ON (n.name) o.id FROM unnest($1::text[]) AS n(name)
         JOIN organisation o ON EXISTS (SELECT 1 FROM jsonb_each(o.name) t WHERE t.value ->> 'text' = n.name)
        ORDER BY n.name, o.created_at`,
      [names],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Current holders of `roles` in the network, for `states` when given, in a stable order. */
  async holders(
    tx: EntityManager,
    networkId: string,
    roles: readonly string[],
    states: readonly string[] | null,
  ): Promise<{ personId: string; memberState: string | null }[]> {
    const rows = (await tx.query(
      `SELECT DISTINCT ON (m.person_id) m.person_id, trim(m.member_state) AS member_state FROM membership m
        WHERE m.network_id = $1 AND m.role = ANY($2::text[])
          AND ($3::text[] IS NULL OR trim(m.member_state) = ANY($3::text[]))
          AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
        ORDER BY m.person_id`,
      [networkId, roles, states],
    )) as { person_id: string; member_state: string | null }[];
    return rows
      .map((r) => ({ personId: r.person_id, memberState: r.member_state }))
      .sort((a, b) => (a.memberState ?? '').localeCompare(b.memberState ?? '') || a.personId.localeCompare(b.personId));
  }
}
