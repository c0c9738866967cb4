import { Injectable } from '@nestjs/common';
import {
  Actor,
  can,
  cursorKey,
  DomainError,
  FieldError,
  isCountryCode,
  isLanguage,
  isUuid,
  Language,
  NETWORK_ROLES,
  NetworkRole,
  Page,
  pageRequest,
  RequestLoaders,
  throwIfAny,
  toPage,
} from '@enlace/core';
import { ORGANISATION_TYPES, OrganisationType, prefixTsQuery, searchTokens } from '../directory-rules';
import { OrganisationService } from '../organisations/organisation.service';
import { parseFieldValue } from '../fields/field-rules';
import { FieldRepository } from '../fields/field.repository';
import { NetworkRepository } from '../networks/network.repository';
import type { DirectoryPerson } from './person.entity';
import { PeopleQuery, PersonSearchRepository } from './person-search.repository';

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
  /** A custom field of `networkId`'s directory and the value to find (exact; words within a TEXT). */
  readonly fieldKey?: string | null;
  readonly fieldValue?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

/** The directory's people search: validated filters, full text with a fuzzy second try, pages for screens and exports. */
@Injectable()
export class PersonSearchService {
  constructor(
    private readonly people: PersonSearchRepository,
    private readonly fields: FieldRepository,
    private readonly networks: NetworkRepository,
    private readonly organisations: OrganisationService,
  ) {}

  /**
   * The custom-field filter of a search: the field of the searched network, which `actor` reads the
   * directory of. A field of a network missing, hidden or not `actor`'s to read is unknown alike.
   */
  private async fieldFilter(actor: Actor, command: SearchPeopleCommand): Promise<PeopleQuery['field']> {
    if (!command.fieldKey && !command.fieldValue) return undefined;
    if (!command.fieldKey || !command.fieldValue) {
      const field = command.fieldKey ? 'fieldValue' : 'fieldKey';
      throw DomainError.badInput([{ field, key: 'validation:required' }]);
    }
    if (!command.networkId)
      throw DomainError.badInput([{ field: 'networkId', key: 'directory:fields.filterNeedsNetwork' }]);
    const unknown = DomainError.badInput([
      { field: 'fieldKey', key: 'directory:fields.unknownField', params: { value: command.fieldKey } },
    ]);
    const networkId = command.networkId;
    if (!isUuid(networkId) || !can(actor, 'READ_DIRECTORY', { networkId })) throw unknown;
    if ((await this.networks.findVisibleByIds(actor, [networkId])).length === 0) throw unknown;
    const field = (await this.fields.list(networkId, 'PERSON')).find((f) => f.key === command.fieldKey);
    if (!field) throw unknown;
    if (field.type === 'TEXT') return { networkId, key: field.key, text: true, value: command.fieldValue.trim() };
    const parsed = parseFieldValue(field, command.fieldValue, 'fieldValue');
    if ('error' in parsed) throw DomainError.badInput([parsed.error]);
    return { networkId, key: field.key, text: false, value: parsed.value };
  }

  /** Validates search filters into a repository query (shared by search and export). */
  peopleQuery(
    command: SearchPeopleCommand,
    first: number,
    after: readonly [string, string] | null,
  ): PeopleQuery | null {
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
    const query: PeopleQuery = {
      tokens,
      tsQuery: prefixTsQuery(tokens),
      fuzzy: 'retry',
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
   * When nothing they may see starts with these words, the same statement tries again tolerating
   * typos ("Quispee" finds "Quispe"). With `loaders`, the page's organisations come in the same
   * statement, ready for `OrganisationService.load` in this request.
   */
  async search(actor: Actor, command: SearchPeopleCommand, loaders?: RequestLoaders): Promise<Page<DirectoryPerson>> {
    const request = pageRequest(command);
    const after = cursorKey(request.after, ['string', 'uuid'] as const);
    const field = await this.fieldFilter(actor, command);
    const found = this.peopleQuery(command, request.first, after);
    if (!found) return toPage([], request, () => [], 0);
    const query = { ...found, field };
    const result = await this.people.search(actor, query, true, loaders !== undefined);
    if (loaders) this.organisations.prime(actor, loaders, result.organisations);
    return toPage(result.rows, request, (p) => [p.name, p.id], result.totalCount ?? 0);
  }

  /**
   * Every person matching, page after page (for exports): the first page decides the fuzzy retry as
   * `search` does, the next ones keep that decision and only read past the previous page.
   */
  async *searchAll(actor: Actor, command: SearchPeopleCommand, pageSize = 500): AsyncGenerator<DirectoryPerson[]> {
    const field = await this.fieldFilter(actor, command);
    const found = this.peopleQuery(command, pageSize, null);
    if (!found) return;
    let query: PeopleQuery = { ...found, field };
    let result = await this.people.search(actor, query);
    query = { ...query, fuzzy: result.fuzzy };
    for (;;) {
      const page = result.rows.slice(0, pageSize);
      if (page.length > 0) yield page;
      if (result.rows.length <= pageSize) return;
      const last = page[page.length - 1];
      result = await this.people.search(actor, { ...query, after: [last.name, last.id] }, false);
    }
  }
}
