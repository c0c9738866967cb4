import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  AuditEntry,
  AuditRepository,
  DEFAULT_LANGUAGE,
  FieldError,
  I18nService,
  isLanguage,
  Language,
  LANGUAGES,
  NETWORK_ROLES,
  NetworkRole,
  STATE_BOUND_ROLES,
  TimeSlicer,
  TransactionRunner,
  Tx,
} from '@enlace/core';
import type { Term } from '../memberships/membership.entity';
import { MembershipService } from '../memberships/membership.service';
import { FieldDefinition, FieldValue, FieldValues, parseFieldValue } from '../fields/field-rules';
import { FieldRepository } from '../fields/field.repository';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { type DirectoryPerson, PersonRepository, type PersonValues } from '../people/person.repository';
import { inPersonNetworks, personSnapshot } from '../people/person-rules';
import {
  decodeUtf8,
  FileError,
  fold,
  IMPORT_COLUMNS,
  ImportColumn,
  ImportRow,
  mapHeader,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  readCsv,
  validateRows,
} from './import-csv';
import { ImportReport, ImportRowReport, report } from './import-report';
import { planTerms, TermWrites } from './import-terms';
import { ImportRepository, NewOrganisation } from './import.repository';

/** Marks a header's custom field as an organisation's (`Organisation: <label>`), not a person's. */
const ORG_FIELD = 'organisation:';

interface Plan {
  readonly report: ImportReport;
  readonly writes: Writes | null;
}

interface Writes extends TermWrites {
  fieldValues: { id: string; before: FieldValues; values: FieldValues }[];
  orgFieldValues: { id: string; before: FieldValues; values: FieldValues }[];
  organisations: NewOrganisation[];
  acronyms: { id: string; acronym: string }[];
  newPeople: (PersonValues & { id: string })[];
  changedPeople: { before: DirectoryPerson; after: PersonValues & { id: string } }[];
  contacts: { personId: string; kind: string; value: string }[];
}

/**
 * CSV import of a network's people (with organisation, member state and role). A dry run reports
 * every row — created, updated, unchanged or rejected with a localised reason per field — and writes
 * nothing; applying writes everything in one transaction or nothing at all. Rows match existing
 * people by email or external reference, and a row that matches and changes nothing writes nothing,
 * so importing the same file twice changes nothing the second time.
 *
 * The file has the columns of the CSV export (`IMPORT_COLUMNS`), so an exported file imports again
 * with no change: a person holding several roles has a row for each, and the rows of a person state
 * the roles they hold in the network (a role they hold that none of their rows lists ends, `ends_on`
 * ends one on a date). Dates may be `DD/MM/YYYY` in a file headed in Spanish, Portuguese or French;
 * countries and member states are codes or names in any of the four languages.
 *
 * Parses, plans and applies an import into one network, for a caller whose right to do so was
 * checked (ImportService for people; the demo seed as the system).
 */
@Injectable()
export class DirectoryImporter {
  private readonly columnLabels = new Map<string, ImportColumn>();
  /** The languages each localised header belongs to (a file's headers tell its date order). */
  private readonly labelLanguages = new Map<string, Set<Language>>();
  private readonly roleLabels = new Map<string, NetworkRole>();
  /** The "organisation" header in each language: `<it> <field label or key>` names a custom field of organisations. */
  private readonly organisationLabels = new Set<string>(['organisation']);

  constructor(
    private readonly imports: ImportRepository,
    private readonly organisations: OrganisationRepository,
    private readonly fields: FieldRepository,
    private readonly memberships: MembershipService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly people: PersonRepository,
    i18n: I18nService,
  ) {
    for (const column of IMPORT_COLUMNS) {
      this.columnLabels.set(fold(column), column);
      for (const lang of LANGUAGES) {
        const label = fold(i18n.translator(lang).t(`directory:csv.${column}`));
        this.columnLabels.set(label, column);
        if (!this.labelLanguages.has(label)) this.labelLanguages.set(label, new Set());
        this.labelLanguages.get(label)!.add(lang);
      }
    }
    for (const lang of LANGUAGES)
      this.organisationLabels.add(fold(i18n.translator(lang).t('directory:csv.organisation')));
    for (const role of NETWORK_ROLES) {
      this.roleLabels.set(fold(role), role);
      for (const lang of LANGUAGES) this.roleLabels.set(fold(i18n.translator(lang).t(`directory:role.${role}`)), role);
    }
  }

