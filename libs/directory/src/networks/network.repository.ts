import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor, DomainError, Language, TranslatableText, Tx, UNIQUE_VIOLATION, Visibility } from '@enlace/core';
import { NetworkPartnerEntity } from './network-partner.entity';
import { NetworkEntity, NetworkKind } from './network.entity';
import { networkVisibility } from './network.visibility';

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

/** The fields of a network a seed owns (the demo data set), and the stored network with its id. */
export interface SeededNetworkFields {
  readonly slug: string;
  readonly kind: NetworkKind;
  readonly name: TranslatableText;
  readonly description: TranslatableText;
  readonly defaultLanguage: Language;
  readonly workingLanguages: readonly Language[];
  readonly visibility: Visibility;
}

export interface SeededNetwork extends SeededNetworkFields {
  readonly id: string;
}

interface SeededNetworkRow {
  id: string;
  slug: string;
  kind: NetworkKind;
  name: TranslatableText;
  description: TranslatableText;
  default_language: Language;
  working_languages: Language[];
  visibility: Visibility;
}

const SEEDED_COLUMNS = 'id, slug, kind, name, description, default_language, working_languages, visibility';

function toSeededNetwork(row: SeededNetworkRow): SeededNetwork {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    description: row.description,
    defaultLanguage: row.default_language,
    workingLanguages: row.working_languages,
    visibility: row.visibility,
  };
}

/** Parameters $2..$7 of the seed's insert and update: everything but the slug. */
function seededParams(fields: SeededNetworkFields): unknown[] {
  return [
    fields.kind,
    JSON.stringify(fields.name),
    JSON.stringify(fields.description),
    fields.defaultLanguage,
    [...fields.workingLanguages],
    fields.visibility,
  ];
}

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

  /*
   * The seed's find-or-insert by slug: each write returns only what it created or changed, so that
   * the seed audits exactly those rows and a second run writes nothing.
   */

  async findSeededBySlug(tx: Tx, slug: string): Promise<SeededNetwork | null> {
    const rows = (await tx.query(`SELECT ${SEEDED_COLUMNS} FROM network WHERE slug = $1`, [
      slug,
    ])) as SeededNetworkRow[];
    return rows[0] ? toSeededNetwork(rows[0]) : null;
  }

  async insertSeeded(tx: Tx, fields: SeededNetworkFields): Promise<SeededNetwork> {
    const rows = (await tx.query(
      `INSERT INTO network (slug, kind, name, description, default_language, working_languages, visibility)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6::text[], $7)
       RETURNING ${SEEDED_COLUMNS}`,
      [fields.slug, ...seededParams(fields)],
    )) as SeededNetworkRow[];
    return toSeededNetwork(rows[0]);
  }

  /**
   * Writes the seed's fields over a network when any of them differs (jsonb compares by value, so
   * key order does not count), bumping its version. Returns null when nothing differed.
   */
  async updateSeededIfChanged(tx: Tx, id: string, fields: SeededNetworkFields): Promise<SeededNetwork | null> {
    const [rows] = (await tx.query(
      `UPDATE network
          SET kind = $2, name = $3::jsonb, description = $4::jsonb, default_language = $5,
              working_languages = $6::text[], visibility = $7, version = version + 1, updated_at = now()
        WHERE id = $1
          AND (kind, name, description, default_language, working_languages, visibility)
              IS DISTINCT FROM ($2, $3::jsonb, $4::jsonb, $5, $6::text[], $7)
        RETURNING ${SEEDED_COLUMNS}`,
      [id, ...seededParams(fields)],
    )) as [SeededNetworkRow[], number];
    return rows[0] ? toSeededNetwork(rows[0]) : null;
  }

  /** Stores a partnership in both directions; returns the directions that did not exist yet. */
  async insertSeededPartnership(
    tx: Tx,
    networkId: string,
    partnerId: string,
  ): Promise<Array<{ networkId: string; partnerId: string }>> {
    const rows = (await tx.query(
      `INSERT INTO network_partner (network_id, partner_id) VALUES ($1, $2), ($2, $1)
       ON CONFLICT (network_id, partner_id) DO NOTHING
       RETURNING network_id, partner_id`,
      [networkId, partnerId],
    )) as Array<{ network_id: string; partner_id: string }>;
    return rows.map((r) => ({ networkId: r.network_id, partnerId: r.partner_id }));
  }
}
