import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  can,
  cursorKey,
  DomainError,
  FieldError,
  isCountryCode,
  isIsoDate,
  isUuid,
  optionalText,
  Page,
  pageRequest,
  RequestLoaders,
  requireAuthenticated,
  throwIfAny,
  toPage,
  TransactionRunner,
  VISIBILITIES,
  Visibility,
} from '@enlace/core';
import { NetworkService } from '../networks/network.service';
import { canReadReference } from '../directory-access';
import {
  RELATIONSHIP_NOTE_MAX,
  RELATIONSHIP_SOURCE_MAX,
  RELATIONSHIP_TYPES,
  RelationshipType,
} from '../directory-rules';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { PersonRepository } from '../people/person.repository';
import { Relationship, RelationshipFilter, RelationshipRepository } from './relationship.repository';

export interface CreateRelationshipCommand {
  readonly networkId: string;
  readonly type: string;
  readonly fromPersonId?: string | null;
  readonly fromOrganisationId?: string | null;
  readonly toPersonId?: string | null;
  readonly toOrganisationId?: string | null;
  readonly startsOn?: string | null;
  readonly endsOn?: string | null;
  readonly visibility?: string | null;
  readonly note?: string | null;
  readonly source?: string | null;
}

export interface UpdateRelationshipCommand {
  readonly id: string;
  /** Left out: kept; null or empty: cleared. */
  readonly note?: string | null;
  readonly source?: string | null;
}