  async run(
    actor: Actor,
    network: { id: string; defaultLanguage: string },
    content: Buffer | string,
    dryRun: boolean,
  ): Promise<ImportReport> {
    // One slicer for the whole run: parsing, validation and planning share its slices.
    const slicer = new TimeSlicer();
    // The network's custom fields of people: their keys and labels are columns of the file too.
    const definitions = await this.fields.list(network.id, 'PERSON');
    // And those of organisations, as `Organisation: <label>` columns (the export writes them so).
    const orgDefinitions = await this.fields.list(network.id, 'ORGANISATION');
    const parsed = await this.parse(content, slicer, definitions, orgDefinitions);
    if ('errors' in parsed) return report(dryRun, false, parsed.errors, []);
    return this.transactions.run(async (tx) => {
      await this.imports.lock(tx, network.id);
      // Every seat the file names and every seat held in the network (a role change in the file ends
      // one), in one batch before their holders are read for the plan: no handover elsewhere can interleave.
      const held = await this.memberships.openTermsOfNetwork(tx, network.id, await this.imports.today(tx));
      const seats = [...parsed.rows, ...held].flatMap((r) =>
        r.memberState ? [{ memberState: r.memberState, role: r.role }] : [],
      );
      await this.memberships.lockSeats(tx, network.id, seats);
      const plan = await this.plan(tx, actor, network.id, network.defaultLanguage, parsed.rows, slicer, {
        people: definitions,
        organisations: orgDefinitions,
      });
      if (dryRun || !plan.writes) return { ...plan.report, dryRun };
      await this.write(tx, actor, network.id, plan.writes);
      return { ...plan.report, dryRun: false, applied: true };
    });
  }

  /** Reads and validates the file in slices (`TimeSlicer`), so that a big one never stalls other requests. */
  private async parse(
    content: Buffer | string,
    slicer: TimeSlicer,
    definitions: readonly FieldDefinition[],
    orgDefinitions: readonly FieldDefinition[],
  ): Promise<{ rows: ImportRow[] } | { errors: FileError[] }> {
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    if (size > MAX_IMPORT_BYTES) {
      return { errors: [{ line: 1, key: 'directory:import.tooLarge', params: { max: MAX_IMPORT_BYTES } }] };
    }
    const text = decodeUtf8(content);
    if (text === null) return { errors: [{ line: 1, key: 'directory:import.badEncoding' }] };
    const csv = await readCsv(text, slicer);
    if ('error' in csv) return { errors: [csv.error] };
    const [header, ...data] = csv.records;
    if (!header || data.length === 0) return { errors: [{ line: header ? 2 : 1, key: 'directory:import.empty' }] };
    if (data.length > MAX_IMPORT_ROWS) {
      return { errors: [{ line: 1, key: 'directory:import.tooManyRows', params: { max: MAX_IMPORT_ROWS } }] };
    }
    const fieldLabels = new Map<string, string>();
    for (const d of definitions) {
      fieldLabels.set(fold(d.key), d.key);
      for (const lang of LANGUAGES) if (d.label[lang]) fieldLabels.set(fold(d.label[lang].text), d.key);
    }
    for (const d of orgDefinitions) {
      for (const org of this.organisationLabels) {
        fieldLabels.set(fold(`${org} ${d.key}`), `${ORG_FIELD}${d.key}`);
        for (const lang of LANGUAGES) {
          if (d.label[lang]) fieldLabels.set(fold(`${org} ${d.label[lang].text}`), `${ORG_FIELD}${d.key}`);
        }
      }
    }
    const mapped = mapHeader(header.cells, this.columnLabels, this.labelLanguages, fieldLabels);
    if (mapped.errors.length > 0) return { errors: mapped.errors };
    const rows = await validateRows(data, mapped.columns, this.roleLabels, slicer, { dayFirst: mapped.dayFirst });
    if (!mapped.fieldColumns.some((c) => c !== null)) return { rows };
    return {
      rows: await slicer.map(rows, (row, i) => {
        const fieldCells: Record<string, string> = {};
        const orgFieldCells: Record<string, string> = {};
        mapped.fieldColumns.forEach((key, c) => {
          if (key?.startsWith(ORG_FIELD)) orgFieldCells[key.slice(ORG_FIELD.length)] = data[i].cells[c] ?? '';
          else if (key) fieldCells[key] = data[i].cells[c] ?? '';
        });
        return {
          ...row,
          ...(Object.keys(fieldCells).length > 0 ? { fieldCells } : {}),
          ...(Object.keys(orgFieldCells).length > 0 ? { orgFieldCells } : {}),
        };
      }),
    };
  }

