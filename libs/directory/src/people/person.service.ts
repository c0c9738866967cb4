import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import {
  Actor,
  alignByKey,
  AuditEntry,
  AuditRepository,
  can,
  DomainError,
  FieldError,
  groupByKey,
  isCountryCode,
  isIsoDate,
  isUuid,
  Language,
  NETWORK_ROLES,
  NetworkRole,
  optionalText,
  RequestLoaders,
  requireAuthenticated,
  STATE_BOUND_ROLES,
  throwIfAny,
  TransactionRunner,
  Tx,
  VISIBILITIES,
  Visibility,
} from '@enlace/core';
import { canManagePerson } from '../directory-access';
import { Handover, MembershipService } from '../memberships/membership.service';
import { NetworkService } from '../networks/network.service';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { inPersonNetworks, PersonFieldsCommand, personSnapshot, personValues } from './person-rules';
import { ContactValues, DirectoryPerson, PersonContact, PersonRepository, PersonValues } from './person.repository';

export const ERASED_NAME = '—';

export interface CreatePersonCommand extends PersonFieldsCommand {
  readonly name: string;
  /** The network whose directory receives the person, with their role there. */
  readonly networkId: string;
  readonly role: string;
  readonly memberState?: string | null;
  readonly startsOn?: string | null;
  readonly membershipVisibility?: string | null;
}

export interface UpdatePersonCommand extends PersonFieldsCommand {
  readonly id: string;
  readonly expectedVersion: number;
}

export interface CreatedPerson {
  readonly person: DirectoryPerson;
  readonly handover: Handover;
}

/**
 * People of the directory: records, contact details, creation, edits, erasure and personal-data
 * export (the search is `PersonSearchService`, the field rules `person-rules.ts`).
 */
