import { randomUUID } from 'node:crypto';
import { DEFAULT_LANGUAGE, FieldError, isLanguage, STATE_BOUND_ROLES, TimeSlicer } from '@enlace/core';
import { FieldDefinition, FieldValue, FieldValues, parseFieldValue } from '../fields/field-rules';
import type { DirectoryPerson, PersonValues } from '../people/person.repository';
import { fold, ImportRow } from './import-csv';
import type { ImportMatches } from './import-matcher';
import type { ImportRowReport } from './import-report';
import type { TermWrites } from './import-terms';
import type { NewOrganisation } from './import.repository';

/** Everything an import writes, planned before anything is written (the terms by `planTerms`). */
export interface ImportWrites extends TermWrites {
  fieldValues: { id: string; before: FieldValues; values: FieldValues }[];
  orgFieldValues: { id: string; before: FieldValues; values: FieldValues }[];
  organisations: NewOrganisation[];
  acronyms: { id: string; acronym: string }[];
  newPeople: (PersonValues & { id: string })[];
  changedPeople: { before: DirectoryPerson; after: PersonValues & { id: string } }[];
  contacts: { personId: string; kind: string; value: string }[];
}

/** An accepted row, with its person and the index of its report in the plan's reports. */
export interface RowIntent {
  readonly row: ImportRow;
  readonly personId: string;
  readonly report: number;
}

/** What the network brings to the plan: its default language and its custom fields. */
export interface PlanContext {
  readonly networkLanguage: string;
  readonly fields: { people: readonly FieldDefinition[]; organisations: readonly FieldDefinition[] };
}

/**
 * Decides each row's outcome against what it matches (`ImportMatcher`) and plans the writes of the
 * accepted ones: people created or changed, their organisations (created once per file, or given an
 * acronym), custom field values, new contacts. The rows of one person (a row per role) must agree;
 * the first plans the person, later ones add roles. The terms are planned after (`planTerms`), from
 * the intents. Pure but for the slicer's yields.
 */
