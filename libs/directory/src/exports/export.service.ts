import { Injectable } from '@nestjs/common';
import {
  Actor,
  can,
  DomainError,
  I18nService,
  Language,
  RequestLoaders,
  resolveText,
  Translator,
  writeCsv,
} from '@enlace/core';
import { CountryRepository } from '../countries/country.repository';
import { FieldDefinition, formatFieldValue } from '../fields/field-rules';
import { FieldRepository } from '../fields/field.repository';
import { IMPORT_COLUMNS, ImportColumn } from '../imports/import-csv';
import type { Term } from '../memberships/membership.entity';
import { MembershipRepository } from '../memberships/membership.repository';
import { NetworkService } from '../networks/network.service';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { DirectoryPerson, PersonContact, PersonRepository } from '../people/person.repository';
import { PersonSearchService, SearchPeopleCommand } from '../people/person-search.service';

export const EXPORT_FORMATS = ['csv', 'vcf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const MAX_EXPORT_PEOPLE = 100_000;

export interface ExportFile {
  readonly contentType: string;
  readonly filename: string;
  readonly body: string;
}

interface Enriched {
  readonly person: DirectoryPerson;
  readonly contacts: PersonContact[];
  readonly terms: Term[];
  readonly organisation: { name: string; acronym: string | null; type: string } | null;
  readonly country: string | null;
}

/**
 * The terms a person's CSV rows stand for, one row each, so that the file imports into the network
 * again as it is: in a network's export, the person's current and upcoming terms there (or, with
 * none, the latest that ended); without a network, one row without a role (the `memberships` column
 * still lists every term).
 */
export function rowTerms(terms: readonly Term[], networkId: string | null, today: string): (Term | null)[] {
  if (networkId === null) return [null];
  const mine = terms
    .filter((x) => x.networkId === networkId)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.role.localeCompare(b.role));
  const held = mine.filter((x) => x.endsOn === null || x.endsOn > today);
  if (held.length > 0) return held;
  const last = [...mine].sort((a, b) => (b.endsOn ?? '').localeCompare(a.endsOn ?? ''))[0];
  return [last ?? null];
}

/** vCard 4.0 text value escaping (RFC 6350 §3.4). */
export function vcardEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
}