@Injectable()
export class PersonService {
  constructor(
    private readonly people: PersonRepository,
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipService,
    private readonly networks: NetworkService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  async get(actor: Actor, id: string, tx?: Tx): Promise<DirectoryPerson> {
    const [person] = isUuid(id) ? await this.people.findVisibleByIds(actor, [id], tx) : [];
    if (!person) throw DomainError.notFound();
    return person;
  }

  load(actor: Actor, loaders: RequestLoaders, id: string): Promise<DirectoryPerson | null> {
    return loaders
      .get(
        'directory.person',
        () =>
          new DataLoader<string, DirectoryPerson | null>(async (ids) =>
            alignByKey(ids, await this.people.findVisibleByIds(actor, ids.filter(isUuid)), (p) => p.id),
          ),
      )
      .load(id);
  }

  /** Contact details of a person already shown to `actor`, those `actor` may read, batched per request. */
  contacts(actor: Actor, loaders: RequestLoaders, personId: string): Promise<PersonContact[]> {
    return loaders
      .get(
        'directory.contacts',
        () =>
          new DataLoader<string, PersonContact[]>(async (ids) => {
            const contacts = await this.people.visibleContacts(actor, ids.filter(isUuid));
            return groupByKey(ids, contacts, (c) => c.personId);
          }),
      )
      .load(personId);
  }

  /**
   * The organisation exists; the external reference and each e-mail address belong to nobody else
   * `actor` may see (a holder `actor` may not see is no answer: docs/decisions/0012). Each value is
   * locked until `tx` ends, so concurrent writes cannot both claim it.
   */
  private async checkReferences(
    tx: Tx,
    actor: Actor,
    values: PersonValues,
    contacts: ContactValues[] | null,
    personId: string | null,
  ) {
    const errors: FieldError[] = [];
    if (values.organisationId && (await this.organisations.findByIds([values.organisationId], tx)).length === 0) {
      errors.push({ field: 'organisationId', key: 'directory:unknownOrganisation' });
    }
    const keys = [
      ...(values.externalRef ? [`ref:${values.externalRef}`] : []),
      ...(contacts ?? []).filter((c) => c.kind === 'EMAIL').map((c) => `email:${c.value}`),
    ];
    // One order, whoever asks: two writers claiming the same values never deadlock.
    for (const key of [...new Set(keys.map((k) => k.toLowerCase()))].sort()) await this.people.lockKey(tx, key);
    if (values.externalRef) {
      if (await this.people.visibleHolderOfExternalRef(tx, actor, values.externalRef, personId)) {
        errors.push({ field: 'externalRef', key: 'directory:externalRefTaken' });
      }
    }
    for (const [i, c] of (contacts ?? []).entries()) {
      if (c.kind !== 'EMAIL') continue;
      if (await this.people.visibleHolderOfEmail(tx, actor, c.value, personId)) {
        errors.push({ field: `contacts.${i}.value`, key: 'directory:emailTaken' });
      }
    }
    throwIfAny(errors);
  }

  /** Adds a person to a network's directory with a role (a focal point's predecessor hands over). */
  async create(actor: Actor, command: CreatePersonCommand): Promise<CreatedPerson> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    const { values, contacts, errors } = personValues(command, null, '', network.defaultLanguage);
    const role = command.role as NetworkRole;
    const memberState = optionalText(command.memberState);
    if (!NETWORK_ROLES.includes(role)) errors.push({ field: 'role', key: 'validation:invalidValue' });
    else if (STATE_BOUND_ROLES.includes(role) && !memberState) {
      errors.push({ field: 'memberState', key: 'directory:memberStateRequired' });
    } else if (!STATE_BOUND_ROLES.includes(role) && memberState) {
      errors.push({ field: 'memberState', key: 'directory:memberStateNotAllowed' });
    }
    if (memberState && !isCountryCode(memberState)) {
      errors.push({ field: 'memberState', key: 'directory:unknownCountry', params: { value: memberState } });
    }
    if (command.startsOn && !isIsoDate(command.startsOn))
      errors.push({ field: 'startsOn', key: 'directory:invalidDate' });
    const membershipVisibility = (command.membershipVisibility ?? null) as Visibility | null;
    if (membershipVisibility && !VISIBILITIES.includes(membershipVisibility)) {
      errors.push({ field: 'membershipVisibility', key: 'validation:invalidValue' });
    }
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      await this.people.lockDirectory(tx, network.id);
      await this.checkReferences(tx, actor, values, contacts, null);
      const person = await this.people.insert(tx, randomUUID(), values);
      const stored = await this.people.replaceContacts(tx, person.id, contacts ?? []);
      await this.audit.record(tx, actor, {
        networkId: network.id,
        entityType: 'person',
        entityId: person.id,
        action: 'create',
        after: personSnapshot(person, stored),
      });
      const handover = await this.memberships.open(tx, actor, {
        networkId: network.id,
        personId: person.id,
        role,
        memberState,
        startsOn: command.startsOn ?? null,
        visibility: membershipVisibility,
        heldSeat: 'handover',
        personFrom: 'consent',
      });
      return { person, handover };
    });
  }

  /**
   * An official of a member state named on the spot by whoever answers for that state in the network
   * (its focal point or alternate, or the secretariat), e.g. when nominating them for a training,
   * inside the caller's `tx`. The e-mail address is matched as `createPerson` checks it: a person
   * whose address `actor` may read is that person (`created: false`); a holder `actor` may not see is
   * no answer, and a new record is made as for an unknown address (docs/decisions/0012). A new
   * official gets the state as their country and an OBSERVER term in the network, so its directory
   * lists them (docs/decisions/0023); audited as a creation.
   */
  async createOfficial(
    tx: Tx,
    actor: Actor,
    command: {
      readonly networkId: string;
      readonly memberState: string;
      readonly name: string;
      readonly email: string;
      readonly organisationId?: string | null;
      readonly jobTitle?: string | null;
      readonly preferredLanguage?: string | null;
    },
    prefix = '',
  ): Promise<{ personId: string; created: boolean }> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId }, tx);
    const representative = actor.memberships.some(
      (m) => m.networkId === network.id && STATE_BOUND_ROLES.includes(m.role) && m.memberState === command.memberState,
    );
    if (!representative && !can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    const { values, contacts, errors } = personValues(
      {
        name: command.name,
        jobTitle: command.jobTitle ?? null,
        organisationId: command.organisationId ?? null,
        countryCode: command.memberState,
        preferredLanguage: command.preferredLanguage ?? null,
        contacts: [{ kind: 'EMAIL', value: command.email, visibility: 'NETWORK' }],
      },
      null,
      prefix,
      network.defaultLanguage,
    );
    throwIfAny(errors.map((e) => (e.field === `${prefix}contacts.0.value` ? { ...e, field: `${prefix}email` } : e)));
    await this.people.lockDirectory(tx, network.id);
    const email = contacts![0].value;
    await this.people.lockKey(tx, `email:${email.toLowerCase()}`);
    const holder = await this.people.visibleHolderOfEmail(tx, actor, email, null);
    if (holder) return { personId: holder, created: false };
    if (values.organisationId && (await this.organisations.findByIds([values.organisationId], tx)).length === 0) {
      throw DomainError.badInput([{ field: `${prefix}organisationId`, key: 'directory:unknownOrganisation' }]);
    }
    const person = await this.people.insert(tx, randomUUID(), values);
    const stored = await this.people.replaceContacts(tx, person.id, contacts!);
    await this.audit.record(tx, actor, {
      networkId: network.id,
      entityType: 'person',
      entityId: person.id,
      action: 'create',
      after: personSnapshot(person, stored),
    });
    await this.memberships.open(tx, actor, {
      networkId: network.id,
      personId: person.id,
      role: 'OBSERVER',
      memberState: null,
      startsOn: null,
      visibility: null,
      heldSeat: 'refuse',
      personFrom: 'consent',
    });
    return { personId: person.id, created: true };
  }

  /**
   * The person record behind a new account (bootstrap administrator, accepted invitation, demo
   * seed), inside the caller's `tx`: a name and a language, nothing else yet. Returns its id.
   */
  createForAccount(tx: Tx, person: { name: string; preferredLanguage: Language }): Promise<string> {
    return this.people.insertNamed(tx, person.name, person.preferredLanguage);
  }

  /**
   * Sets a person's own name and preferred language (the language of their e-mails and
   * notifications) inside the caller's `tx`, audited as `actor` in the log of each network the
   * person belongs to (the fields that changed). Returns the values before, or null when there is no
   * such person.
   */
  async updateNameAndLanguage(
    tx: Tx,
    actor: Actor,
    personId: string,
    patch: { name?: string; preferredLanguage?: Language },
  ): Promise<{ before: { name: string; preferredLanguage: Language } } | null> {
    const before = await this.people.nameAndLanguage(tx, personId);
    if (!before) return null;
    const changed = (['name', 'preferredLanguage'] as const).filter(
      (key) => patch[key] !== undefined && patch[key] !== before[key],
    );
    if (changed.length > 0) {
      await this.people.setNameAndLanguage(tx, personId, patch);
      await this.recordChange(tx, actor, {
        entityType: 'person',
        entityId: personId,
        action: 'update',
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, patch[key]])),
      });
    }
    return { before };
  }

  /**
   * Audits a change to a person in the log of every network they belong to or belonged to (each
   * secretariat reads it in its own log), or once without a network for a person of none.
   */
  private async recordChange(tx: Tx, actor: Actor, entry: Omit<AuditEntry, 'networkId'>): Promise<void> {
    const networks = new Map([[entry.entityId, await this.people.networkIdsOf(tx, entry.entityId)]]);
    await this.audit.recordMany(tx, actor, inPersonNetworks([entry], networks));
  }

  /** Edits a person (the person themself, their networks' secretariats, administrators). */
  async update(actor: Actor, command: UpdatePersonCommand): Promise<DirectoryPerson> {
    requireAuthenticated(actor);
    const current = await this.get(actor, command.id);
    return this.transactions.run(async (tx) => {
      const locked = await this.people.findById(tx, current.id, true);
      if (!locked) throw DomainError.notFound();
      const own = locked.id === actor.personId;
      if (!own && !canManagePerson(actor, await this.people.networkIdsOf(tx, locked.id))) throw DomainError.forbidden();
      if (locked.erasedAt) throw DomainError.conflict('directory:erased');
      const { values, contacts, errors } = personValues(command, locked);
      throwIfAny(errors);
      if (locked.version !== command.expectedVersion) throw DomainError.conflict('directory:staleVersion');
      await this.checkReferences(tx, actor, values, contacts, locked.id);
      const before = await this.people.contactsOf(tx, locked.id);
      const updated = await this.people.update(tx, locked.id, values, command.expectedVersion);
      if (!updated) throw DomainError.conflict('directory:staleVersion');
      const after = contacts ? await this.people.replaceContacts(tx, locked.id, contacts) : before;
      await this.recordChange(tx, actor, {
        entityType: 'person',
        entityId: locked.id,
        action: 'update',
        before: personSnapshot(locked, before),
        after: personSnapshot(updated, after),
      });
      return updated;
    });
  }

  /**
   * Erases a person's directory data (administrators), inside identity's erasure transaction (which
   * deletes the account and its sessions in the same `tx`): contact details go, the name is
   * replaced, other personal fields are cleared and personal data leaves the audit entries about
   * them; memberships, relationships and the record of what they did stay. Every permission check of
   * erasure is here.
   */
  async erase(tx: Tx, actor: Actor, personId: string): Promise<DirectoryPerson> {
    requireAuthenticated(actor);
    if (!actor.isAdmin) {
      // Not an administrator: as if the action did not exist for this record.
      const [visible] = isUuid(personId) ? await this.people.findVisibleByIds(actor, [personId], tx) : [];
      if (!visible) throw DomainError.notFound();
      throw DomainError.forbidden();
    }
    if (!isUuid(personId)) throw DomainError.notFound();
    if (personId === actor.personId) throw DomainError.conflict('directory:eraseSelf');
    const person = await this.people.findById(tx, personId, true);
    if (!person) throw DomainError.notFound();
    if (person.erasedAt) throw DomainError.conflict('directory:erased');
    await this.people.redactAudit(tx, personId);
    // An erased person holds nothing any more: their seats fall vacant (history stays).
    await this.memberships.endAllOf(tx, actor, personId, 'erased');
    const erased = await this.people.erase(tx, personId, ERASED_NAME);
    await this.recordChange(tx, actor, {
      entityType: 'person',
      entityId: personId,
      action: 'erase',
      after: { erasedAt: erased.erasedAt },
    });
    return erased;
  }

  /**
   * What the directory holds about the caller (their record, contact details, terms, relationships
   * and what they did), for their personal-data export; the door adds the other contexts' parts.
   */
  async personalData(actor: Actor): Promise<Record<string, unknown>> {
    requireAuthenticated(actor);
    return this.transactions.run((tx) => this.people.personalData(tx, actor.personId));
  }
}
