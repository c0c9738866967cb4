import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  alignByKey,
  AuditRepository,
  can,
  cursorKey,
  DomainError,
  FieldError,
  isUuid,
  LiveBus,
  Page,
  pageRequest,
  RequestLoaders,
  requireAuthenticated,
  toPage,
  TransactionRunner,
  TranslationInputLike,
  Tx,
} from '@enlace/core';
import { Network, NetworkKind, NETWORK_KINDS } from './network.entity';
import { NetworkRepository, NetworkValues, SeededNetwork, SeededNetworkFields } from './network.repository';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from './network-rules';
import { canonicalJson, checkSettings, editText, newText } from './network-values';

export interface ListNetworksCommand {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly kind?: string | null;
}

export interface CreateNetworkCommand {
  readonly slug: string;
  readonly name: readonly TranslationInputLike[];
  readonly description?: readonly TranslationInputLike[] | null;
  readonly kind: string;
  readonly defaultLanguage: string;
  readonly workingLanguages: readonly string[];
  readonly visibility: string;
}

export interface UpdateNetworkCommand {
  readonly id: string;
  readonly expectedVersion: number;
  /** Languages to set (added or replaced); a status left out keeps the stored one. */
  readonly name?: readonly TranslationInputLike[] | null;
  readonly removeNameLanguages?: readonly string[] | null;
  readonly description?: readonly TranslationInputLike[] | null;
  readonly removeDescriptionLanguages?: readonly string[] | null;
  readonly kind?: string | null;
  readonly defaultLanguage?: string | null;
  readonly workingLanguages?: readonly string[] | null;
  readonly visibility?: string | null;
}

export const NAME_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 5000;

/** What the audit log keeps of a network. */
export function networkSnapshot(n: NetworkValues & { version?: number }): Record<string, unknown> {
  return {
    slug: n.slug,
    name: n.name,
    description: n.description,
    kind: n.kind,
    defaultLanguage: n.defaultLanguage,
    workingLanguages: n.workingLanguages,
    visibility: n.visibility,
    ...(n.version !== undefined ? { version: n.version } : {}),
  };
}

/** Networks: the tenants. Lists and loads go through the visibility predicate; changes through the matrix. */
@Injectable()
export class NetworkService {
  constructor(
    private readonly networks: NetworkRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly live?: LiveBus,
  ) {}

  async list(actor: Actor, command: ListNetworksCommand): Promise<Page<Network>> {
    const request = pageRequest(command);
    const kind = command.kind ?? undefined;
    if (kind !== undefined && !NETWORK_KINDS.includes(kind as NetworkKind)) {
      throw DomainError.badInput([{ field: 'kind', key: 'validation:invalidValue' }]);
    }
    const after = cursorKey(request.after, ['string'] as const);
    const { rows, totalCount } = await this.networks.list(actor, {
      kind: kind as NetworkKind | undefined,
      first: request.first,
      afterSlug: after ? after[0] : null,
    });
    return toPage(rows, request, (n) => [n.slug], totalCount);
  }

  /** One network by id or slug; NOT_FOUND alike whether it is missing or hidden from `actor`. */
  async get(actor: Actor, by: { id?: string | null; slug?: string | null }, tx?: Tx): Promise<Network> {
    const hasId = by.id !== undefined && by.id !== null;
    const hasSlug = by.slug !== undefined && by.slug !== null;
    if (hasId === hasSlug) throw DomainError.badInput([{ field: 'id', key: 'networks:idOrSlug' }]);
    // Malformed ids and slugs cannot name any network: not found, without asking the database.
    let network: Network | null = null;
    if (hasId && isUuid(by.id)) {
      network = (await this.networks.findVisibleByIds(actor, [by.id], tx))[0] ?? null;
    } else if (hasSlug && String(by.slug).length <= SLUG_MAX_LENGTH) {
      network = await this.networks.findVisibleBySlug(actor, String(by.slug), tx);
    }
    if (!network) throw DomainError.notFound();
    return network;
  }

  /** A network for a GraphQL field, batched per request; null when hidden or missing. */
  load(actor: Actor, loaders: RequestLoaders, id: string): Promise<Network | null> {
    return loaders
      .get(
        'networks.byId',
        () =>
          new DataLoader<string, Network | null>(async (ids) =>
            alignByKey(ids, await this.networks.findVisibleByIds(actor, ids.filter(isUuid)), (n) => n.id),
          ),
      )
      .load(id);
  }