/**
 * CSV and vCard exports of a directory search. They are built from the same service calls as the
 * GraphQL fields — the people `actor` may see, their contact details `actor` may read, the memberships
 * `actor` may see — so an export never holds more than the screen shows. Headers and labels come
 * from the caller's language.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly search: PersonSearchService,
    private readonly people: PersonRepository,
    private readonly seats: MembershipRepository,
    private readonly organisations: OrganisationRepository,
    private readonly countries: CountryRepository,
    private readonly networks: NetworkService,
    private readonly fields: FieldRepository,
    private readonly i18n: I18nService,
  ) {}

  async export(actor: Actor, format: string, command: SearchPeopleCommand): Promise<ExportFile> {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw DomainError.badInput([
        { field: 'format', key: 'directory:export.unknownFormat', params: { value: format } },
      ]);
    }
    const t = this.i18n.translator(actor.lang);
    const loaders = new RequestLoaders();
    // The export of a network's directory: a network the caller may not see is missing, not empty.
    if (command.networkId != null && !(await this.networks.load(actor, loaders, command.networkId))) {
      throw DomainError.notFound();
    }
    const records: Enriched[] = [];
    for await (const page of this.search.searchAll(actor, command)) {
      if (records.length + page.length > MAX_EXPORT_PEOPLE) {
        throw DomainError.badInput([
          { field: 'text', key: 'directory:export.tooMany', params: { max: MAX_EXPORT_PEOPLE } },
        ]);
      }
      records.push(...(await this.enrich(actor, page, actor.lang)));
    }
    const networkNames = new Map<string, string>();
    for (const id of new Set(records.flatMap((r) => r.terms.map((x) => x.networkId)))) {
      const network = await this.networks.load(actor, loaders, id);
      if (network)
        networkNames.set(id, resolveText(network.name, actor.lang, network.defaultLanguage)?.text ?? network.slug);
    }
    const countryNames = new Map(
      (
        await this.countries.findByCodes([
          ...new Set(records.flatMap((r) => r.terms.flatMap((x) => (x.memberState ? [x.memberState] : [])))),
        ])
      ).map((c) => [c.code, c.names[actor.lang]] as const),
    );
    const describe = (term: Term) => this.describeTerm(t, term, networkNames, countryNames);
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'csv') {
      const today = await this.seats.today();
      // A network's custom fields of people, for those who read its directory: a column each, after the others.
      const networkId = command.networkId ?? null;
      const definitions: FieldDefinition[] =
        networkId && can(actor, 'READ_DIRECTORY', { networkId }) ? await this.fields.list(networkId, 'PERSON') : [];
      const stored =
        definitions.length > 0
          ? await this.fields.values(
              'PERSON',
              networkId!,
              records.map((r) => r.person.id),
            )
          : new Map();
      // And of organisations, as `Organisation: <label>` columns (the import reads them back).
      const orgDefinitions: FieldDefinition[] =
        networkId && can(actor, 'READ_DIRECTORY', { networkId })
          ? await this.fields.list(networkId, 'ORGANISATION')
          : [];
      const orgStored =
        orgDefinitions.length > 0
          ? await this.fields.values(
              'ORGANISATION',
              networkId!,
              records.flatMap((r) => (r.person.organisationId ? [r.person.organisationId] : [])),
            )
          : new Map();
      const rows = records.flatMap((r) => {
        const cells = (term: Term | null): Record<ImportColumn, string> => ({
          external_ref: r.person.externalRef ?? '',
          name: r.person.name,
          honorific: r.person.honorific ?? '',
          job_title: r.person.jobTitle ?? '',
          email: r.contacts
            .filter((c) => c.kind === 'EMAIL')
            .map((c) => c.value)
            .join('; '),
          phone: r.contacts
            .filter((c) => c.kind === 'PHONE')
            .map((c) => c.value)
            .join('; '),
          organisation: r.organisation?.name ?? '',
          organisation_type: r.organisation?.type ?? '',
          organisation_acronym: r.organisation?.acronym ?? '',
          country: r.person.countryCode ?? '',
          role: term ? t.t(`directory:role.${term.role}`) : '',
          member_state: term?.memberState ?? '',
          starts_on: term?.startsOn ?? '',
          ends_on: term?.endsOn ?? '',
          languages: r.person.languages.join(' '),
          preferred_language: r.person.preferredLanguage,
          memberships: r.terms.map(describe).join('\n'),
        });
        const values = stored.get(r.person.id) ?? {};
        const orgValues = (r.person.organisationId && orgStored.get(r.person.organisationId)) || {};
        const custom = [
          ...definitions.map((d) =>
            values[d.key] === undefined ? '' : formatFieldValue(d, values[d.key], actor.lang),
          ),
          ...orgDefinitions.map((d) =>
            orgValues[d.key] === undefined ? '' : formatFieldValue(d, orgValues[d.key], actor.lang),
          ),
        ];
        return rowTerms(r.terms, networkId, today).map((term) => {
          const row = cells(term);
          return [...IMPORT_COLUMNS.map((c) => row[c]), ...custom];
        });
      });
      const header = [
        ...IMPORT_COLUMNS.map((c) => t.t(`directory:csv.${c}`)),
        ...definitions.map((d) => resolveText(d.label, actor.lang)?.text ?? d.key),
        ...orgDefinitions.map(
          (d) => `${t.t('directory:csv.organisation')}: ${resolveText(d.label, actor.lang)?.text ?? d.key}`,
        ),
      ];
      return {
        contentType: 'text/csv; charset=utf-8',
        filename: `directory-${stamp}.csv`,
        body: writeCsv([header, ...rows], { bom: true }),
      };
    }
    const cards = records.map((r) => {
      const lines = ['BEGIN:VCARD', 'VERSION:4.0', `UID:urn:uuid:${r.person.id}`, `FN:${vcardEscape(r.person.name)}`];
      if (r.person.honorific) lines.push(`N:;;;${vcardEscape(r.person.honorific)};`);
      if (r.person.jobTitle) lines.push(`TITLE:${vcardEscape(r.person.jobTitle)}`);
      if (r.organisation) lines.push(`ORG:${vcardEscape(r.organisation.name)}`);
      for (const c of r.contacts) {
        const label = c.label ? `;LABEL="${c.label.replace(/["\\]/g, '')}"` : '';
        if (c.kind === 'EMAIL') lines.push(`EMAIL;TYPE=work${label}:${vcardEscape(c.value)}`);
        else lines.push(`TEL;TYPE=voice${label};VALUE=text:${vcardEscape(c.value)}`);
      }
      r.person.languages.forEach((lang, i) => lines.push(`LANG;PREF=${i + 1}:${lang}`));
      if (r.country) lines.push(`ADR;TYPE=work:;;;;;;${vcardEscape(r.country)}`);
      if (r.terms.length > 0) lines.push(`NOTE:${vcardEscape(r.terms.map(describe).join('\n'))}`);
      lines.push('END:VCARD');
      return lines.join('\r\n');
    });
    return {
      contentType: 'text/vcard; charset=utf-8',
      filename: `directory-${stamp}.vcf`,
      body: cards.length > 0 ? `${cards.join('\r\n')}\r\n` : '',
    };
  }

  private describeTerm(
    t: Translator,
    term: Term,
    networks: Map<string, string>,
    countries: Map<string, string>,
  ): string {
    const params = {
      role: t.t(`directory:role.${term.role}`),
      network: networks.get(term.networkId) ?? '',
      state: term.memberState ? ` (${countries.get(term.memberState) ?? term.memberState})` : '',
    };
    return term.endsOn
      ? t.t('directory:vcard.termEnded', { ...params, from: term.startsOn, to: term.endsOn })
      : t.t('directory:vcard.term', { ...params, date: term.startsOn });
  }

  private async enrich(actor: Actor, page: DirectoryPerson[], lang: Language): Promise<Enriched[]> {
    const ids = page.map((p) => p.id);
    const contacts = await this.people.visibleContacts(actor, ids);
    const terms = await this.seats.visibleTermsOfPeople(actor, ids);
    const orgs = new Map(
      (await this.organisations.findByIds(page.flatMap((p) => (p.organisationId ? [p.organisationId] : [])))).map(
        (o) => [o.id, o],
      ),
    );
    const countries = new Map(
      (await this.countries.findByCodes(page.flatMap((p) => (p.countryCode ? [p.countryCode] : [])))).map((c) => [
        c.code,
        c.names[lang],
      ]),
    );
    return page.map((person) => {
      const org = person.organisationId ? orgs.get(person.organisationId) : undefined;
      return {
        person,
        contacts: contacts.filter((c) => c.personId === person.id),
        terms: terms.filter((x) => x.personId === person.id),
        organisation: org
          ? { name: resolveText(org.name, lang)?.text ?? '', acronym: org.acronym, type: org.type }
          : null,
        country: person.countryCode ? (countries.get(person.countryCode) ?? null) : null,
      };
    });
  }
}
