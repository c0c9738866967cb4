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
  isCountryCode,
  isIsoDate,
  isUuid,
  LiveBus,
  NETWORK_ROLES,
  NetworkRole,
  Page,
  pageRequest,
  RequestLoaders,
  requireAuthenticated,
  toPage,
  TransactionRunner,
  Visibility,
  VISIBILITIES,
} from '@enlace/core';
import { MembershipEntity } from './membership.entity';
import { MembershipRepository, MembershipRow, PersonName } from './membership.repository';
import { NetworkService } from './network.service';
import { checkRoleAndMemberState } from './network-rules';

export interface ListMembershipsCommand {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly role?: string | null;
  readonly memberState?: string | null;
  readonly currentOnly?: boolean | null;
}

export interface AddMembershipCommand {
  readonly networkId: string;
  readonly personId: string;
  readonly role: string;
  readonly memberState?: string | null;
  readonly startsOn?: string | null;
  readonly endsOn?: string | null;
  readonly visibility?: string | null;
}

export interface EndMembershipCommand {
  readonly id: string;
  /** First day the person no longer holds the role; today when left out. */
  readonly endsOn?: string | null;
}

/** What the audit log keeps of a membership. */
export function membershipSnapshot(m: MembershipEntity): Record<string, unknown> {
  return {
    personId: m.personId,
    networkId: m.networkId,
    role: m.role,
    memberState: m.memberState,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    visibility: m.visibility,
  };
}

/** Memberships: person × network × role × member state × term, each with its own visibility. */
@Injectable()
export class MembershipService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly networks: NetworkService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly live: LiveBus,
  ) {}

  /** A network's memberships that `actor` may see (none at all when the network itself is hidden). */
  async list(actor: Actor, networkId: string, command: ListMembershipsCommand): Promise<Page<MembershipRow>> {
    const request = pageRequest(command);
    const errors: FieldError[] = [];
    if (command.role && !NETWORK_ROLES.includes(command.role as NetworkRole)) {
      errors.push({ field: 'role', key: 'validation:invalidValue' });
    }
    if (command.memberState && !isCountryCode(command.memberState)) {
      errors.push({ field: 'memberState', key: 'networks:unknownMemberState', params: { value: command.memberState } });
    }
    if (errors.length > 0) throw DomainError.badInput(errors);
    const after = cursorKey(request.after, ['string', 'uuid'] as const);
    if (!isUuid(networkId)) return toPage([], request, () => [], 0);
    const { rows, totalCount } = await this.memberships.list(actor, {
      networkId,
      role: (command.role ?? undefined) as NetworkRole | undefined,
      memberState: command.memberState ?? undefined,
      currentOnly: command.currentOnly ?? false,
      first: request.first,
      after,
    });
    return toPage(rows, request, (r) => [r.personName, r.membership.id], totalCount);
  }

  /**
   * The person of a membership already shown to `actor`, batched per request. Only ids taken from
   * visible records may be passed: the loader itself does not filter.
   */
  personSummary(loaders: RequestLoaders, personId: string): Promise<PersonName | null> {
    return loaders
      .get(
        'memberships.person',
        () =>
          new DataLoader<string, PersonName | null>(async (ids) =>
            alignByKey(ids, await this.memberships.findPeopleByIds(ids.filter(isUuid)), (p) => p.id),
          ),
      )
      .load(personId);
  }

  async add(actor: Actor, command: AddMembershipCommand): Promise<MembershipEntity> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();

    const role = command.role as NetworkRole;
    const memberState = command.memberState ?? null;
    const errors: FieldError[] = checkRoleAndMemberState(role, memberState);
    const visibility = (command.visibility ?? 'NETWORK') as Visibility;
    if (!VISIBILITIES.includes(visibility)) errors.push({ field: 'visibility', key: 'validation:invalidValue' });
    const startsOn = command.startsOn ?? null;
    const endsOn = command.endsOn ?? null;
    for (const [field, value] of [
      ['startsOn', startsOn],
      ['endsOn', endsOn],
    ] as const) {
      if (value !== null && !isIsoDate(value)) errors.push({ field, key: 'networks:invalidDate' });
    }
    if (!isUuid(command.personId)) errors.push({ field: 'personId', key: 'networks:unknownPerson' });
    if (errors.length > 0) throw DomainError.badInput(errors);

    return this.transactions.run(async (tx) => {
      if (!(await this.memberships.personExists(tx, command.personId))) {
        throw DomainError.badInput([{ field: 'personId', key: 'networks:unknownPerson' }]);
      }
      const effectiveStart = startsOn ?? (await this.memberships.today(tx));
      if (endsOn !== null && endsOn < effectiveStart) {
        throw DomainError.badInput([{ field: 'endsOn', key: 'networks:endBeforeStart' }]);
      }
      const membership = await this.memberships.insert(tx, {
        personId: command.personId,
        networkId: network.id,
        role,
        memberState,
        startsOn: effectiveStart,
        endsOn,
        visibility,
      });
      await this.audit.record(tx, actor, {
        networkId: network.id,
        entityType: 'membership',
        entityId: membership.id,
        action: 'create',
        before: null,
        after: membershipSnapshot(membership),
      });
      return membership;
    });
  }

  /** Ends a term (the history stays): the membership is no longer current from `endsOn` on. */
  async end(actor: Actor, command: EndMembershipCommand): Promise<MembershipEntity> {
    requireAuthenticated(actor);
    const endsOn = command.endsOn ?? null;
    if (endsOn !== null && !isIsoDate(endsOn)) {
      throw DomainError.badInput([{ field: 'endsOn', key: 'networks:invalidDate' }]);
    }
    if (!isUuid(command.id)) throw DomainError.notFound();
    const { ended, endsNow } = await this.transactions.run(async (tx) => {
      const current = await this.memberships.findVisibleById(actor, command.id, tx);
      if (!current) throw DomainError.notFound();
      if (!can(actor, 'MANAGE_NETWORK', { networkId: current.networkId })) throw DomainError.forbidden();
      const today = await this.memberships.today(tx);
      if (current.endsOn !== null && current.endsOn <= today) throw DomainError.conflict('networks:membershipEnded');
      const end = endsOn ?? today;
      if (end < current.startsOn) throw DomainError.badInput([{ field: 'endsOn', key: 'networks:endBeforeStart' }]);
      const ended = await this.memberships.setEndsOn(tx, current.id, end);
      await this.audit.record(tx, actor, {
        networkId: current.networkId,
        entityType: 'membership',
        entityId: current.id,
        action: 'end',
        before: { endsOn: current.endsOn },
        after: { endsOn: ended.endsOn },
      });
      return { ended, endsNow: end <= today };
    });
    // Committed: a term that ends now closes the person's live sockets; they reconnect with what they still hold.
    if (endsNow) this.live.publish({ kind: 'disconnect', target: { personId: ended.personId } });
    return ended;
  }
}
