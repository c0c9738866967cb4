import { Injectable } from '@nestjs/common';
import { Actor, Language, NetworkRole, Tx } from '@enlace/core';
import type { Membership } from '../memberships/membership.entity';
import { Handover, MembershipService, OpenTermArgs } from '../memberships/membership.service';
import type { SeededNetwork, SeededNetworkFields } from '../networks/network.repository';
import { NetworkService } from '../networks/network.service';
import { PersonService } from '../people/person.service';

/**
 * Why a trusted write may skip the visibility checks, said by the caller and verified here:
 * - `system`: the demo seed or another process entry acting as nobody (no person, no role anywhere);
 * - `self`: the person the write is about acts themself (accepting an invitation, editing their own name).
 */
export type TrustedWrite = { readonly as: 'system'; readonly by: string } | { readonly as: 'self' };

/**
 * The directory's trusted writers, for identity (accounts, invitations, the demo seed) and process
 * entries only: they open terms of people given by id, create account people and seed networks
 * without the checks a request's actor gets (they never ask whether the actor may see the person or
 * manage the network). Every other context uses the actor-checked services; ESLint refuses this
 * class outside libs/identity, libs/jobs and the apps, and each method verifies its `TrustedWrite`
 * against the actor (docs/architecture.md, "Trusted writers").
 */
@Injectable()
export class DirectoryTrustedWriter {
  constructor(
    private readonly memberships: MembershipService,
    private readonly people: PersonService,
    private readonly networks: NetworkService,
  ) {}

  /** Opens a term through the seat's rules (`MembershipService.open`), for a person who consented or for a seed. */
  openTerm(tx: Tx, actor: Actor, trust: TrustedWrite, args: OpenTermArgs): Promise<Handover> {
    verify(actor, trust, args.personId);
    return this.memberships.open(tx, actor, args);
  }

  /** The person's open term (no end date) in this role and network, locked until `tx` ends. */
  openTermOf(tx: Tx, personId: string, networkId: string, role: NetworkRole): Promise<Membership | null> {
    return this.memberships.openTermOf(tx, personId, networkId, role);
  }

  /** The person's current or upcoming term in this role and network (open, or ending after today). */
  currentTermOf(tx: Tx, personId: string, networkId: string, role: NetworkRole): Promise<Membership | null> {
    return this.memberships.currentTermOf(tx, personId, networkId, role);
  }

  /**
   * The person record behind a new account (bootstrap administrator, invitee without an account,
   * demo seed), inside the caller's `tx`: a name and a language, no membership, so nobody but
   * administrators sees it until a term opens. Returns its id.
   */
  createPersonForAccount(tx: Tx, person: { name: string; preferredLanguage: Language }): Promise<string> {
    return this.people.createForAccount(tx, person);
  }

  /** Sets a person's own name and preferred language inside `tx`, audited in each of their networks' logs. */
  updateNameAndLanguage(
    tx: Tx,
    actor: Actor,
    trust: TrustedWrite,
    personId: string,
    patch: { name?: string; preferredLanguage?: Language },
  ): Promise<{ before: { name: string; preferredLanguage: Language } } | null> {
    verify(actor, trust, personId);
    return this.people.updateNameAndLanguage(tx, actor, personId, patch);
  }

  /** A seed's network, upserted by slug inside the seed's `tx` (see `NetworkService.seed`). */
  seedNetwork(
    tx: Tx,
    actor: Actor,
    trust: TrustedWrite,
    fields: SeededNetworkFields,
  ): Promise<{ stored: SeededNetwork; outcome: 'created' | 'updated' | 'unchanged' }> {
    verify(actor, trust, null);
    return this.networks.seed(tx, actor, fields);
  }

  /** A seed's partnership, both directions, inside the seed's `tx` (see `NetworkService.seedPartnership`). */
  seedPartnership(tx: Tx, actor: Actor, trust: TrustedWrite, networkId: string, partnerId: string): Promise<number> {
    verify(actor, trust, null);
    return this.networks.seedPartnership(tx, actor, networkId, partnerId);
  }
}

/**
 * A trusted write as someone it is not for is a programming error, never a user's: a plain Error,
 * answered INTERNAL_SERVER_ERROR (and logged once) by the error translation; the transaction rolls back.
 */
function verify(actor: Actor, trust: TrustedWrite, personId: string | null): void {
  const ok =
    trust.as === 'system'
      ? actor.personId === null && !actor.isAdmin && actor.memberships.length === 0
      : personId !== null && actor.personId === personId;
  if (!ok) throw new Error(`DirectoryTrustedWriter: a "${trust.as}" write by an actor it is not for`);
}