  /** The visible partners of a network, batched per request (one statement for a whole page). */
  partners(actor: Actor, loaders: RequestLoaders, networkId: string): Promise<Network[]> {
    return loaders
      .get(
        'networks.partners',
        () =>
          new DataLoader<string, Network[]>(async (ids) => {
            const rows = await this.networks.findVisiblePartners(actor, ids.filter(isUuid));
            return ids.map((id) => rows.filter((r) => r.networkId === id).map((r) => r.partner));
          }),
      )
      .load(networkId);
  }

  async create(actor: Actor, command: CreateNetworkCommand): Promise<Network> {
    requireAuthenticated(actor);
    if (!actor.isAdmin) throw DomainError.forbidden();
    const errors: FieldError[] = [];
    if (typeof command.slug !== 'string' || command.slug.length > SLUG_MAX_LENGTH || !SLUG_PATTERN.test(command.slug)) {
      errors.push({ field: 'slug', key: 'networks:invalidSlug', params: { max: SLUG_MAX_LENGTH } });
    }
    const name = newText(command.name, 'name', NAME_MAX_LENGTH, true, errors);
    const description = newText(command.description, 'description', DESCRIPTION_MAX_LENGTH, false, errors);
    const values = {
      slug: command.slug,
      name,
      description,
      ...checkSettings(command, errors),
    } as NetworkValues;
    if (errors.length > 0) throw DomainError.badInput(errors);
    return this.transactions.run(async (tx) => {
      const network = await this.networks.insert(tx, values);
      await this.audit.record(tx, actor, {
        networkId: network.id,
        entityType: 'network',
        entityId: network.id,
        action: 'create',
        before: null,
        after: networkSnapshot(network),
      });
      return network;
    });
  }