/** `relationships`: a network's relationships, filtered (each filter narrows), newest first. */
export interface ListRelationshipsCommand {
  readonly networkId: string;
  readonly types?: readonly string[] | null;
  readonly personId?: string | null;
  readonly organisationId?: string | null;
  readonly countryCode?: string | null;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

/** The note and source of a relationship: trimmed, empty as null, each within its length. */
function noteAndSource(command: { note?: string | null; source?: string | null }, errors: FieldError[]) {
  const text = (field: 'note' | 'source', max: number) => {
    const value = optionalText(command[field]);
    if (value !== null && value.length > max) errors.push({ field, key: 'validation:tooLong', params: { max } });
    return value;
  };
  return { note: text('note', RELATIONSHIP_NOTE_MAX), source: text('source', RELATIONSHIP_SOURCE_MAX) };
}

/** Typed, dated relationships between people and organisations, kept by a network's secretariat. */
@Injectable()
export class RelationshipService {
  constructor(
    private readonly relationships: RelationshipRepository,
    private readonly people: PersonRepository,
    private readonly organisations: OrganisationRepository,
    private readonly networks: NetworkService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  /** Visible relationships of a person or organisation already shown to `actor`, batched per request. */
  of(actor: Actor, loaders: RequestLoaders, id: string): Promise<Relationship[]> {
    return loaders
      .get(
        'directory.relationships',
        () =>
          new DataLoader<string, Relationship[]>(async (ids) => {
            const rows = await this.relationships.visibleFor(actor, canReadReference(actor), ids.filter(isUuid));
            return ids.map((key) =>
              rows.filter((r) =>
                [r.fromPersonId, r.fromOrganisationId, r.toPersonId, r.toOrganisationId].includes(key),
              ),
            );
          }),
      )
      .load(id);
  }

  async create(actor: Actor, command: CreateRelationshipCommand): Promise<Relationship> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    const errors: FieldError[] = [];
    const type = command.type as RelationshipType;
    if (!RELATIONSHIP_TYPES.includes(type)) errors.push({ field: 'type', key: 'validation:invalidValue' });
    const ends = {
      from: [optionalText(command.fromPersonId), optionalText(command.fromOrganisationId)] as const,
      to: [optionalText(command.toPersonId), optionalText(command.toOrganisationId)] as const,
    };
    for (const side of ['from', 'to'] as const) {
      const [person, organisation] = ends[side];
      if ((person === null) === (organisation === null)) errors.push({ field: side, key: 'directory:oneEndRequired' });
      if (person !== null && !isUuid(person)) errors.push({ field: `${side}PersonId`, key: 'directory:unknownPerson' });
      if (organisation !== null && !isUuid(organisation)) {
        errors.push({ field: `${side}OrganisationId`, key: 'directory:unknownOrganisation' });
      }
    }
    const [fromId, toId] = [ends.from[0] ?? ends.from[1], ends.to[0] ?? ends.to[1]];
    if (fromId !== null && fromId === toId) errors.push({ field: 'to', key: 'directory:selfRelationship' });
    const startsOn = optionalText(command.startsOn);
    const endsOn = optionalText(command.endsOn);
    if (startsOn && !isIsoDate(startsOn)) errors.push({ field: 'startsOn', key: 'directory:invalidDate' });
    if (endsOn && !isIsoDate(endsOn)) errors.push({ field: 'endsOn', key: 'directory:invalidDate' });
    if (startsOn && endsOn && endsOn < startsOn) errors.push({ field: 'endsOn', key: 'directory:endBeforeStart' });
    const visibility = (command.visibility ?? 'NETWORK') as Visibility;
    if (!VISIBILITIES.includes(visibility)) errors.push({ field: 'visibility', key: 'validation:invalidValue' });
    const { note, source } = noteAndSource(command, errors);
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      const personIds = [ends.from[0], ends.to[0]].filter((v): v is string => v !== null);
      const orgIds = [ends.from[1], ends.to[1]].filter((v): v is string => v !== null);
      const people = await this.people.findVisibleByIds(actor, personIds, tx);
      if (people.length !== new Set(personIds).size) {
        throw DomainError.badInput([{ field: 'personId', key: 'directory:unknownPerson' }]);
      }
      if ((await this.organisations.findByIds(orgIds, tx)).length !== new Set(orgIds).size) {
        throw DomainError.badInput([{ field: 'organisationId', key: 'directory:unknownOrganisation' }]);
      }
      const link = {
        networkId: network.id,
        type,
        fromPersonId: ends.from[0],
        fromOrganisationId: ends.from[1],
        toPersonId: ends.to[0],
        toOrganisationId: ends.to[1],
      };
      if (await this.relationships.lockAndFindOverlapping(tx, link, startsOn, endsOn)) {
        throw DomainError.conflict('directory:relationshipExists');
      }
      const created = await this.relationships.insert(tx, { ...link, startsOn, endsOn, visibility, note, source });
      await this.audit.record(tx, actor, {
        networkId: network.id,
        entityType: 'relationship',
        entityId: created.id,
        action: 'create',
        after: created,
      });
      return created;
    });
  }

  /**
   * A network's relationships `actor` may see (its own visibility, its network's, and both ends: a
   * person `actor` may not see hides the relationship, as if it did not exist), filtered by type,
   * person or organisation at either end, either end's country, and the period they run in. A hidden
   * network answers NOT_FOUND like a missing one; a hidden person or organisation id, an empty page.
   */
  async list(actor: Actor, command: ListRelationshipsCommand): Promise<Page<Relationship>> {
    const filter = await this.filter(actor, command);
    const request = pageRequest(command);
    const after = cursorKey(request.after, ['string', 'uuid'] as const);
    if (after && !isIsoDate(after[0]) && after[0] !== '0001-01-01') {
      throw DomainError.badInput([{ field: 'after', key: 'validation:invalidCursor' }]);
    }
    if (filter === null) return toPage([], request, () => [], 0);
    const { rows, totalCount } = await this.relationships.list(actor, canReadReference(actor), {
      ...filter,
      first: request.first,
      after,
    });
    return toPage(rows, request, (r) => [r.orderKey, r.id], totalCount);
  }

  /**
   * The checked filter of `list` and of the graph export, or null when an id names nothing (a page
   * of nothing). The network must be one `actor` may see.
   */
  async filter(actor: Actor, command: ListRelationshipsCommand): Promise<RelationshipFilter | null> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    const errors: FieldError[] = [];
    const types = (command.types ?? []) as RelationshipType[];
    if (types.some((t) => !RELATIONSHIP_TYPES.includes(t)))
      errors.push({ field: 'types', key: 'validation:invalidValue' });
    const countryCode = optionalText(command.countryCode);
    if (countryCode !== null && !isCountryCode(countryCode)) {
      errors.push({ field: 'countryCode', key: 'directory:unknownCountry', params: { value: countryCode } });
    }
    const from = optionalText(command.from);
    const to = optionalText(command.to);
    if (from !== null && !isIsoDate(from)) errors.push({ field: 'from', key: 'directory:invalidDate' });
    if (to !== null && !isIsoDate(to)) errors.push({ field: 'to', key: 'directory:invalidDate' });
    if (from !== null && to !== null && isIsoDate(from) && isIsoDate(to) && to < from) {
      errors.push({ field: 'to', key: 'directory:endBeforeStart' });
    }
    throwIfAny(errors);
    const personId = optionalText(command.personId);
    const organisationId = optionalText(command.organisationId);
    if ((personId !== null && !isUuid(personId)) || (organisationId !== null && !isUuid(organisationId))) return null;
    return {
      networkId: network.id,
      types,
      personId: personId ?? undefined,
      organisationId: organisationId ?? undefined,
      countryCode: countryCode ?? undefined,
      from,
      to,
    };
  }

  /** Every relationship of `filter` that `actor` may see, at most `limit` (the graph export). */
  graph(actor: Actor, filter: RelationshipFilter, limit: number): Promise<Relationship[]> {
    return this.relationships.graph(actor, canReadReference(actor), filter, limit);
  }

  /** Names and countries of the person ends of relationships already shown to `actor`. */
  peopleOf(ids: readonly string[]) {
    return this.relationships.peopleOf(ids);
  }

  /** `updateRelationship`: its note and source (the network's secretariat, administrators); audited. */
  async update(actor: Actor, command: UpdateRelationshipCommand): Promise<Relationship> {
    requireAuthenticated(actor);
    const errors: FieldError[] = [];
    const values = noteAndSource(command, errors);
    throwIfAny(errors);
    if (!isUuid(command.id)) throw DomainError.notFound();
    return this.transactions.run(async (tx) => {
      const current = await this.relationships.findVisible(actor, canReadReference(actor), command.id, tx);
      if (!current) throw DomainError.notFound();
      if (!can(actor, 'MANAGE_NETWORK', { networkId: current.networkId })) throw DomainError.forbidden();
      const note = command.note === undefined ? current.note : values.note;
      const source = command.source === undefined ? current.source : values.source;
      if (note === current.note && source === current.source) return current;
      const updated = await this.relationships.setNoteAndSource(tx, current.id, note, source);
      await this.audit.record(tx, actor, {
        networkId: current.networkId,
        entityType: 'relationship',
        entityId: current.id,
        action: 'update',
        before: { note: current.note, source: current.source },
        after: { note: updated.note, source: updated.source },
      });
      return updated;
    });
  }

  async end(actor: Actor, id: string, endsOn: string | null | undefined): Promise<Relationship> {
    requireAuthenticated(actor);
    if (endsOn && !isIsoDate(endsOn)) throw DomainError.badInput([{ field: 'endsOn', key: 'directory:invalidDate' }]);
    if (!isUuid(id)) throw DomainError.notFound();
    return this.transactions.run(async (tx) => {
      const current = await this.relationships.findVisible(actor, canReadReference(actor), id, tx);
      if (!current) throw DomainError.notFound();
      if (!can(actor, 'MANAGE_NETWORK', { networkId: current.networkId })) throw DomainError.forbidden();
      const day = endsOn ?? new Date().toISOString().slice(0, 10);
      // An ended relationship is history: ending it again would rewrite when it ended.
      if (current.endsOn !== null) throw DomainError.conflict('directory:relationshipEnded');
      if (current.startsOn && day < current.startsOn) {
        throw DomainError.badInput([{ field: 'endsOn', key: 'directory:endBeforeStart' }]);
      }
      const ended = await this.relationships.setEndsOn(tx, id, day);
      await this.audit.record(tx, actor, {
        networkId: current.networkId,
        entityType: 'relationship',
        entityId: id,
        action: 'end',
        before: { endsOn: current.endsOn },
        after: { endsOn: ended.endsOn },
      });
      return ended;
    });
  }
}
