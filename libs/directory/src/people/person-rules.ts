import {
  AuditEntry,
  canonicalTimeZone,
  FieldError,
  isCountryCode,
  isEmail,
  isLanguage,
  isUuid,
  Language,
  optionalText,
  VISIBILITIES,
  Visibility,
} from '@enlace/core';
import { CONTACT_KINDS, ContactKind, isPhone } from '../directory-rules';
import type { DirectoryPerson } from './person.entity';
import type { ContactValues, PersonValues } from './person.repository';

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
  /** An IANA time zone; null goes back to the country's main zone. */
  readonly timeZone?: string | null;
  readonly externalRef?: string | null;
  /** Replaces every contact detail when given. */
  readonly contacts?: readonly ContactCommand[] | null;
}

export const NAME_MAX = 200;

export function personSnapshot(p: PersonValues, contacts?: readonly ContactValues[]): Record<string, unknown> {
  return {
    name: p.name,
    honorific: p.honorific,
    jobTitle: p.jobTitle,
    organisationId: p.organisationId,
    countryCode: p.countryCode,
    languages: p.languages,
    preferredLanguage: p.preferredLanguage,
    timeZone: p.timeZone,
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
  /** A new person's preferred language when neither it nor their languages are given (their network's). */
  defaultLanguage: Language = 'en',
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
    defaultLanguage) as Language;
  if (!isLanguage(preferredLanguage)) {
    errors.push({
      field: `${prefix}preferredLanguage`,
      key: 'validation:unsupportedLanguage',
      params: { value: preferredLanguage },
    });
  }
  const givenZone = optionalText(pick(command.timeZone, current?.timeZone ?? null));
  const timeZone = givenZone === null ? null : canonicalTimeZone(givenZone);
  if (givenZone !== null && timeZone === null) {
    errors.push({ field: `${prefix}timeZone`, key: 'validation:invalidTimeZone', params: { value: givenZone } });
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
      timeZone,
      externalRef,
    },
    contacts,
    errors,
  };
}

/**
 * A change to a person is audited in every network they belong or belonged to (issue 14), so that
 * each of their secretariats reads it in its own log; `also` (the network whose door made the change,
 * an import's) is always among them. Without any network the entry has none (administrators read it).
 */
export function inPersonNetworks(
  entries: readonly Omit<AuditEntry, 'networkId'>[],
  networksByPerson: ReadonlyMap<string, readonly string[]>,
  also?: string,
): AuditEntry[] {
  return entries.flatMap((entry) => {
    const networks = new Set(networksByPerson.get(entry.entityId) ?? []);
    if (also) networks.add(also);
    return networks.size === 0 ? [entry] : [...networks].map((networkId) => ({ ...entry, networkId }));
  });
}
