import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor, DomainError, SqlPredicate, Tx, UNIQUE_VIOLATION, visibilitySql } from '@enlace/core';
import { NetworkPartnerEntity } from './network-partner.entity';
import { NetworkEntity, NetworkKind } from './network.entity';

/** A membership whose term is current today (the same rule as the actor's memberships). */
export function currentTermSql(alias: string): string {
  return `${alias}.starts_on <= current_date AND (${alias}.ends_on IS NULL OR ${alias}.ends_on > current_date)`;
}

/**
 * The visibility predicate for network rows. A network record is owned by itself; its participants
 * are its current members. The platform administrator, who creates networks and their first
 * secretariat, counts as a participant of every network record (docs/decisions/0005): otherwise a
 * RESTRICTED network would vanish from the one person able to staff it. Records *inside* networks
 * keep the general rule (administrators do not read RESTRICTED records).
 */
export function networkVisibility(actor: Actor, alias: string): SqlPredicate {
  return visibilitySql(actor, {
    network: `${alias}.id`,
    visibility: `${alias}.visibility`,
    participant: actor.isAdmin
      ? () => 'TRUE'
      : (p) =>
          `EXISTS (SELECT 1 FROM membership ${alias}_pm WHERE ${alias}_pm.network_id = ${alias}.id` +
          ` AND ${alias}_pm.person_id = :${p} AND ${currentTermSql(`${alias}_pm`)})`,
  });
}

/**
 * Audit entries (alias `a`) about a partnership show only when the partner network is visible to the
 * reader: network A's log must not reveal a RESTRICTED partner that A's secretariat cannot see.
 */
export function partnerAuditVisibility(actor: Actor): SqlPredicate {
  const visible = networkVisibility(actor, 'apn');
  return {
    sql:
      `(CASE WHEN a.entity_type = 'network_partner' THEN EXISTS (SELECT 1 FROM network apn` +
      ` WHERE apn.id = CAST(COALESCE(a.after, a.before) ->> 'partnerId' AS uuid) AND ${visible.sql}) ELSE TRUE END)`,
    params: visible.params,
  };
}

export interface NetworkListQuery {
  readonly kind?: NetworkKind;
  readonly first: number;
  readonly afterSlug: string | null;
}

export interface PartnerRow {
  readonly networkId: string;
  readonly partner: NetworkEntity;
}

export type NetworkValues = Omit<NetworkEntity, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class NetworkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** Visible networks ordered by slug, after a keyset position; `totalCount` counts every visible one. */
  async list(actor: Actor, query: NetworkListQuery): Promise<{ rows: NetworkEntity[]; totalCount: number }> {
    const visible = networkVisibility(actor, 'n');
    const qb = this.manager().getRepository(NetworkEntity).createQueryBuilder('n').where(visible.sql, visible.params);
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    const totalCount = await qb.clone().getCount();
    if (query.afterSlug !== null) qb.andWhere('n.slug > :afterSlug', { afterSlug: query.afterSlug });
    const rows = await qb
      .orderBy('n.slug', 'ASC')
      .limit(query.first + 1)
      .getMany();
    return { rows, totalCount };
  }

  /** The networks among `ids` that `actor` may see, in one statement (a DataLoader batch). */
  async findVisibleByIds(actor: Actor, ids: readonly string[], tx?: Tx): Promise<NetworkEntity[]> {
    if (ids.length === 0) return [];
    const visible = networkVisibility(actor, 'n');
    return this.manager(tx)
      .getRepository(NetworkEntity)
      .createQueryBuilder('n')
      .where('n.id = ANY(CAST(:ids AS uuid[]))', { ids: [...new Set(ids)] })
      .andWhere(visible.sql, visible.params)
      .getMany();
  }

  async findVisibleBySlug(actor: Actor, slug: string): Promise<NetworkEntity | null> {
    const visible = networkVisibility(actor, 'n');
    return this.manager()
      .getRepository(NetworkEntity)
      .createQueryBuilder('n')
      .where('n.slug = :slug', { slug })
      .andWhere(visible.sql, visible.params)
      .getOne();
  }

  /**
   * The visible partners of each of the visible networks `networkIds`, in one statement: owner and
   * partner both pass the predicate, so a partnership never reveals a network the caller cannot see.
   */
  async findVisiblePartners(actor: Actor, networkIds: readonly string[]): Promise<PartnerRow[]> {
    if (networkIds.length === 0) return [];
    const partnerVisible = networkVisibility(actor, 'n');
    const ownerVisible = networkVisibility(actor, 'o');
    const { entities, raw } = await this.manager()
      .getRepository(NetworkEntity)
      .createQueryBuilder('n')
      .innerJoin(NetworkPartnerEntity, 'np', 'np.partner_id = n.id')
      .innerJoin(NetworkEntity, 'o', 'o.id = np.network_id')
      .addSelect('np.network_id', 'owner_id')
      .where('np.network_id = ANY(CAST(:ids AS uuid[]))', { ids: [...new Set(networkIds)] })
      .andWhere(partnerVisible.sql, partnerVisible.params)
      .andWhere(ownerVisible.sql, ownerVisible.params)
      .orderBy('n.slug', 'ASC')
      .getRawAndEntities<{ owner_id: string; n_id: string }>();
    const byId = new Map(entities.map((e) => [e.id, e]));
    return raw.map((r) => ({ networkId: r.owner_id, partner: byId.get(r.n_id) as NetworkEntity }));
  }

  async insert(tx: Tx, values: NetworkValues): Promise<NetworkEntity> {
    try {
      const repo = tx.getRepository(NetworkEntity);
      return await repo.save(repo.create(values));
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw DomainError.conflict('networks:slugTaken', { slug: values.slug });
      }
      throw error;
    }
  }

  /**
   * Compare-and-set: applies `changes` only while the row still has `expectedVersion`, bumping it.
   * A concurrent writer that committed first makes this match no row (PostgreSQL re-checks the
   * WHERE clause on the row it waited for), so the caller answers CONFLICT instead of losing an update.
   */
  async updateIfVersion(
    tx: Tx,
    id: string,
    expectedVersion: number,
    changes: Partial<NetworkValues>,
  ): Promise<NetworkEntity | null> {
    const result = await tx
      .createQueryBuilder()
      .update(NetworkEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    if (result.affected !== 1) return null;
    return tx.getRepository(NetworkEntity).findOneByOrFail({ id });
  }

  /** Stores a partnership in both directions; false when it already existed. */
  async addPartnership(tx: Tx, a: string, b: string): Promise<boolean> {
    const [first, second] = [a, b].sort(); // one lock order, whichever side asks
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(NetworkPartnerEntity)
      .values([
        { networkId: first, partnerId: second },
        { networkId: second, partnerId: first },
      ])
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Removes both directions; false when there was no partnership. */
  async removePartnership(tx: Tx, a: string, b: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .delete()
      .from(NetworkPartnerEntity)
      .where('(network_id = :a AND partner_id = :b) OR (network_id = :b AND partner_id = :a)', { a, b })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
