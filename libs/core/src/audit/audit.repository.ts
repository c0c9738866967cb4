import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../actor/actor';
import type { SqlPredicate } from '../database/sql';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  readonly networkId?: string | null;
  readonly entityType: string;
  readonly entityId: string;
  readonly action: string;
  readonly before?: object | null;
  readonly after?: object | null;
}

export interface AuditQuery {
  readonly networkIds: readonly string[] | 'ALL';
  readonly entityType?: string;
  readonly entityId?: string;
  readonly first: number;
  readonly afterId?: string;
  /**
   * Extra conditions on the entries (alias `a`), built by the contexts' repositories: e.g. hide the
   * entries about records the reader may not see.
   */
  readonly conditions?: readonly SqlPredicate[];
}

/** Fields never written to the audit log, whatever entity they come from. */
const SECRET_FIELDS = new Set(['passwordHash', 'password_hash', 'tokenHash', 'token_hash', 'password', 'token']);

function scrub(value: object | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (SECRET_FIELDS.has(key) ? undefined : v))) as Record<
    string,
    unknown
  >;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes one entry with the manager of the change's own transaction: no change without its entry. */
  async record(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditLogEntity, {
      actorPersonId: actor.personId,
      networkId: entry.networkId ?? null,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      before: scrub(entry.before) as never,
      after: scrub(entry.after) as never,
      requestId: actor.requestId ?? null,
    });
  }

  /** Writes many entries in the change's own transaction, one statement per 5,000 (bulk imports). */
  async recordMany(manager: EntityManager, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
    const json = (value: object | null | undefined) => {
      const scrubbed = scrub(value);
      return scrubbed === null ? null : JSON.stringify(scrubbed);
    };
    for (let i = 0; i < entries.length; i += 5000) {
      const chunk = entries.slice(i, i + 5000);
      await manager.query(
        `INSERT INTO audit_log (actor_person_id, network_id, entity_type, entity_id, action, before, after, request_id)
         SELECT $1, x.network_id, x.entity_type, x.entity_id, x.action, x.before, x.after, $2
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[])
           AS x (network_id, entity_type, entity_id, action, before, after)`,
        [
          actor.personId,
          actor.requestId ?? null,
          chunk.map((e) => e.networkId ?? null),
          chunk.map((e) => e.entityType),
          chunk.map((e) => e.entityId),
          chunk.map((e) => e.action),
          chunk.map((e) => json(e.before)),
          chunk.map((e) => json(e.after)),
        ],
      );
    }
  }

  async list(query: AuditQuery): Promise<{ rows: AuditLogEntity[]; totalCount: number }> {
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (query.networkIds !== 'ALL')
      qb.andWhere('a.network_id = ANY(CAST(:networks AS uuid[]))', { networks: query.networkIds });
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    for (const condition of query.conditions ?? []) qb.andWhere(condition.sql, condition.params);
    const totalCount = await qb.getCount();
    if (query.afterId) qb.andWhere('a.id < :afterId', { afterId: query.afterId });
    const rows = await qb
      .orderBy('a.id', 'DESC')
      .limit(query.first + 1)
      .getMany();
    return { rows, totalCount };
  }
}
