import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  can,
  cursorKey,
  DomainError,
  FieldError,
  groupByKey,
  isCountryCode,
  isIsoDate,
  isUuid,
  NetworkRole,
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
import { HANDOVER_ROLES, HandoverRole } from '../directory-rules';
import { NetworkService } from '../networks/network.service';
import type { Term } from './membership.entity';
import { MembershipRepository } from './membership.repository';
import { Handover, MembershipService } from './membership.service';
import { MemberState, MemberStateRepository } from './member-state.repository';

export interface DesignateCommand {
  readonly networkId: string;
  readonly memberState: string;
  readonly personId: string;
  readonly role?: string | null;
  /** First day of the new term; the predecessor's term ends that day. Today when left out. */
  readonly startsOn?: string | null;
  readonly visibility?: string | null;
}

export interface MemberStateCommand {
  readonly networkId: string;
  readonly countryCode: string;
  readonly joinedOn?: string | null;
  readonly leftOn?: string | null;
}

/**
 * Member states of networks and their seats: who is the focal point (or alternate) for a member
 * state now, who was and when, vacancies, and handovers that end the predecessor's term in the same
 * transaction as they open the successor's.
 */
@Injectable()
export class FocalPointService {
  constructor(
    private readonly seats: MemberStateRepository,
    private readonly terms: MembershipRepository,
    private readonly memberships: MembershipService,
    private readonly networks: NetworkService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  async memberStates(
    actor: Actor,
    networkId: string,
    command: { first?: number | null; after?: string | null; currentOnly?: boolean | null },
  ): Promise<Page<MemberState>> {
    const request = pageRequest(command);
    const after = cursorKey(request.after, ['string'] as const)?.[0] ?? null;
    const network = await this.networks.get(actor, { id: networkId });
    const { rows, totalCount } = await this.seats.memberStates(network.id, {
      vacantOnly: false,
      currentOnly: command.currentOnly ?? false,
      first: request.first,
      after,
    });
    return toPage(rows, request, (s) => [s.countryCode], totalCount);
  }

  /** Current member states with no focal point today: the secretariat's to-do list. */
  async vacancies(
    actor: Actor,
    networkId: string,
    command: { first?: number | null; after?: string | null },
  ): Promise<Page<MemberState>> {
    const request = pageRequest(command);
    const after = cursorKey(request.after, ['string'] as const)?.[0] ?? null;
    const network = await this.networks.get(actor, { id: networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    const { rows, totalCount } = await this.seats.memberStates(network.id, {
      vacantOnly: true,
      currentOnly: true,
      first: request.first,
      after,
    });
    return toPage(rows, request, (s) => [s.countryCode], totalCount);
  }

  async addMemberState(actor: Actor, command: MemberStateCommand): Promise<MemberState> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    const errors: FieldError[] = [];
    if (!isCountryCode(command.countryCode)) {
      errors.push({ field: 'countryCode', key: 'directory:unknownCountry', params: { value: command.countryCode } });
    }
    if (command.joinedOn && !isIsoDate(command.joinedOn))
      errors.push({ field: 'joinedOn', key: 'directory:invalidDate' });
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      const existing = await this.seats.findMemberState(tx, network.id, command.countryCode);
      let state: MemberState;
      if (existing && existing.leftOn === null) throw DomainError.conflict('directory:alreadyMemberState');
      if (existing) {
        state = await this.seats.setMemberStateDates(
          tx,
          network.id,
          command.countryCode,
          command.joinedOn ?? (await this.seats.today(tx)),
          null,
        );
      } else {
        state = await this.seats.insertMemberState(tx, network.id, command.countryCode, command.joinedOn ?? null);
      }
      await this.audit.record(tx, actor, {
        networkId: network.id,
        entityType: 'member_state',
        entityId: `${network.id}:${state.countryCode}`,
        action: existing ? 'rejoin' : 'create',
        before: existing,
        after: state,
      });
      return state;
    });
  }