export async function planPeople(
  rows: readonly ImportRow[],
  matches: ImportMatches,
  { networkLanguage, fields }: PlanContext,
  slicer: TimeSlicer,
): Promise<{ reports: ImportRowReport[]; intents: RowIntent[]; writes: ImportWrites }> {
  const { contacts, storedFields, storedOrgFields, knownOrgs } = matches;
  // Organisations the file creates or gives an acronym to are known to its later rows.
  const organisations = new Map(matches.organisations);
  const acronyms = new Map(matches.acronyms);
  const plannedFields = new Map<string, FieldValues>();
  /** Custom field values of organisations as the file plans them, and the line that planned them. */
  const plannedOrgFields = new Map<string, { line: number; values: FieldValues }>();

  const writes: ImportWrites = {
    organisations: [],
    acronyms: [],
    newPeople: [],
    changedPeople: [],
    contacts: [],
    ends: new Map(),
    memberStates: new Set(),
    terms: [],
    fieldValues: [],
    orgFieldValues: [],
  };
  const reports: ImportRowReport[] = [];
  const reject = (row: ImportRow, personId: string | null, errors: FieldError[]) =>
    reports.push({ line: row.line, outcome: 'REJECTED', personId, errors });
  // Rows of one person (a row per role): the first plans the person, later ones name the same values.
  const filePeople = new Map<string, { personId: string; line: number; values: PersonValues }>();
  const intents: RowIntent[] = [];
  const knownContacts = new Map<string, Set<string>>();
  for (const row of rows) {
    if (slicer.due()) await slicer.yield();
    const match = matchOf(row, matches);
    const existing = match.existing;
    const errors = [...row.errors, ...match.errors];
    const fileKeys = [
      ...(row.externalRef ? [`ref:${row.externalRef.toLowerCase()}`] : []),
      ...row.emails.map((e) => `email:${e}`),
    ];
    const earlier = fileKeys.map((k) => filePeople.get(k)).find((p) => p !== undefined) ?? null;
    const base = earlier
      ? (plannedFields.get(earlier.personId) ?? {})
      : existing
        ? (storedFields.get(existing.id) ?? {})
        : {};
    const fieldValues = row.fieldCells ? readFields(row.fieldCells, fields.people, base, !existing && !earlier) : null;
    if (fieldValues && 'errors' in fieldValues) errors.push(...fieldValues.errors);
    if (errors.length > 0) {
      reject(row, existing?.id ?? earlier?.personId ?? null, errors);
      continue;
    }

    const organisationId = organisationFor(row, organisations, writes, networkLanguage);
    // The organisation's custom fields: every row naming it must give the same values.
    let orgFields: { values: FieldValues; before: FieldValues } | null = null;
    if (row.orgFieldCells && organisationId) {
      const earlierOrg = plannedOrgFields.get(organisationId);
      const before = storedOrgFields.get(organisationId) ?? {};
      const read = readFields(row.orgFieldCells, fields.organisations, before, !knownOrgs.has(organisationId));
      const orgErrors =
        'errors' in read
          ? read.errors
          : earlierOrg && !sameFields(earlierOrg.values, read.values)
            ? [
                {
                  field: 'organisation',
                  key: 'directory:import.organisationDiffers',
                  params: { line: earlierOrg.line },
                },
              ]
            : [];
      if (orgErrors.length > 0) {
        reject(row, existing?.id ?? earlier?.personId ?? null, orgErrors);
        continue;
      }
      if ('values' in read && !earlierOrg) orgFields = { values: read.values, before };
    }
    const personId = earlier?.personId ?? existing?.id ?? randomUUID();
    const values = personValues(row, personId, existing, organisationId, networkLanguage);
    const differs = earlier ? differingField(earlier.values, values) : null;
    if (earlier && differs) {
      // Another name: the address or reference is someone else's, repeated; else the details disagree.
      const byRef = row.externalRef && filePeople.get(`ref:${row.externalRef.toLowerCase()}`) === earlier;
      reject(row, differs === 'name' ? null : personId, [
        differs === 'name'
          ? {
              field: byRef ? 'external_ref' : 'email',
              key: 'directory:import.duplicateInFile',
              params: { line: earlier.line },
            }
          : { field: differs, key: 'directory:import.personDiffers', params: { line: earlier.line } },
      ]);
      continue;
    }
    let changed = false;
    if (earlier) {
      // The person is planned by an earlier row; this one adds a role (and maybe addresses).
    } else if (!existing) writes.newPeople.push(values);
    else if (!samePerson(existing, values)) {
      writes.changedPeople.push({ before: existing, after: values });
      changed = true;
    }
    const acronym = acronymFor(row, organisationId, organisations, acronyms, writes);
    if (acronym) changed = true;
    if (orgFields && organisationId) {
      plannedOrgFields.set(organisationId, { line: row.line, values: orgFields.values });
      if (!sameFields(orgFields.before, orgFields.values)) {
        writes.orgFieldValues.push({ id: organisationId, ...orgFields });
        if (knownOrgs.has(organisationId)) changed = true;
      }
    }
    if (fieldValues && 'values' in fieldValues && !sameFields(base, fieldValues.values)) {
      if (earlier) {
        const key = Object.keys({ ...base, ...fieldValues.values }).find((k) => base[k] !== fieldValues.values[k]);
        reject(row, personId, [
          { field: key ?? 'name', key: 'directory:import.personDiffers', params: { line: earlier.line } },
        ]);
        continue;
      }
      plannedFields.set(personId, fieldValues.values);
      writes.fieldValues.push({ id: personId, before: base, values: fieldValues.values });
      if (existing) changed = true;
    }
    if (!knownContacts.has(personId)) knownContacts.set(personId, new Set(contacts.get(personId) ?? []));
    if (addContacts(row, personId, knownContacts.get(personId)!, writes)) changed = true;
    const planned = earlier ?? { personId, line: row.line, values };
    for (const k of fileKeys) if (!filePeople.has(k)) filePeople.set(k, planned);
    reports.push({
      line: row.line,
      outcome: !existing ? 'CREATED' : changed ? 'UPDATED' : 'UNCHANGED',
      personId,
      errors: [],
    });
    intents.push({ row, personId, report: reports.length - 1 });
  }
  return { reports, intents, writes };
}

