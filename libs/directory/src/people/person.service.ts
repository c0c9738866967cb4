import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import {
  Actor,
  alignByKey,
  AuditRepository,
  can,
  cursorKey,
  DomainError,
  FieldError,
  groupByKey,
  isCountryCode,
  isEmail,
  isIsoDate,
  isLanguage,
  isUuid,
  Language,
  NETWORK_ROLES,
  NetworkRole,
  optionalText,
  Page,
  pageRequest,
  RequestLoaders,
  requireAuthenticated,
  STATE_BOUND_ROLES,
  throwIfAny,
  toPage,
  TransactionRunner,
  Tx,
  VISIBILITIES,
  Visibility,
} from '@enlace/core';
import { CountryRepository } from '../countries/country.repository';
import { canManagePerson } from '../directory-access';
import {
  CONTACT_KINDS,
  ContactKind,
  isFuzzyWord,
  isPhone,
  ORGANISATION_TYPES,
  OrganisationType,
  prefixTsQuery,
  searchTokens,
} from '../directory-rules';
import { Handover, MembershipService } from '../memberships/membership.service';
import { NetworkService } from '../networks/network.service';
import { OrganisationRepository } from '../organisations/organisation.repository';
import {
  ContactValues,
  DirectoryPerson,
  PeopleQuery,
  PersonContact,
  PersonRepository,
  PersonValues,
} from './person.repository';

