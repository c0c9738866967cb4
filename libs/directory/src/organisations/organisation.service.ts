import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import {
  Actor,
  alignByKey,
  AuditRepository,
  buildTranslatableText,
  cursorKey,
  DomainError,
  FieldError,
  isCountryCode,
  isUuid,
  mergeTranslatableText,
  optionalText,
  Page,
  pageRequest,
  RequestLoaders,
  requireAuthenticated,
  throwIfAny,
  toPage,
  TransactionRunner,
  TranslationInputLike,
  Tx,
} from '@enlace/core';
import { CountryService } from '../countries/country.service';
import { canEditReference, canReadReference } from '../directory-access';
import { isFuzzyWord, ORGANISATION_TYPES, OrganisationType, searchTokens } from '../directory-rules';
import { newText } from '../networks/network-values';
import { Organisation, OrganisationRepository, OrganisationValues } from './organisation.repository';

export interface ListOrganisationsCommand {
  readonly text?: string | null;
  readonly type?: string | null;
  readonly countryCode?: string | null;
  readonly parentId?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface CreateOrganisationCommand {
  readonly type: string;
  readonly name: readonly TranslationInputLike[];
  readonly acronym?: string | null;
  readonly countryCode?: string | null;
  readonly parentId?: string | null;
}

export interface UpdateOrganisationCommand extends Partial<CreateOrganisationCommand> {
  readonly id: string;
  readonly expectedVersion: number;
}

export function organisationSnapshot(o: OrganisationValues & { version?: number }): Record<string, unknown> {
  return { type: o.type, name: o.name, acronym: o.acronym, countryCode: o.countryCode, parentId: o.parentId };
}

/** Organisations: shared reference records every network member reads; secretariats and administrators edit. */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly countries: CountryService,
  ) {}

  async list(actor: Actor, command: ListOrganisationsCommand): Promise<Page<Organisation>> {
    const request = pageRequest(command);
    const errors: FieldError[] = [];
    if (command.type && !ORGANISATION_TYPES.includes(command.type as OrganisationType)) {
      errors.push({ field: 'type', key: 'validation:invalidValue' });
    }
    if (command.countryCode && !isCountryCode(command.countryCode)) {
      errors.push({ field: 'countryCode', key: 'directory:unknownCountry', params: { value: command.countryCode } });
    }
    throwIfAny(errors);
    const after = cursorKey(request.after, ['string', 'string'] as const);
    const tokens = command.text ? searchTokens(command.text) : [];
    const empty = () => toPage<Organisation>([], request, () => [], 0);
    if (!canReadReference(actor)) return empty();
    if (command.text && command.text.trim() !== '' && tokens.length === 0) return empty();
    if (command.parentId && !isUuid(command.parentId)) return empty();
    const query = {
      tokens,
      fuzzy: false,
      type: (command.type ?? undefined) as OrganisationType | undefined,
      countryCode: command.countryCode ?? undefined,
      parentId: command.parentId ?? undefined,
      first: request.first,
      after,
    };
    let result = await this.organisations.list(query);
    if (result.totalCount === 0 && tokens.some(isFuzzyWord))
      result = await this.organisations.list({ ...query, fuzzy: true });
    return toPage(result.rows, request, (o) => [o.sortName, o.id], result.totalCount);
  }

  async get(actor: Actor, id: string, tx?: Tx): Promise<Organisation> {
    const [found] = canReadReference(actor) && isUuid(id) ? await this.organisations.findByIds([id], tx) : [];
    if (!found) throw DomainError.notFound();
    return found;
  }

  /**
   * By id for a page of records (batched per request); null when the caller may not read it. Their
   * countries come with them, ready for `CountryService.load` in the same request.
   */
  load(actor: Actor, loaders: RequestLoaders, id: string): Promise<Organisation | null> {
    if (!canReadReference(actor)) return Promise.resolve(null);
    return this.loader(loaders).load(id);
  }

  /**
   * Organisations another statement of this request already read (the people search's page): `load`
   * answers them without a statement of its own, for a caller who may read them (nobody else's).
   */
  prime(actor: Actor, loaders: RequestLoaders, organisations: readonly Organisation[]): void {
    if (!canReadReference(actor) || organisations.length === 0) return;
    const loader = this.loader(loaders);
    for (const organisation of organisations) loader.prime(organisation.id, organisation);
  }

  private loader(loaders: RequestLoaders): DataLoader<string, Organisation | null> {
    return loaders.get(
      'directory.organisation',
      () =>
        new DataLoader<string, Organisation | null>(async (ids) => {
          const found = await this.organisations.findByIdsWithCountries(ids.filter(isUuid));
          for (const { country } of found) if (country) this.countries.prime(loaders, country);
          return alignByKey(
            ids,
            found.map((f) => f.organisation),
            (o) => o.id,
          );
        }),
    );
  }

  private validate(
    command: Partial<CreateOrganisationCommand>,
    current: Organisation | null,
  ): { values: OrganisationValues; errors: FieldError[] } {
    const errors: FieldError[] = [];
    const type = (command.type ?? current?.type) as OrganisationType;
    if (!ORGANISATION_TYPES.includes(type)) errors.push({ field: 'type', key: 'validation:invalidValue' });
    let name = current?.name ?? {};
    if (command.name) {
      if (current) {
        const built = buildTranslatableText(command.name, 'name', { maxLength: 300 });
        errors.push(...built.errors);
        name = mergeTranslatableText(current.name, built.value);
      } else {
        // A new record: the first language given is its original, as for networks.
        name = newText(command.name, 'name', 300, true, errors);
      }
    }
    const acronym = command.acronym === undefined ? (current?.acronym ?? null) : optionalText(command.acronym);
    if (acronym && acronym.length > 40)
      errors.push({ field: 'acronym', key: 'validation:tooLong', params: { max: 40 } });
    const countryCode =
      command.countryCode === undefined ? (current?.countryCode ?? null) : optionalText(command.countryCode);
    if (countryCode && !isCountryCode(countryCode)) {
      errors.push({ field: 'countryCode', key: 'directory:unknownCountry', params: { value: countryCode } });
    }
    const parentId = command.parentId === undefined ? (current?.parentId ?? null) : optionalText(command.parentId);
    if (parentId && !isUuid(parentId)) errors.push({ field: 'parentId', key: 'directory:unknownOrganisation' });
    return { values: { type, name, acronym, countryCode, parentId }, errors };
  }

  async create(actor: Actor, command: CreateOrganisationCommand): Promise<Organisation> {
    requireAuthenticated(actor);
    if (!canEditReference(actor)) throw DomainError.forbidden();
    const { values, errors } = this.validate(command, null);
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      if (values.parentId && (await this.organisations.findByIds([values.parentId], tx)).length === 0) {
        throw DomainError.badInput([{ field: 'parentId', key: 'directory:unknownOrganisation' }]);
      }
      const created = await this.organisations.insert(tx, randomUUID(), values);
      await this.audit.record(tx, actor, {
        entityType: 'organisation',
        entityId: created.id,
        action: 'create',
        after: organisationSnapshot(created),
      });
      return created;
    });
  }

  async update(actor: Actor, command: UpdateOrganisationCommand): Promise<Organisation> {
    requireAuthenticated(actor);
    const current = await this.get(actor, command.id);
    if (!canEditReference(actor)) throw DomainError.forbidden();
    const { values, errors } = this.validate(command, current);
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      const [locked] = await this.organisations.findByIds([current.id], tx, true);
      if (locked.version !== command.expectedVersion) throw DomainError.conflict('directory:staleVersion');
      if (values.parentId && (await this.organisations.isAncestorOrSelf(tx, values.parentId, current.id))) {
        throw DomainError.badInput([{ field: 'parentId', key: 'directory:parentCycle' }]);
      }
      if (values.parentId && (await this.organisations.findByIds([values.parentId], tx)).length === 0) {
        throw DomainError.badInput([{ field: 'parentId', key: 'directory:unknownOrganisation' }]);
      }
      const updated = await this.organisations.update(tx, current.id, values, command.expectedVersion);
      if (!updated) throw DomainError.conflict('directory:staleVersion');
      await this.audit.record(tx, actor, {
        entityType: 'organisation',
        entityId: current.id,
        action: 'update',
        before: organisationSnapshot(locked),
        after: organisationSnapshot(updated),
      });
      return updated;
    });
  }
}