/** The stored person a row matches (by reference, else by e-mail), and what is wrong with the match. */
function matchOf(
  row: ImportRow,
  { byEmail, byRef, people }: ImportMatches,
): { existing: DirectoryPerson | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const emailOwners = [...new Set(row.emails.flatMap((e) => byEmail.members.get(e) ?? []))];
  const refOwners = row.externalRef ? (byRef.members.get(row.externalRef.toLowerCase()) ?? []) : [];
  const emailOwner = emailOwners[0] ?? null;
  const refOwner = refOwners[0] ?? null;
  if (emailOwners.length > 1 || refOwners.length > 1 || (emailOwner && refOwner && emailOwner !== refOwner)) {
    errors.push({ field: 'email', key: 'directory:import.twoPeople' });
  }
  if (!emailOwner && row.emails.some((e) => byEmail.outside.has(e))) {
    errors.push({ field: 'email', key: 'directory:import.outsideNetwork' });
  }
  if (row.externalRef && !refOwner && byRef.outside.has(row.externalRef.toLowerCase())) {
    errors.push({ field: 'external_ref', key: 'directory:externalRefTaken' });
  }
  const existing = people.get(refOwner ?? emailOwner ?? '') ?? null;
  // Matched by email only, but the row names another external reference: the email is someone else's.
  const emailPerson = emailOwner && !refOwner ? people.get(emailOwner) : undefined;
  if (
    row.externalRef &&
    emailPerson?.externalRef &&
    emailPerson.externalRef.toLowerCase() !== row.externalRef.toLowerCase()
  ) {
    errors.push({ field: 'email', key: 'directory:emailTaken' });
  }
  if (existing?.erasedAt) errors.push({ field: 'email', key: 'directory:erased' });
  return { existing, errors };
}

/** The person a row plans: its cells over the stored person's values, a new person's defaults otherwise. */
function personValues(
  row: ImportRow,
  personId: string,
  existing: DirectoryPerson | null,
  organisationId: string | null,
  networkLanguage: string,
): PersonValues & { id: string } {
  return {
    id: personId,
    name: row.name,
    honorific: row.honorific ?? existing?.honorific ?? null,
    jobTitle: row.jobTitle ?? existing?.jobTitle ?? null,
    organisationId: organisationId ?? existing?.organisationId ?? null,
    // A new person's country defaults to the member state they represent; a known one's stays.
    countryCode: row.countryCode ?? (existing ? existing.countryCode : row.memberState),
    languages: row.languages ?? existing?.languages ?? [],
    // A new person reads in the language the file gives, else the first they speak, else the network's.
    preferredLanguage:
      row.preferredLanguage ??
      existing?.preferredLanguage ??
      row.languages?.[0] ??
      (isLanguage(networkLanguage) ? networkLanguage : DEFAULT_LANGUAGE),
    timeZone: existing?.timeZone ?? null,
    externalRef: row.externalRef ?? existing?.externalRef ?? null,
  };
}

/** Plans the row's addresses and numbers that the person has not (`known`, kept up to date); true if any. */
function addContacts(row: ImportRow, personId: string, known: Set<string>, writes: ImportWrites): boolean {
  let added = false;
  for (const [kind, list] of [
    ['EMAIL', row.emails],
    ['PHONE', row.phones],
  ] as const) {
    for (const value of list) {
      if (known.has(`${kind}:${value.toLowerCase()}`)) continue;
      known.add(`${kind}:${value.toLowerCase()}`);
      writes.contacts.push({ personId, kind, value });
      added = true;
    }
  }
  return added;
}