export interface SearchPeopleCommand {
  readonly text?: string | null;
  readonly networkId?: string | null;
  readonly memberState?: string | null;
  readonly role?: string | null;
  readonly organisationType?: string | null;
  readonly organisationId?: string | null;
  readonly countryCode?: string | null;
  readonly language?: string | null;
  readonly activeOnly?: boolean | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface ContactCommand {
  readonly kind: string;
  readonly value: string;
  readonly label?: string | null;
  readonly visibility?: string | null;
}

export interface PersonFieldsCommand {
  readonly name?: string | null;
  readonly honorific?: string | null;
  readonly jobTitle?: string | null;
  readonly organisationId?: string | null;
  readonly countryCode?: string | null;
  readonly languages?: readonly string[] | null;
  readonly preferredLanguage?: string | null;
  readonly externalRef?: string | null;
  /** Replaces every contact detail when given. */
  readonly contacts?: readonly ContactCommand[] | null;
}

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

export const NAME_MAX = 200;
export const ERASED_NAME = '—';

export function personSnapshot(p: PersonValues, contacts?: readonly ContactValues[]): Record<string, unknown> {
  return {
    name: p.name,
    honorific: p.honorific,
    jobTitle: p.jobTitle,
    organisationId: p.organisationId,
    countryCode: p.countryCode,
    languages: p.languages,
    preferredLanguage: p.preferredLanguage,
    externalRef: p.externalRef,
    ...(contacts
      ? { contacts: contacts.map((c) => ({ kind: c.kind, value: c.value, visibility: c.visibility })) }
      : {}),
  };
}

/** Validates the fields of a person record (create or update), merging with the current values. */
export function personValues(
  command: PersonFieldsCommand,
  current: DirectoryPerson | null,
  prefix = '',
): { values: PersonValues; contacts: ContactValues[] | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const pick = <T>(given: T | null | undefined, stored: T | null): T | null =>
    given === undefined ? stored : (given ?? null);
  const name = (pick(command.name, current?.name ?? null) ?? '').trim();
  if (name === '') errors.push({ field: `${prefix}name`, key: 'validation:required' });
  if (name.length > NAME_MAX)
    errors.push({ field: `${prefix}name`, key: 'validation:tooLong', params: { max: NAME_MAX } });
  const honorific = optionalText(pick(command.honorific, current?.honorific ?? null));
  if (honorific && honorific.length > 40) {
    errors.push({ field: `${prefix}honorific`, key: 'validation:tooLong', params: { max: 40 } });
  }
  const jobTitle = optionalText(pick(command.jobTitle, current?.jobTitle ?? null));
  if (jobTitle && jobTitle.length > 200) {
    errors.push({ field: `${prefix}jobTitle`, key: 'validation:tooLong', params: { max: 200 } });
  }
  const organisationId = optionalText(pick(command.organisationId, current?.organisationId ?? null));
  if (organisationId && !isUuid(organisationId)) {
    errors.push({ field: `${prefix}organisationId`, key: 'directory:unknownOrganisation' });
  }
  const countryCode = optionalText(pick(command.countryCode, current?.countryCode ?? null));
  if (countryCode && !isCountryCode(countryCode)) {
    errors.push({ field: `${prefix}countryCode`, key: 'directory:unknownCountry', params: { value: countryCode } });
  }
  const languages = [...new Set(command.languages ?? current?.languages ?? [])];
  for (const lang of languages) {
    if (!isLanguage(lang)) {
      errors.push({ field: `${prefix}languages`, key: 'validation:unsupportedLanguage', params: { value: lang } });
    }
  }
  const preferredLanguage = (command.preferredLanguage ??
    current?.preferredLanguage ??
    languages[0] ??
    'en') as Language;
  if (!isLanguage(preferredLanguage)) {
    errors.push({
      field: `${prefix}preferredLanguage`,
      key: 'validation:unsupportedLanguage',
      params: { value: preferredLanguage },
    });
  }
  const externalRef = optionalText(pick(command.externalRef, current?.externalRef ?? null));
  if (externalRef && externalRef.length > 100) {
    errors.push({ field: `${prefix}externalRef`, key: 'validation:tooLong', params: { max: 100 } });
  }
  let contacts: ContactValues[] | null = null;
  if (command.contacts) {
    contacts = [];
    const seen = new Set<string>();
    command.contacts.forEach((c, i) => {
      const field = `${prefix}contacts.${i}`;
      const kind = c.kind as ContactKind;
      const value = (c.value ?? '').trim();
      const visibility = (c.visibility ?? 'NETWORK') as Visibility;
      if (!CONTACT_KINDS.includes(kind)) errors.push({ field: `${field}.kind`, key: 'validation:invalidValue' });
      else if (kind === 'EMAIL' && !isEmail(value))
        errors.push({ field: `${field}.value`, key: 'validation:invalidEmail' });
      else if (kind === 'PHONE' && !isPhone(value))
        errors.push({ field: `${field}.value`, key: 'directory:invalidPhone' });
      if (!VISIBILITIES.includes(visibility))
        errors.push({ field: `${field}.visibility`, key: 'validation:invalidValue' });
      const key = `${kind}:${value.toLowerCase()}`;
      if (kind === 'EMAIL' && seen.has(key)) errors.push({ field: `${field}.value`, key: 'directory:duplicateEmail' });
      seen.add(key);
      contacts!.push({ kind, value, label: optionalText(c.label), visibility });
    });
  }
  return {
    values: {
      name,
      honorific,
      jobTitle,
      organisationId,
      countryCode,
      languages: languages as Language[],
      preferredLanguage,
      externalRef,
    },
    contacts,
    errors,
  };
}

/** People of the directory: records, contact details, search, creation, edits, erasure and personal-data export. */
@Injectable()
export class PersonService {
  constructor(
    private readonly people: PersonRepository,
    private readonly countries: CountryRepository,
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipService,
    private readonly networks: NetworkService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  async get(actor: Actor, id: string): Promise<DirectoryPerson> {
    const [person] = isUuid(id) ? await this.people.findVisibleByIds(actor, [id]) : [];
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

  /** Validates search filters into a repository query (shared by search and export). */
  async peopleQuery(
    command: SearchPeopleCommand,
    first: number,
    after: readonly [string, string] | null,
    fuzzy = false,
  ) {
    const errors: FieldError[] = [];
    if (command.role && !NETWORK_ROLES.includes(command.role as NetworkRole)) {
      errors.push({ field: 'role', key: 'validation:invalidValue' });
    }
    if (command.memberState && !isCountryCode(command.memberState)) {
      errors.push({ field: 'memberState', key: 'directory:unknownCountry', params: { value: command.memberState } });
    }
    if (command.countryCode && !isCountryCode(command.countryCode)) {
      errors.push({ field: 'countryCode', key: 'directory:unknownCountry', params: { value: command.countryCode } });
    }
    if (command.organisationType && !ORGANISATION_TYPES.includes(command.organisationType as OrganisationType)) {
      errors.push({ field: 'organisationType', key: 'validation:invalidValue' });
    }
    if (command.language && !isLanguage(command.language)) {
      errors.push({ field: 'language', key: 'validation:unsupportedLanguage', params: { value: command.language } });
    }
    throwIfAny(errors);
    const tokens = command.text ? searchTokens(command.text) : [];
    const nothing =
      (command.text && command.text.trim() !== '' && tokens.length === 0) ||
      (command.networkId && !isUuid(command.networkId)) ||
      (command.organisationId && !isUuid(command.organisationId));
    if (nothing) return null;
    const tsQuery = prefixTsQuery(tokens);
    const query: PeopleQuery = {
      tokens,
      tsQuery,
      fuzzy,
      countryCodes: tokens.length > 0 ? await this.countries.codesMatching(tsQuery) : [],
      networkId: command.networkId ?? undefined,
      role: (command.role ?? undefined) as NetworkRole | undefined,
      memberState: command.memberState ?? undefined,
      activeOnly: command.activeOnly ?? false,
      organisationType: (command.organisationType ?? undefined) as OrganisationType | undefined,
      organisationId: command.organisationId ?? undefined,
      countryCode: command.countryCode ?? undefined,
      language: (command.language ?? undefined) as Language | undefined,
      first,
      after,
    };
    return query;
  }

  /**
   * People `actor` may see matching the text (accent- and case-insensitive, names of their
   * organisation and country in any language, the member states they represent) and the filters.
   */
  async search(actor: Actor, command: SearchPeopleCommand): Promise<Page<DirectoryPerson>> {
    const request = pageRequest(command);
    const after = cursorKey(request.after, ['string', 'uuid'] as const);
    const query = await this.peopleQuery(command, request.first, after);
    if (!query) return toPage([], request, () => [], 0);
    let result = await this.people.search(actor, query);
    // Nothing starts with these words: try again tolerating typos ("Quispee" finds "Quispe").
    if (result.totalCount === 0 && query.tokens.some(isFuzzyWord)) {
      result = await this.people.search(actor, { ...query, fuzzy: true });
    }
    return toPage(result.rows, request, (p) => [p.name, p.id], result.totalCount);
  }

  /** Every person matching, page after page, without counting (for exports). */
  async *searchAll(actor: Actor, command: SearchPeopleCommand, pageSize = 500): AsyncGenerator<DirectoryPerson[]> {
    let after: readonly [string, string] | null = null;
    let base = await this.peopleQuery(command, pageSize, null);
    if (!base) return;
    if (base.tokens.some(isFuzzyWord) && (await this.people.searchPage(actor, { ...base, first: 0 })).length === 0) {
      base = { ...base, fuzzy: true }; // as `search` does when nothing matches the words as typed
    }
    for (;;) {
      const rows = await this.people.searchPage(actor, { ...base, after });
      const page = rows.slice(0, pageSize);
      if (page.length > 0) yield page;
      if (rows.length <= pageSize) return;
      const last = page[page.length - 1];
      after = [last.name, last.id];
    }
  }

  private async checkReferences(
    tx: Tx,
    values: PersonValues,
    contacts: ContactValues[] | null,
    personId: string | null,
  ) {
    const errors: FieldError[] = [];
    if (values.organisationId && (await this.organisations.findByIds([values.organisationId], tx)).length === 0) {
      errors.push({ field: 'organisationId', key: 'directory:unknownOrganisation' });
    }
    if (values.externalRef) {
      const owner = await this.people.personIdByExternalRef(tx, values.externalRef);
      if (owner && owner !== personId) errors.push({ field: 'externalRef', key: 'directory:externalRefTaken' });
    }
    for (const [i, c] of (contacts ?? []).entries()) {
      if (c.kind !== 'EMAIL') continue;
      const owner = await this.people.personIdByEmail(tx, c.value);
      if (owner && owner !== personId) errors.push({ field: `contacts.${i}.value`, key: 'directory:emailTaken' });
    }
    throwIfAny(errors);
  }

  /** Adds a person to a network's directory with a role (a focal point's predecessor hands over). */
  async create(actor: Actor, command: CreatePersonCommand): Promise<CreatedPerson> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    const { values, contacts, errors } = personValues(command, null);
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
      await this.checkReferences(tx, values, contacts, null);
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
      });
      return { person, handover };
    });
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
   * notifications) inside the caller's `tx`. Returns the values before, or null when there is no
   * such person.
   */
  async updateNameAndLanguage(
    tx: Tx,
    personId: string,
    patch: { name?: string; preferredLanguage?: Language },
  ): Promise<{ before: { name: string; preferredLanguage: Language } } | null> {
    const before = await this.people.nameAndLanguage(tx, personId);
    if (!before) return null;
    if (patch.name !== undefined || patch.preferredLanguage !== undefined) {
      await this.people.setNameAndLanguage(tx, personId, patch);
    }
    return { before };
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
      await this.checkReferences(tx, values, contacts, locked.id);
      const before = await this.people.contactsOf(tx, locked.id);
      const updated = await this.people.update(tx, locked.id, values, command.expectedVersion);
      if (!updated) throw DomainError.conflict('directory:staleVersion');
      const after = contacts ? await this.people.replaceContacts(tx, locked.id, contacts) : before;
      await this.audit.record(tx, actor, {
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
    const erased = await this.people.erase(tx, personId, ERASED_NAME);
    await this.audit.record(tx, actor, {
      entityType: 'person',
      entityId: personId,
      action: 'erase',
      after: { erasedAt: erased.erasedAt },
    });
    return erased;
  }

  /** Everything held about the caller, as one JSON document (GDPR-style access). */
  async personalData(actor: Actor): Promise<Record<string, unknown>> {
    requireAuthenticated(actor);
    return this.transactions.run(async (tx) => ({
      exportedAt: new Date().toISOString(),
      ...(await this.people.personalData(tx, actor.personId)),
    }));
  }
}
