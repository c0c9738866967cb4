import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../actor/actor';
import type { SqlPredicate } from '../actor/visibility';
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
