import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  alignByKey,
  AuditEntry,
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
  STATE_BOUND_ROLES,
  toPage,
  TransactionRunner,
  Tx,
  VISIBILITIES,
  Visibility,
} from '@enlace/core';
import { NetworkService } from '../networks/network.service';
import { checkRoleAndMemberState } from '../networks/network-rules';
import { Membership, membershipSnapshot, termSnapshot } from './membership.entity';
import { MembershipListRow, MembershipRepository, NewMembership, PersonName } from './membership.repository';
import { TermHooks } from './term-hooks';
import { TermNoticeService } from './term-notice.service';

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

/** `setMembershipsVisibility`: every membership of the network that matches the filters (all terms unless `currentOnly`). */
export interface SetMembershipsVisibilityCommand {
  readonly networkId: string;
  readonly visibility: string;
  readonly role?: string | null;
  readonly memberState?: string | null;
  readonly currentOnly?: boolean | null;
}

export interface EndMembershipCommand {
  readonly id: string;
  /** First day the person no longer holds the role; today when left out. */
  readonly endsOn?: string | null;
}

/** A term to open (`open`): the seat's handover rules decide what happens to its current holder. */
export interface OpenTermArgs {
  readonly networkId: string;
  readonly personId: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  /** First day of the term; today when null. */
  readonly startsOn: string | null;
  /** Last day + 1 of the term; null for an open term. */
  readonly endsOn?: string | null;
  /** The term's visibility; the predecessor's (or NETWORK) when null. */
  readonly visibility: Visibility | null;
  /** What the audit entry of the new term keeps, when not `termSnapshot` (each door's own record). */
  readonly auditAfter?: (term: Membership) => Record<string, unknown>;
  /**
   * What a seat held during the new term means: `handover` (designation, a new person's record) ends
   * the holder's term the day the new one starts; `refuse` (addMembership, invitations, seeds)
   * answers CONFLICT `networks:seatTaken` and leaves the holder alone.
   */
  readonly heldSeat: 'handover' | 'refuse';
  /**
   * Who the person is to the network (SPEC §3: a person of another network joins by consent, never
   * because an id matched them): `directory` — a door naming an existing person by id
   * (addMembership, designateFocalPoint); they must hold or have held a term in the network unless
   * `actor` is an administrator, and one `actor` may not see answers exactly like one that does not
   * exist. `consent` — the person accepted an invitation, or this very write created them
   * (createPerson, an import's new row, the seeds).
   */
  readonly personFrom: 'directory' | 'consent';
  /**
   * People not to tell of the new term, because the caller tells them in its own words (the sender
   * of an accepted invitation hears `invitationAccepted`). Everyone else concerned is told
   * (`TermNoticeService.opened`): the person, the predecessor, the network's secretariat.
   */
  readonly quietFor?: readonly string[];
}

export interface Handover {
  readonly term: Membership;
  /** The predecessor's term, as ended by this handover. */
  readonly predecessor: Membership | null;
}

/** One term to end and one to open, planned by a bulk import under `lockSeats` (see `applyPlannedTerms`). */
export interface PlannedTerms {
  readonly ends: readonly { term: Membership; endsOn: string; reason: string }[];
  readonly opens: readonly (NewMembership & { id: string })[];
}

/**
 * The handover rule of a seat (designations, imports): a new term of another person takes over from
 * the seat's holder, whose term ends the day the new one starts, unless the holder's term started later.
 */
export function handoverError(holder: Membership, startsOn: string): FieldError | null {
  return holder.startsOn > startsOn
    ? { field: 'startsOn', key: 'directory:startsBeforePredecessor', params: { date: holder.startsOn } }
    : null;
}

/**
 * Memberships: person × network × role × member state × term, each with its own visibility. The one
 * writer of `membership`: every door that opens or ends a term (addMembership, endMembership,
 * designateFocalPoint, person creation, invitations, imports, demo seeds) goes through `open`,
 * `endTerm` or `applyPlannedTerms`, which lock the seat and apply its handover rules, so a member
 * state's seat never holds two current terms.
 */