  /** Matches rows with what is stored and decides each row's outcome and the writes (none if any row fails). */
  private async plan(
    tx: Tx,
    actor: Actor,
    networkId: string,
    networkLanguage: string,
    rows: ImportRow[],
    slicer: TimeSlicer,
    fieldsOf: { people: readonly FieldDefinition[]; organisations: readonly FieldDefinition[] },
  ): Promise<Plan> {
    const definitions = fieldsOf.people;
    const today = await this.imports.today(tx);
    const emails = rows.flatMap((r) => r.emails);
    const refs = rows.flatMap((r) => (r.externalRef ? [r.externalRef] : []));
    // Rows match the network's own people only; someone else joins by invitation (SPEC §3).
    const byEmail = await this.imports.peopleByEmails(tx, actor, networkId, emails);
    const byRef = await this.imports.peopleByRefs(tx, actor, networkId, refs);
    const matchedIds = [...new Set([...byEmail.members.values(), ...byRef.members.values()].flat())];
    const people = await this.imports.people(tx, matchedIds);
    const contacts = await this.imports.contacts(tx, matchedIds);
    const storedFields = rows.some((r) => r.fieldCells)
      ? await this.fields.values('PERSON', networkId, matchedIds, tx)
      : new Map<string, FieldValues>();
    const plannedFields = new Map<string, FieldValues>();
    const openTerms = await this.memberships.openTermsOfNetwork(tx, networkId, today);
    const seatHolders = new Map<string, Term>();
    const termsOf = new Map<string, Term[]>();
    for (const t of openTerms) {
      const seat = `${t.role}:${t.memberState}`;
      if (!seatHolders.has(seat)) seatHolders.set(seat, t); // newest first
      if (!termsOf.has(t.personId)) termsOf.set(t.personId, []);
      termsOf.get(t.personId)!.push(t);
    }
    const memberStates = await this.imports.memberStates(tx, networkId);
    const orgKeys = [
      ...new Set(
        (
          await slicer.map(rows, (r) =>
            [r.organisation, r.organisationAcronym].filter((v) => v !== null).map((v) => fold(v!)),
          )
        ).flat(),
      ),
    ];
    const found = await this.organisations.findByFoldedNames(tx, orgKeys);
    const organisations = new Map(found.map((o) => [o.key, o.id] as const));
    const acronyms = new Map(found.map((o) => [o.id, o.acronym] as const));
    const storedOrgFields = rows.some((r) => r.orgFieldCells)
      ? await this.fields.values(
          'ORGANISATION',
          networkId,
          found.map((o) => o.id),
          tx,
        )
      : new Map<string, FieldValues>();
    const knownOrgs = new Set(found.map((o) => o.id));
    /** Custom field values of organisations as the file plans them, and the line that planned them. */
    const plannedOrgFields = new Map<string, { line: number; values: FieldValues }>();

    const writes: Writes = {
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
    // Rows of one person (a row per role): the first plans the person, later ones name the same values.
    const filePeople = new Map<string, { personId: string; line: number; values: PersonValues }>();
    const intents: { row: ImportRow; personId: string; report: number }[] = [];
    const knownContacts = new Map<string, Set<string>>();
    for (const row of rows) {
      if (slicer.due()) await slicer.yield();
      const errors = [...row.errors];
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
      const fieldValues = row.fieldCells ? readFields(row.fieldCells, definitions, base, !existing && !earlier) : null;
      if (fieldValues && 'errors' in fieldValues) errors.push(...fieldValues.errors);
      if (errors.length > 0) {
        reports.push({
          line: row.line,
          outcome: 'REJECTED',
          personId: existing?.id ?? earlier?.personId ?? null,
          errors,
        });
        continue;
      }

      const organisationId = this.organisationFor(row, organisations, writes, networkLanguage);
      // The organisation's custom fields: every row naming it must give the same values.
      let orgFields: { values: FieldValues; before: FieldValues } | null = null;
      if (row.orgFieldCells && organisationId) {
        const earlierOrg = plannedOrgFields.get(organisationId);
        const before = storedOrgFields.get(organisationId) ?? {};
        const read = readFields(row.orgFieldCells, fieldsOf.organisations, before, !knownOrgs.has(organisationId));
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
          reports.push({
            line: row.line,
            outcome: 'REJECTED',
            personId: existing?.id ?? earlier?.personId ?? null,
            errors: orgErrors,
          });
          continue;
        }
        if ('values' in read && !earlierOrg) orgFields = { values: read.values, before };
      }
      const personId = earlier?.personId ?? existing?.id ?? randomUUID();
      const values: PersonValues & { id: string } = {
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
      const differs = earlier ? differingField(earlier.values, values) : null;
      if (earlier && differs) {
        // Another name: the address or reference is someone else's, repeated; else the details disagree.
        const byRef = row.externalRef && filePeople.get(`ref:${row.externalRef.toLowerCase()}`) === earlier;
        reports.push({
          line: row.line,
          outcome: 'REJECTED',
          personId: differs === 'name' ? null : personId,
          errors: [
            differs === 'name'
              ? {
                  field: byRef ? 'external_ref' : 'email',
                  key: 'directory:import.duplicateInFile',
                  params: { line: earlier.line },
                }
              : { field: differs, key: 'directory:import.personDiffers', params: { line: earlier.line } },
          ],
        });
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
      const acronym = this.acronymFor(row, organisationId, organisations, acronyms, writes);
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
          reports.push({
            line: row.line,
            outcome: 'REJECTED',
            personId,
            errors: [{ field: key ?? 'name', key: 'directory:import.personDiffers', params: { line: earlier.line } }],
          });
          continue;
        }
        plannedFields.set(personId, fieldValues.values);
        writes.fieldValues.push({ id: personId, before: base, values: fieldValues.values });
        if (existing) changed = true;
      }
      if (!knownContacts.has(personId)) knownContacts.set(personId, new Set(contacts.get(personId) ?? []));
      const known = knownContacts.get(personId)!;
      for (const [kind, list] of [
        ['EMAIL', row.emails],
        ['PHONE', row.phones],
      ] as const) {
        for (const value of list) {
          if (known.has(`${kind}:${value.toLowerCase()}`)) continue;
          known.add(`${kind}:${value.toLowerCase()}`);
          writes.contacts.push({ personId, kind, value });
          changed = true;
        }
      }
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
    const ended = await this.imports.endedTerms(
      tx,
      networkId,
      intents.filter((i) => i.row.endsOn !== null && i.row.endsOn <= today).map((i) => i.personId),
    );
    planTerms({ today, intents, reports, seatHolders, termsOf, ended, memberStates }, writes);
    const failed = reports.some((r) => r.outcome === 'REJECTED');
    return { report: report(true, false, [], reports), writes: failed ? null : writes };
  }

  /** The acronym a row gives to a known organisation that has none (stored with the import). */
  private acronymFor(
    row: ImportRow,
    organisationId: string | null,
    known: Map<string, string>,
    acronyms: Map<string, string | null>,
    writes: Writes,
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
  private organisationFor(row: ImportRow, known: Map<string, string>, writes: Writes, language: string): string | null {
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

  private async write(tx: Tx, actor: Actor, networkId: string, w: Writes): Promise<void> {
    await this.imports.insertOrganisations(tx, w.organisations);
    await this.imports.setAcronyms(tx, w.acronyms);
    await this.fields.setValues(tx, 'ORGANISATION', networkId, w.orgFieldValues);
    await this.imports.insertPeople(tx, w.newPeople);
    await this.imports.updatePeople(
      tx,
      w.changedPeople.map((c) => c.after),
    );
    await this.imports.insertContacts(tx, w.contacts);
    await this.fields.setValues(tx, 'PERSON', networkId, w.fieldValues);
    await this.imports.insertMemberStates(tx, networkId, [...w.memberStates]);

    // An existing person's changes are audited in each of their networks, as their edits are (issue 14).
    const newIds = new Set(w.newPeople.map((p) => p.id));
    const networksByPerson = await this.people.networkIdsOfPeople(tx, [
      ...w.changedPeople.map((c) => c.after.id),
      ...w.contacts.filter((c) => !newIds.has(c.personId)).map((c) => c.personId),
    ]);
    const entries: AuditEntry[] = [
      ...w.organisations.map((o) => ({
        entityType: 'organisation',
        entityId: o.id,
        action: 'import',
        after: { type: o.type, name: o.name, acronym: o.acronym, countryCode: o.countryCode },
      })),
      ...w.orgFieldValues.map((f) => ({
        networkId,
        entityType: 'organisation',
        entityId: f.id,
        action: 'import',
        before: { fields: f.before },
        after: { fields: f.values },
      })),
      ...w.acronyms.map((a) => ({
        entityType: 'organisation',
        entityId: a.id,
        action: 'import',
        before: { acronym: null },
        after: { acronym: a.acronym },
      })),
      ...w.newPeople.map((p) => ({
        networkId,
        entityType: 'person',
        entityId: p.id,
        action: 'import',
        after: personSnapshot(p),
      })),
      ...inPersonNetworks(
        w.changedPeople.map((c) => ({
          entityType: 'person',
          entityId: c.after.id,
          action: 'import',
          before: personSnapshot(c.before),
          after: personSnapshot(c.after),
        })),
        networksByPerson,
        networkId,
      ),
      ...w.fieldValues.map((f) => ({
        networkId,
        entityType: 'person',
        entityId: f.id,
        action: 'import',
        before: { fields: f.before },
        after: { fields: f.values },
      })),
      ...inPersonNetworks(
        w.contacts.map((c) => ({
          entityType: 'person_contact',
          entityId: c.personId,
          action: 'import',
          after: { kind: c.kind, value: c.value },
        })),
        networksByPerson,
        networkId,
      ),
      ...[...w.memberStates].map((code) => ({
        networkId,
        entityType: 'member_state',
        entityId: `${networkId}:${code}`,
        action: 'import',
        after: { countryCode: code },
      })),
    ];
    await this.audit.recordMany(tx, actor, entries);
    // Terms last, through the one writer of memberships (their audit entries follow the others').
    await this.memberships.applyPlannedTerms(tx, actor, {
      ends: [...w.ends.values()].map((e) => ({ ...e, reason: 'import' })),
      opens: w.terms.map((t) => ({ ...t, networkId, visibility: 'NETWORK' })),
    });
  }
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