/** The acronym a row gives to a known organisation that has none (stored with the import). */
function acronymFor(
  row: ImportRow,
  organisationId: string | null,
  known: Map<string, string>,
  acronyms: Map<string, string | null>,
  writes: ImportWrites,
): boolean {
  if (!row.organisation || !row.organisationAcronym || !organisationId) return false;
  // Known and without one (an organisation planned by this file has its acronym already).
  if (acronyms.get(organisationId) !== null) return false;
  acronyms.set(organisationId, row.organisationAcronym);
  writes.acronyms.push({ id: organisationId, acronym: row.organisationAcronym });
  known.set(fold(row.organisationAcronym), organisationId);
  return true;
}

/** The row's organisation: found by name or acronym, or planned for creation once per file. */
function organisationFor(
  row: ImportRow,
  known: Map<string, string>,
  writes: ImportWrites,
  language: string,
): string | null {
  const name = row.organisation ?? row.organisationAcronym;
  if (!name) return null;
  for (const key of [row.organisation, row.organisationAcronym]) {
    const id = key ? known.get(fold(key)) : undefined;
    if (id) return id;
  }
  const id = randomUUID();
  writes.organisations.push({
    id,
    type: row.organisationType ?? (STATE_BOUND_ROLES.includes(row.role) ? 'GOVERNMENT' : 'OTHER'),
    name: { [language]: { text: name, status: 'ORIGINAL' } },
    acronym: row.organisation ? row.organisationAcronym : null,
    countryCode: row.countryCode ?? row.memberState,
  });
  for (const key of [row.organisation, row.organisationAcronym]) if (key) known.set(fold(key), id);
  return id;
}

/**
 * A row's cells of custom fields read over the values the person has (`base`): an empty cell clears
 * a value (not a required one), others are parsed by type (a choice by key or label in any language).
 */
function readFields(
  cells: Readonly<Record<string, string>>,
  definitions: readonly FieldDefinition[],
  base: FieldValues,
  isNew: boolean,
): { values: FieldValues } | { errors: FieldError[] } {
  const values: Record<string, FieldValue> = { ...base };
  const errors: FieldError[] = [];
  for (const [key, cell] of Object.entries(cells)) {
    const field = definitions.find((d) => d.key === key)!;
    const text = cell.trim();
    if (text === '') {
      if (field.required && (isNew || base[key] !== undefined)) errors.push({ field: key, key: 'validation:required' });
      delete values[key];
      continue;
    }
    const parsed = parseFieldValue(field, text, key);
    if ('error' in parsed) errors.push(parsed.error);
    else values[key] = parsed.value;
  }
  return errors.length > 0 ? { errors } : { values };
}

function sameFields(a: FieldValues, b: FieldValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** The first import column in which two rows of one person disagree, or null. */
function differingField(a: PersonValues, b: PersonValues): string | null {
  // Another name or reference: another person (reported as the repeated address or reference).
  if (a.name !== b.name || (a.externalRef ?? '').toLowerCase() !== (b.externalRef ?? '').toLowerCase()) return 'name';
  if (a.honorific !== b.honorific) return 'honorific';
  if (a.jobTitle !== b.jobTitle) return 'job_title';
  if (a.organisationId !== b.organisationId) return 'organisation';
  if (a.countryCode !== b.countryCode) return 'country';
  if ([...a.languages].sort().join() !== [...b.languages].sort().join()) return 'languages';
  if (a.preferredLanguage !== b.preferredLanguage) return 'preferred_language';
  return null;
}

function samePerson(a: DirectoryPerson, b: PersonValues): boolean {
  return (
    a.name === b.name &&
    a.honorific === b.honorific &&
    a.jobTitle === b.jobTitle &&
    a.organisationId === b.organisationId &&
    a.countryCode === b.countryCode &&
    [...a.languages].sort().join() === [...b.languages].sort().join() &&
    a.preferredLanguage === b.preferredLanguage &&
    (a.externalRef ?? '').toLowerCase() === (b.externalRef ?? '').toLowerCase()
  );
}