  /** Changes the dates of a membership of a country: `leftOn` records that it left the network. */
  async updateMemberState(actor: Actor, command: MemberStateCommand): Promise<MemberState> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    const errors: FieldError[] = [];
    if (command.joinedOn && !isIsoDate(command.joinedOn))
      errors.push({ field: 'joinedOn', key: 'directory:invalidDate' });
    if (command.leftOn && !isIsoDate(command.leftOn)) errors.push({ field: 'leftOn', key: 'directory:invalidDate' });
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      const existing = isCountryCode(command.countryCode)
        ? await this.seats.findMemberState(tx, network.id, command.countryCode)
        : null;
      if (!existing) throw DomainError.notFound();
      const joinedOn = command.joinedOn ?? existing.joinedOn;
      const leftOn = command.leftOn === undefined ? existing.leftOn : command.leftOn;
      if (leftOn !== null && leftOn < joinedOn) {
        throw DomainError.badInput([{ field: 'leftOn', key: 'directory:endBeforeStart' }]);
      }
      const state = await this.seats.setMemberStateDates(tx, network.id, existing.countryCode, joinedOn, leftOn);
      await this.audit.record(tx, actor, {
        networkId: network.id,
        entityType: 'member_state',
        entityId: `${network.id}:${state.countryCode}`,
        action: 'update',
        before: existing,
        after: state,
      });
      return state;
    });
  }

  /** Designates the focal point (or alternate) of a member state; the predecessor's term ends that day. */
  async designate(actor: Actor, command: DesignateCommand): Promise<Handover> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    const role = (command.role ?? 'FOCAL_POINT') as HandoverRole;
    const errors: FieldError[] = [];
    if (!HANDOVER_ROLES.includes(role)) errors.push({ field: 'role', key: 'directory:notHandoverRole' });
    if (!isCountryCode(command.memberState)) {
      errors.push({ field: 'memberState', key: 'directory:unknownCountry', params: { value: command.memberState } });
    }
    if (command.startsOn && !isIsoDate(command.startsOn))
      errors.push({ field: 'startsOn', key: 'directory:invalidDate' });
    const visibility = (command.visibility ?? null) as Visibility | null;
    if (visibility !== null && !VISIBILITIES.includes(visibility)) {
      errors.push({ field: 'visibility', key: 'validation:invalidValue' });
    }
    if (!isUuid(command.personId)) errors.push({ field: 'personId', key: 'directory:unknownPerson' });
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      // The seat before the member state's row: `open` takes the seat first wherever it is called from.
      await this.memberships.lockSeats(tx, network.id, [{ memberState: command.memberState, role }]);
      const state = await this.seats.findMemberState(tx, network.id, command.memberState);
      if (!state || state.leftOn !== null) {
        throw DomainError.badInput([
          { field: 'memberState', key: 'directory:notMemberState', params: { value: command.memberState } },
        ]);
      }
      const handover = await this.memberships.open(tx, actor, {
        networkId: network.id,
        personId: command.personId,
        role,
        memberState: command.memberState,
        startsOn: command.startsOn ?? null,
        visibility,
        heldSeat: 'handover',
        personFrom: 'directory',
      });
      return handover;
    });
  }

  /** Terms of one seat that `actor` may see, newest first ("who was, and when"). */
  async history(actor: Actor, networkId: string, memberState: string, role?: string | null): Promise<Term[]> {
    if (role && !HANDOVER_ROLES.includes(role as HandoverRole)) {
      throw DomainError.badInput([{ field: 'role', key: 'directory:notHandoverRole' }]);
    }
    const network = await this.networks.get(actor, { id: networkId });
    if (!isCountryCode(memberState)) return [];
    // The schema's promise: FOCAL_POINT when left out (alternates are a seat of their own).
    const roles: NetworkRole[] = [(role as HandoverRole | null | undefined) ?? 'FOCAL_POINT'];
    return this.terms.seatHistory(actor, network.id, [memberState], roles);
  }

  /** Who held the seat on `on` (today when left out), among the terms `actor` may see. */
  async holder(
    actor: Actor,
    networkId: string,
    memberState: string,
    role: string | null | undefined,
    on: string | null | undefined,
  ): Promise<Term | null> {
    if (on && !isIsoDate(on)) throw DomainError.badInput([{ field: 'on', key: 'directory:invalidDate' }]);
    if (role && !HANDOVER_ROLES.includes(role as HandoverRole)) {
      throw DomainError.badInput([{ field: 'role', key: 'directory:notHandoverRole' }]);
    }
    const day = on ?? (await this.seats.today());
    const terms = await this.history(actor, networkId, memberState, role ?? 'FOCAL_POINT');
    return terms.find((t) => t.startsOn <= day && (t.endsOn === null || t.endsOn > day)) ?? null;
  }

  /**
   * The visible terms of a seat, batched for a page of member states (one query per network and
   * role); `loaders` keep them per request.
   */
  seatTerms(
    actor: Actor,
    loaders: RequestLoaders,
    networkId: string,
    code: string,
    role: NetworkRole,
  ): Promise<Term[]> {
    return loaders
      .get(
        `directory.seat.${networkId}.${role}`,
        () =>
          new DataLoader<string, Term[]>(async (codes) => {
            const terms = await this.terms.seatHistory(actor, networkId, codes, [role]);
            return groupByKey(codes, terms, (t) => t.memberState);
          }),
      )
      .load(code);
  }

  /** Visible terms of a person (every network, every term), batched per request. */
  termsOfPerson(actor: Actor, loaders: RequestLoaders, personId: string): Promise<Term[]> {
    return loaders
      .get(
        'directory.personTerms',
        () =>
          new DataLoader<string, Term[]>(async (ids) => {
            const terms = await this.terms.visibleTermsOfPeople(actor, ids.filter(isUuid));
            return groupByKey(ids, terms, (t) => t.personId);
          }),
      )
      .load(personId);
  }

  today(): Promise<string> {
    return this.seats.today();
  }
}
