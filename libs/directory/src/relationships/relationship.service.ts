import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  can,
  DomainError,
  FieldError,
  isIsoDate,
  isUuid,
  optionalText,
  RequestLoaders,
  requireAuthenticated,
  throwIfAny,
  TransactionRunner,
  VISIBILITIES,
  Visibility,
} from '@enlace/core';
import { NetworkService } from '../networks/network.service';
import { RELATIONSHIP_TYPES, RelationshipType } from '../directory-rules';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { PersonRepository } from '../people/person.repository';
import { Relationship, RelationshipRepository } from './relationship.repository';

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
            const rows = await this.relationships.visibleFor(actor, ids.filter(isUuid));
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
      const created = await this.relationships.insert(tx, { ...link, startsOn, endsOn, visibility });
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

  async end(actor: Actor, id: string, endsOn: string | null | undefined): Promise<Relationship> {
    requireAuthenticated(actor);
    if (endsOn && !isIsoDate(endsOn)) throw DomainError.badInput([{ field: 'endsOn', key: 'directory:invalidDate' }]);
    if (!isUuid(id)) throw DomainError.notFound();
    return this.transactions.run(async (tx) => {
      const current = await this.relationships.findVisible(actor, id, tx);
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
