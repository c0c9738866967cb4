import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  Actor,
  DomainError,
  EXCLUSION_VIOLATION,
  hasSqlState,
  NetworkRole,
  SqlPredicate,
  Tx,
  UNIQUE_VIOLATION,
  visibilitySql,
} from '@enlace/core';
import { PersonEntity } from '../accounts/person.entity';
import { MembershipEntity } from './membership.entity';
import { currentTermSql, networkVisibility } from './network.repository';
import { NetworkEntity } from './network.entity';

/**
 * The visibility predicate for membership rows: a membership carries its own visibility, is owned by
 * its network and has one participant, the member.
 */
export function membershipVisibility(actor: Actor, alias: string): SqlPredicate {
  return visibilitySql(actor, {
    network: `${alias}.network_id`,
    visibility: `${alias}.visibility`,
    participant: (p) => `${alias}.person_id = :${p}`,
  });
}

/**
 * Audit entries (alias `a`) about a membership show only while the reader may see that membership
 * (an administrator reading a network's log does not see the history of its RESTRICTED memberships).
 */
export function membershipAuditVisibility(actor: Actor): SqlPredicate {
  const visible = membershipVisibility(actor, 'am');
  return {
    sql:
      `(CASE WHEN a.entity_type = 'membership' THEN EXISTS (SELECT 1 FROM membership am` +
      ` WHERE am.id = CAST(a.entity_id AS uuid) AND ${visible.sql}) ELSE TRUE END)`,
    params: visible.params,
  };
}

export interface MembershipListQuery {
  readonly networkId: string;
  readonly role?: NetworkRole;
  readonly memberState?: string;
  readonly currentOnly?: boolean;
  readonly first: number;
  /** Keyset position: the last row's person name and membership id. */
  readonly after: readonly [string, string] | null;
}

export interface MembershipRow {
  readonly membership: MembershipEntity;
  readonly personName: string;
}

export interface PersonName {
  readonly id: string;
  readonly name: string;
}

export type MembershipValues = Pick<
  MembershipEntity,
  'personId' | 'networkId' | 'role' | 'memberState' | 'visibility' | 'endsOn'
> & { startsOn: string | null };

@Injectable()
export class MembershipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /**
   * Memberships `actor` may see: the membership's own visibility *and* its network's (a membership
   * would otherwise reveal a network the caller cannot see).
   */
  private visible(actor: Actor, tx?: Tx): SelectQueryBuilder<MembershipEntity> {
    const own = membershipVisibility(actor, 'm');
    const network = networkVisibility(actor, 'n');
    return this.manager(tx)
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .innerJoin(NetworkEntity, 'n', 'n.id = m.network_id')
      .where(own.sql, own.params)
      .andWhere(network.sql, network.params);
  }

  /** One page of a network's visible memberships ordered by person name, and how many are visible in all. */
  async list(actor: Actor, query: MembershipListQuery): Promise<{ rows: MembershipRow[]; totalCount: number }> {
    const qb = this.visible(actor)
      .innerJoin(PersonEntity, 'p', 'p.id = m.person_id')
      .andWhere('m.network_id = :networkId', { networkId: query.networkId });
    if (query.role) qb.andWhere('m.role = :role', { role: query.role });
    if (query.memberState) qb.andWhere('m.member_state = :memberState', { memberState: query.memberState });
    if (query.currentOnly) qb.andWhere(currentTermSql('m'));
    const totalCount = await qb.clone().getCount();
    if (query.after) {
      qb.andWhere('(p.name, m.id) > (:afterName, CAST(:afterId AS uuid))', {
        afterName: query.after[0],
        afterId: query.after[1],
      });
    }
    const { entities, raw } = await qb
      .addSelect('p.name', 'person_name')
      .orderBy('p.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(query.first + 1)
      .getRawAndEntities<{ m_id: string; person_name: string }>();
    const byId = new Map(entities.map((e) => [e.id, e]));
    return {
      rows: raw.map((r) => ({ membership: byId.get(r.m_id) as MembershipEntity, personName: r.person_name })),
      totalCount,
    };
  }

  /** A visible membership, locked for the rest of `tx` when given. */
  async findVisibleById(actor: Actor, id: string, tx?: Tx): Promise<MembershipEntity | null> {
    const qb = this.visible(actor, tx).andWhere('m.id = :id', { id });
    if (tx) qb.setLock('pessimistic_write', undefined, ['m']);
    return qb.getOne();
  }

  /** Names of people, by id (a DataLoader batch). Callers pass ids of records already shown to be visible. */
  async findPeopleByIds(ids: readonly string[]): Promise<PersonName[]> {
    if (ids.length === 0) return [];
    return this.manager()
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .select(['p.id', 'p.name'])
      .where('p.id = ANY(CAST(:ids AS uuid[]))', { ids: [...new Set(ids)] })
      .getMany();
  }

  async personExists(tx: Tx, personId: string): Promise<boolean> {
    return tx.getRepository(PersonEntity).exists({ where: { id: personId } });
  }

  /** Today's date as the database sees it (terms are compared with `current_date`). */
  async today(tx: Tx): Promise<string> {
    const [row] = (await tx.query(`SELECT current_date::text AS today`)) as { today: string }[];
    return row.today;
  }

  async insert(tx: Tx, values: MembershipValues): Promise<MembershipEntity> {
    try {
      const result = await tx
        .createQueryBuilder()
        .insert()
        .into(MembershipEntity)
        .values({ ...values, startsOn: values.startsOn ?? (() => 'current_date') })
        .returning('id')
        .execute();
      const id = (result.raw as { id: string }[])[0].id;
      return await tx.getRepository(MembershipEntity).findOneByOrFail({ id });
    } catch (error) {
      if (hasSqlState(error, UNIQUE_VIOLATION)) throw DomainError.conflict('networks:membershipExists');
      // membership_seat_term_excl: the term would overlap another term of the same seat.
      if (hasSqlState(error, EXCLUSION_VIOLATION)) {
        throw DomainError.conflict('networks:seatTaken', { memberState: values.memberState ?? '' });
      }
      throw error;
    }
  }

  async setEndsOn(tx: Tx, id: string, endsOn: string): Promise<MembershipEntity> {
    await tx
      .createQueryBuilder()
      .update(MembershipEntity)
      .set({ endsOn, updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
    return tx.getRepository(MembershipEntity).findOneByOrFail({ id });
  }
}