  /**
   * Per-language edits, settings, visibility. Optimistic concurrency: the caller says which version it
   * edited; if anyone changed the network since, CONFLICT (checked again by the UPDATE itself, so two
   * racing editors with the same version never both win).
   */
  async update(actor: Actor, command: UpdateNetworkCommand): Promise<Network> {
    requireAuthenticated(actor);
    const current = await this.get(actor, { id: command.id });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: current.id })) throw DomainError.forbidden();

    const errors: FieldError[] = [];
    const name = editText(current.name, command.name, command.removeNameLanguages, 'name', NAME_MAX_LENGTH, errors);
    if (Object.keys(name).length === 0) errors.push({ field: 'name', key: 'networks:nameRequired' });
    const description = editText(
      current.description,
      command.description,
      command.removeDescriptionLanguages,
      'description',
      DESCRIPTION_MAX_LENGTH,
      errors,
    );
    const settings = checkSettings(
      {
        kind: command.kind ?? current.kind,
        defaultLanguage: command.defaultLanguage ?? current.defaultLanguage,
        workingLanguages: command.workingLanguages ?? current.workingLanguages,
        visibility: command.visibility ?? current.visibility,
      },
      errors,
    );
    if (!Number.isInteger(command.expectedVersion)) {
      errors.push({ field: 'expectedVersion', key: 'validation:invalidValue' });
    }
    if (errors.length > 0) throw DomainError.badInput(errors);
    if (command.expectedVersion !== current.version) throw DomainError.conflict();

    const next = { ...settings, name, description };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(next)) {
      const old = (current as unknown as Record<string, unknown>)[key];
      if (canonicalJson(old) !== canonicalJson(value)) {
        before[key] = old;
        after[key] = value;
      }
    }
    if (Object.keys(after).length === 0) return current;

    return this.transactions.run(async (tx) => {
      const updated = await this.networks.updateIfVersion(tx, current.id, command.expectedVersion, next);
      if (!updated) throw DomainError.conflict();
      await this.audit.record(tx, actor, {
        networkId: updated.id,
        entityType: 'network',
        entityId: updated.id,
        action: 'update',
        before: { ...before, version: current.version },
        after: { ...after, version: updated.version },
      });
      return updated;
    });
  }

  /**
   * Partnerships open PARTNERS records of each side to the other's members, so neither side may
   * impose one: adding needs the right to manage *both* networks (an administrator, or someone in
   * both secretariats). Either side may end one alone. Both directions are written in one
   * transaction, with an audit entry in each network's log.
   */
  async addPartner(actor: Actor, networkId: string, partnerId: string): Promise<Network> {
    const [network, partner] = await this.partnerPair(actor, networkId, partnerId);
    if (!can(actor, 'MANAGE_NETWORK', { networkId }) || !can(actor, 'MANAGE_NETWORK', { networkId: partnerId })) {
      throw DomainError.forbidden();
    }
    await this.transactions.run(async (tx) => {
      if (await this.networks.addPartnership(tx, network.id, partner.id)) {
        await this.recordPartnership(tx, actor, network.id, partner.id, 'addPartner');
      }
    });
    return network;
  }

  async removePartner(actor: Actor, networkId: string, partnerId: string): Promise<Network> {
    const [network, partner] = await this.partnerPair(actor, networkId, partnerId);
    if (!can(actor, 'MANAGE_NETWORK', { networkId }) && !can(actor, 'MANAGE_NETWORK', { networkId: partnerId })) {
      throw DomainError.forbidden();
    }
    const removed = await this.transactions.run(async (tx) => {
      if (!(await this.networks.removePartnership(tx, network.id, partner.id))) return false;
      await this.recordPartnership(tx, actor, network.id, partner.id, 'removePartner');
      return true;
    });
    // After the commit: open sockets of either side lose, at once, the channels the partnership opened.
    if (removed) {
      for (const id of [network.id, partner.id]) this.live?.publish({ kind: 'revalidate', target: { networkId: id } });
    }
    return network;
  }

  private async partnerPair(actor: Actor, networkId: string, partnerId: string): Promise<[Network, Network]> {
    requireAuthenticated(actor);
    if (networkId === partnerId) throw DomainError.badInput([{ field: 'partnerId', key: 'networks:partnerSelf' }]);
    const found = await this.networks.findVisibleByIds(actor, [networkId, partnerId].filter(isUuid));
    const network = found.find((n) => n.id === networkId);
    const partner = found.find((n) => n.id === partnerId);
    if (!network || !partner) throw DomainError.notFound();
    return [network, partner];
  }

  private async recordPartnership(
    tx: Tx,
    actor: Actor,
    a: string,
    b: string,
    action: 'addPartner' | 'removePartner',
  ): Promise<void> {
    for (const [networkId, partnerId] of [
      [a, b],
      [b, a],
    ]) {
      const link = { networkId, partnerId };
      await this.audit.record(tx, actor, {
        networkId,
        entityType: 'network_partner',
        entityId: `${networkId}:${partnerId}`,
        action,
        before: action === 'addPartner' ? null : link,
        after: action === 'addPartner' ? link : null,
      });
    }
  }

  /**
   * A seed's network (the demo data set), inside the seed's `tx`: inserted when its slug is new,
   * its fields written over the stored ones when any differs, left alone otherwise; audited as
   * `actor` (the system) exactly when something changed.
   */
  async seed(
    tx: Tx,
    actor: Actor,
    fields: SeededNetworkFields,
  ): Promise<{ stored: SeededNetwork; outcome: 'created' | 'updated' | 'unchanged' }> {
    const existing = await this.networks.findSeededBySlug(tx, fields.slug);
    if (!existing) {
      const stored = await this.networks.insertSeeded(tx, fields);
      await this.audit.record(tx, actor, {
        networkId: stored.id,
        entityType: 'network',
        entityId: stored.id,
        action: 'create',
        after: stored,
      });
      return { stored, outcome: 'created' };
    }
    const updated = await this.networks.updateSeededIfChanged(tx, existing.id, fields);
    if (!updated) return { stored: existing, outcome: 'unchanged' };
    await this.audit.record(tx, actor, {
      networkId: updated.id,
      entityType: 'network',
      entityId: updated.id,
      action: 'update',
      before: existing,
      after: updated,
    });
    return { stored: updated, outcome: 'updated' };
  }

  /**
   * A seed's partnership, inside the seed's `tx`: the directions not stored yet are added and
   * audited. Returns how many were new (0 or 2, or 1 if a half-stored partnership is repaired).
   */
  async seedPartnership(tx: Tx, actor: Actor, networkId: string, partnerId: string): Promise<number> {
    const created = await this.networks.insertSeededPartnership(tx, networkId, partnerId);
    for (const direction of created) {
      await this.audit.record(tx, actor, {
        networkId: direction.networkId,
        entityType: 'network_partner',
        entityId: `${direction.networkId}:${direction.partnerId}`,
        action: 'addPartner', // as addPartner writes it, so both read the same in the audit log
        after: direction,
      });
    }
    return created.length;
  }
}