@Injectable()
export class MembershipService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly networks: NetworkService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly live: LiveBus,
    private readonly notices: TermNoticeService,
    private readonly hooks: TermHooks,
  ) {}

  /** A network's memberships that `actor` may see (none at all when the network itself is hidden). */
  async list(actor: Actor, networkId: string, command: ListMembershipsCommand): Promise<Page<MembershipListRow>> {
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
   * A person's name as `actor` may see it, batched per request: null for a person `actor` may not see
   * (SPEC §3: the person of a visible membership is visible; the author of an audit entry, say a
   * partner's secretariat with a RESTRICTED term, may not be).
   */
  personSummary(actor: Actor, loaders: RequestLoaders, personId: string): Promise<PersonName | null> {
    return loaders
      .get(
        'memberships.person',
        () =>
          new DataLoader<string, PersonName | null>(async (ids) =>
            alignByKey(ids, await this.memberships.findVisiblePeopleByIds(actor, ids.filter(isUuid)), (p) => p.id),
          ),
      )
      .load(personId);
  }

  /** `addMembership`: a role given by the network's secretariat, any dates, through the seat's handover rules. */
  async add(actor: Actor, command: AddMembershipCommand): Promise<Membership> {
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
    if (!isUuid(command.personId)) errors.push({ field: 'personId', key: 'directory:unknownPerson' });
    if (errors.length > 0) throw DomainError.badInput(errors);

    return this.transactions.run(async (tx) => {
      // `open` with `personFrom: 'directory'` is the fence: a person outside the network, or hidden, is refused there.
      const effectiveStart = startsOn ?? (await this.memberships.today(tx));
      if (endsOn !== null && endsOn < effectiveStart) {
        throw DomainError.badInput([{ field: 'endsOn', key: 'networks:endBeforeStart' }]);
      }
      if (endsOn === null && (await this.memberships.openTermOf(tx, command.personId, network.id, role))) {
        throw DomainError.conflict('networks:membershipExists');
      }
      const { term } = await this.open(tx, actor, {
        networkId: network.id,
        personId: command.personId,
        role,
        memberState,
        startsOn: effectiveStart,
        endsOn,
        visibility,
        auditAfter: membershipSnapshot,
        // addMembership never ends someone else's term: a successor is designated (designateFocalPoint).
        heldSeat: 'refuse',
        personFrom: 'directory',
      });
      return term;
    });
  }

  /** `endMembership`: ends a term (the history stays); the membership is no longer current from `endsOn` on. */
  async end(actor: Actor, command: EndMembershipCommand): Promise<Membership> {
    requireAuthenticated(actor);
    const endsOn = command.endsOn ?? null;
    if (endsOn !== null && !isIsoDate(endsOn)) {
      throw DomainError.badInput([{ field: 'endsOn', key: 'networks:invalidDate' }]);
    }
    if (!isUuid(command.id)) throw DomainError.notFound();
    return this.transactions.run(async (tx) => {
      // The seat first, then the row: the order `open` takes them in.
      const visible = await this.memberships.findVisibleById(actor, command.id, tx, false);
      if (!visible) throw DomainError.notFound();
      if (!can(actor, 'MANAGE_NETWORK', { networkId: visible.networkId })) throw DomainError.forbidden();
      await this.lockSeatOf(tx, visible);
      const current = await this.memberships.findVisibleById(actor, command.id, tx);
      if (!current) throw DomainError.notFound();
      const today = await this.memberships.today(tx);
      if (current.endsOn !== null && current.endsOn <= today) throw DomainError.conflict('networks:membershipEnded');
      const end = endsOn ?? today;
      if (end < current.startsOn) throw DomainError.badInput([{ field: 'endsOn', key: 'networks:endBeforeStart' }]);
      const ended = await this.endTerm(tx, actor, current, end);
      await this.notices.ended(tx, actor, ended);
      await this.hooks.changed(tx, actor, { networkId: ended.networkId, personIds: [ended.personId] });
      return ended;
    });
  }

  /**
   * `setMembershipVisibility`: who may see this membership (and, through it, its person: the search
   * reads the person's audience keys, which the database recomputes in the same statement). The
   * network's secretariat or an administrator; one `actor` may not see answers NOT_FOUND. Audited
   * (`setVisibility`, the visibility before and after); setting the visibility it has changes nothing.
   */
  async setVisibility(actor: Actor, id: string, visibility: string): Promise<Membership> {
    requireAuthenticated(actor);
    if (!VISIBILITIES.includes(visibility as Visibility)) {
      throw DomainError.badInput([{ field: 'visibility', key: 'validation:invalidValue' }]);
    }
    if (!isUuid(id)) throw DomainError.notFound();
    return this.transactions.run(async (tx) => {
      const current = await this.memberships.findVisibleById(actor, id, tx);
      if (!current) throw DomainError.notFound();
      if (!can(actor, 'MANAGE_NETWORK', { networkId: current.networkId })) throw DomainError.forbidden();
      const changed = await this.memberships.setVisibility(
        tx,
        current.networkId,
        { id: current.id },
        visibility as Visibility,
      );
      await this.recordVisibility(tx, actor, current.networkId, changed, visibility as Visibility, null);
      return { ...current, visibility: visibility as Visibility };
    });
  }

  /**
   * `setMembershipsVisibility`: the visibility of many memberships of one network at once — by role,
   * by member state, current terms only — in one statement, each change audited. Returns how many
   * changed (those that had it already are left alone). A network `actor` may not see answers
   * NOT_FOUND, one they see but may not manage FORBIDDEN.
   */
  async setVisibilityOf(actor: Actor, command: SetMembershipsVisibilityCommand): Promise<number> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    const visibility = command.visibility as Visibility;
    const role = (command.role ?? null) as NetworkRole | null;
    const memberState = command.memberState ?? null;
    const errors: FieldError[] = [];
    if (!VISIBILITIES.includes(visibility)) errors.push({ field: 'visibility', key: 'validation:invalidValue' });
    if (role !== null && !NETWORK_ROLES.includes(role)) errors.push({ field: 'role', key: 'validation:invalidValue' });
    if (memberState !== null && !isCountryCode(memberState)) {
      errors.push({ field: 'memberState', key: 'networks:unknownMemberState', params: { value: memberState } });
    }
    if (errors.length > 0) throw DomainError.badInput(errors);
    return this.transactions.run(async (tx) => {
      const filter = {
        role: role ?? undefined,
        memberState: memberState ?? undefined,
        currentOnly: !!command.currentOnly,
      };
      const changed = await this.memberships.setVisibility(tx, network.id, filter, visibility);
      await this.recordVisibility(tx, actor, network.id, changed, visibility, { role, memberState });
      return changed.length;
    });
  }

  private async recordVisibility(
    tx: Tx,
    actor: Actor,
    networkId: string,
    changed: readonly { id: string; before: Visibility }[],
    visibility: Visibility,
    bulk: { role: NetworkRole | null; memberState: string | null } | null,
  ): Promise<void> {
    await this.audit.recordMany(
      tx,
      actor,
      changed.map((c) => ({
        networkId,
        entityType: 'membership',
        entityId: c.id,
        action: 'setVisibility',
        before: { visibility: c.before },
        after: bulk ? { visibility, bulk } : { visibility },
      })),
    );
  }

  /**
   * The one way a term is opened, inside the caller's `tx`. For a focal point or alternate the seat
   * is locked until `tx` ends and the term holding it during the new term is either handed over
   * (ended the day the new one starts, linked as its predecessor) or the reason for CONFLICT, as
   * `heldSeat` says. A person holds one open term per role and network.
   */
  async open(tx: Tx, actor: Actor, args: OpenTermArgs): Promise<Handover> {
    if (!NETWORK_ROLES.includes(args.role))
      throw DomainError.badInput([{ field: 'role', key: 'validation:invalidValue' }]);
    if (args.personFrom === 'directory') await this.checkEnrolment(tx, actor, args.personId, args.networkId);
    else if (!(await this.memberships.personExists(tx, args.personId))) {
      throw DomainError.badInput([{ field: 'personId', key: 'directory:unknownPerson' }]);
    }
    const startsOn = args.startsOn ?? (await this.memberships.today(tx));
    const endsOn = args.endsOn ?? null;
    const own =
      endsOn === null ? await this.memberships.openTermOf(tx, args.personId, args.networkId, args.role) : null;
    let predecessor: Membership | null = null;
    let otherTerm: Membership | null = null;
    if (STATE_BOUND_ROLES.includes(args.role) && args.memberState) {
      const seat = { networkId: args.networkId, memberState: args.memberState, role: args.role };
      await this.memberships.lockSeats(tx, args.networkId, [seat]);
      const holder = await this.memberships.seatHolder(tx, seat, startsOn, endsOn);
      if (holder && args.heldSeat === 'refuse') {
        throw DomainError.conflict('networks:seatTaken', { memberState: args.memberState });
      }
      if (holder && holder.personId === args.personId) throw DomainError.conflict('directory:alreadyHolder');
      const refused = holder ? handoverError(holder, startsOn) : null;
      if (refused) throw DomainError.badInput([refused]);
      predecessor = holder;
      // One person, one voice per member state: the focal point is not also its alternate.
      const otherSeat = {
        ...seat,
        role: args.role === 'FOCAL_POINT' ? 'ALTERNATE_FOCAL_POINT' : 'FOCAL_POINT',
      } as const;
      const other = await this.memberships.seatHolder(tx, otherSeat, startsOn, endsOn);
      if (other && other.personId === args.personId) {
        if (args.heldSeat === 'refuse') {
          throw DomainError.conflict(
            other.role === 'FOCAL_POINT' ? 'directory:holdsFocalSeat' : 'directory:holdsAlternateSeat',
            { memberState: args.memberState },
          );
        }
        const early = handoverError(other, startsOn);
        if (early) throw DomainError.badInput([early]);
        otherTerm = other;
      }
    }
    if (own) throw DomainError.conflict('directory:alreadyHoldsRole', { memberState: own.memberState ?? '' });
    const ended = predecessor ? await this.endTerm(tx, actor, predecessor, startsOn, 'handover') : null;
    if (otherTerm) await this.endTerm(tx, actor, otherTerm, startsOn, 'roleChange');
    const term = await this.memberships.insert(tx, {
      personId: args.personId,
      networkId: args.networkId,
      role: args.role,
      memberState: args.memberState,
      startsOn,
      endsOn,
      visibility: args.visibility ?? predecessor?.visibility ?? 'NETWORK',
      succeedsId: predecessor?.id ?? null,
    });
    await this.audit.record(tx, actor, {
      networkId: args.networkId,
      entityType: 'membership',
      entityId: term.id,
      action: 'create',
      before: null,
      after: (args.auditAfter ?? termSnapshot)(term),
    });
    // A promoted alternate hears of the new seat only (its own alternate term ending goes with it).
    await this.notices.opened(tx, actor, term, ended, args.quietFor);
    await this.hooks.changed(tx, actor, {
      networkId: args.networkId,
      personIds: [term.personId, ...(ended ? [ended.personId] : [])],
    });
    return { term, predecessor: ended };
  }

  /**
   * Ends every current or upcoming term of the person, in every network (erasure), inside `tx`:
   * today, or the day an upcoming term would have started; each with its audit entry and `reason`.
   * Then the erasure hooks run (`TermHooks.erased`).
   */
  async endAllOf(tx: Tx, actor: Actor, personId: string, reason: string): Promise<Membership[]> {
    const today = await this.memberships.today(tx);
    const seen = await this.memberships.openTermsOfPerson(tx, personId, today);
    // Seats first, then rows: the order `open` takes them in.
    for (const networkId of [...new Set(seen.map((t) => t.networkId))]) {
      const seats = seen.filter((t) => t.networkId === networkId && t.memberState !== null);
      await this.lockSeats(
        tx,
        networkId,
        seats.map((t) => ({ memberState: t.memberState as string, role: t.role })),
      );
    }
    const ended: Membership[] = [];
    for (const term of await this.memberships.openTermsOfPerson(tx, personId, today, true)) {
      ended.push(await this.endTerm(tx, actor, term, term.startsOn > today ? term.startsOn : today, reason));
    }
    // Whatever the person was invited to on the strength of these terms or by name (meetings still
    // ahead, their channels) goes too, silently: the erasure hooks, not the term hooks' notices.
    await this.hooks.erased(tx, actor, personId);
    return ended;
  }

  /**
   * May `actor` give this person a term in `networkId` by naming their id: they are in the network's
   * directory already (or `actor` administers the platform). A person `actor` may see elsewhere is
   * refused with the way in (an invitation); one `actor` may not see, exactly like one that does not exist.
   */
  private async checkEnrolment(tx: Tx, actor: Actor, personId: string, networkId: string): Promise<void> {
    const standing = await this.memberships.personStanding(tx, actor, personId, networkId);
    if (standing === 'unknown') throw DomainError.badInput([{ field: 'personId', key: 'directory:unknownPerson' }]);
    if (standing === 'visible' && !actor.isAdmin) {
      throw DomainError.badInput([{ field: 'personId', key: 'directory:personOutsideNetwork' }]);
    }
  }

  /**
   * Ends `term` on `endsOn` inside `tx` (the caller holds its seat), with its audit entry; a term that
   * ends by today takes what it gave off the person's open sockets once `tx` commits (`lostAccess`).
   */
  private async endTerm(tx: Tx, actor: Actor, term: Membership, endsOn: string, reason?: string): Promise<Membership> {
    const ended = await this.memberships.setEndsOn(tx, term.id, endsOn);
    if (endsOn <= (await this.memberships.today(tx))) this.lostAccess(tx, [term.personId]);
    await this.audit.record(tx, actor, {
      networkId: term.networkId,
      entityType: 'membership',
      entityId: term.id,
      action: 'end',
      before: { endsOn: term.endsOn },
      after: reason ? { endsOn: ended.endsOn, reason } : { endsOn: ended.endsOn },
    });
    return ended;
  }

  private async lockSeatOf(tx: Tx, term: Membership): Promise<void> {
    if (STATE_BOUND_ROLES.includes(term.role) && term.memberState) {
      await this.memberships.lockSeats(tx, term.networkId, [{ memberState: term.memberState, role: term.role }]);
    }
  }

  /**
   * Locks these seats of one network until `tx` ends (in one order, whoever asks). A bulk import
   * takes them before it reads the seats' holders and plans its handovers with `handoverError`.
   */
  async lockSeats(
    tx: Tx,
    networkId: string,
    seats: readonly { memberState: string; role: NetworkRole }[],
  ): Promise<void> {
    await this.memberships.lockSeats(
      tx,
      networkId,
      seats.filter((s) => STATE_BOUND_ROLES.includes(s.role)),
    );
  }

  /** Terms of the network not ended by `day`, newest first (an import's plan, under `lockSeats`). */
  openTermsOfNetwork(tx: Tx, networkId: string, day: string): Promise<Membership[]> {
    return this.memberships.openTermsOfNetwork(tx, networkId, day);
  }

  /**
   * Writes the terms a bulk import planned (set-based), with their audit entries: ends first, then
   * the new terms. The caller took `lockSeats` for every seat involved before planning.
   */
  async applyPlannedTerms(tx: Tx, actor: Actor, planned: PlannedTerms): Promise<void> {
    await this.memberships.endMany(
      tx,
      planned.ends.map((e) => ({ id: e.term.id, endsOn: e.endsOn })),
    );
    await this.memberships.insertMany(tx, planned.opens);
    const entries: AuditEntry[] = [
      ...planned.ends.map((e) => ({
        networkId: e.term.networkId,
        entityType: 'membership',
        entityId: e.term.id,
        action: 'end',
        before: { endsOn: e.term.endsOn },
        after: { endsOn: e.endsOn, reason: e.reason },
      })),
      ...planned.opens.map((t) => ({
        networkId: t.networkId,
        entityType: 'membership',
        entityId: t.id,
        action: 'create',
        after: termSnapshot(t),
      })),
    ];
    await this.audit.recordMany(tx, actor, entries);
    for (const networkId of new Set([
      ...planned.ends.map((e) => e.term.networkId),
      ...planned.opens.map((t) => t.networkId),
    ])) {
      await this.notices.imported(
        tx,
        actor,
        networkId,
        planned.opens.filter((t) => t.networkId === networkId).map((t) => ({ ...t, endsOn: t.endsOn ?? null })),
        planned.ends.filter((e) => e.term.networkId === networkId).map((e) => ({ ...e.term, endsOn: e.endsOn })),
      );
      await this.hooks.changed(tx, actor, {
        networkId,
        personIds: [
          ...planned.ends.filter((e) => e.term.networkId === networkId).map((e) => e.term.personId),
          ...planned.opens.filter((t) => t.networkId === networkId).map((t) => t.personId),
        ],
      });
    }
    if (planned.ends.length > 0) {
      const today = await this.memberships.today(tx);
      this.lostAccess(
        tx,
        planned.ends.filter((e) => e.endsOn <= today).map((e) => e.term.personId),
      );
    }
  }

  /** Today and the milliseconds left of it, by the database's clock (terms change with `current_date`). */
  todayAndRest(): Promise<{ today: string; msLeft: number }> {
    return this.memberships.todayAndRest();
  }

  /**
   * Terms planned to end after `after` and by `upTo` have ended without anyone writing anything: the
   * open sockets this process holds of their people re-check what they may read (each api process
   * calls this for its own sockets when a day begins). Returns how many people were concerned.
   */
  async announcePlannedEnds(after: string, upTo: string): Promise<number> {
    const people = await this.memberships.peopleWithTermsEndedBetween(after, upTo);
    for (const personId of people) this.live.publish({ kind: 'revalidate', target: { personId }, local: true });
    return people.length;
  }

  /**
   * Once `tx` commits, each person's open sockets re-check what they may read: the rooms of channels
   * they lost are left and announced (`channel:removed`); the sockets, and every other room, stay.
   * (Only a revoked session or a deleted account closes sockets.)
   */
  private lostAccess(tx: Tx, personIds: readonly string[]): void {
    for (const personId of new Set(personIds)) this.live.publish({ kind: 'revalidate', target: { personId } }, tx);
  }

  /** The person's open term (no end date) in this role and network, locked until `tx` ends. */
  openTermOf(tx: Tx, personId: string, networkId: string, role: NetworkRole): Promise<Membership | null> {
    return this.memberships.openTermOf(tx, personId, networkId, role);
  }

  /** The person's current or upcoming term in this role and network (open, or ending after today). */
  currentTermOf(tx: Tx, personId: string, networkId: string, role: NetworkRole): Promise<Membership | null> {
    return this.memberships.currentTermOf(tx, personId, networkId, role);
  }

  /** The person's term in this role and network that starts on `startsOn` (seeds are idempotent by it). */
  termStartingOn(
    tx: Tx,
    personId: string,
    networkId: string,
    role: NetworkRole,
    startsOn: string,
  ): Promise<Membership | null> {
    return this.memberships.termStartingOn(tx, personId, networkId, role, startsOn);
  }

  /** Links each term that started when one of `predecessorIds` ended to it (seeded history). */
  async linkSuccessors(tx: Tx, predecessorIds: readonly string[]): Promise<void> {
    for (const id of predecessorIds) await this.memberships.linkSuccessor(tx, id);
  }
}
