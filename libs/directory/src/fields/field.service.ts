import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  can,
  DomainError,
  FieldError,
  isUuid,
  RequestLoaders,
  requireAuthenticated,
  throwIfAny,
  TransactionRunner,
  TranslationInputLike,
  Tx,
} from '@enlace/core';
import { IMPORT_COLUMNS } from '../imports/import-csv';
import { MembershipRepository } from '../memberships/membership.repository';
import { NetworkService } from '../networks/network.service';
import { OrganisationService } from '../organisations/organisation.service';
import { PersonService } from '../people/person.service';
import {
  FIELD_ENTITIES,
  FIELD_KEY_PATTERN,
  FIELD_TYPES,
  FieldChoice,
  FieldDefinition,
  FieldEntity,
  FieldType,
  FieldValue,
  FieldValues,
  MAX_CHOICES,
  MAX_FIELDS_PER_ENTITY,
  parseFieldValue,
} from './field-rules';
import { FieldRepository } from './field.repository';

export interface DefineFieldCommand {
  readonly networkId: string;
  readonly entity: string;
  readonly key: string;
  readonly type: string;
  readonly label: readonly TranslationInputLike[];
  readonly choices?: readonly { key: string; label: readonly TranslationInputLike[] }[] | null;
  readonly required?: boolean | null;
  readonly position?: number | null;
}

export interface SetFieldValuesCommand {
  readonly networkId: string;
  readonly personId?: string | null;
  readonly organisationId?: string | null;
  /** `value` null or empty clears the field. */
  readonly values: readonly { key: string; value?: string | null }[];
}

/** One field of a record with its value (null when it has none). */
export interface FieldWithValue {
  readonly field: FieldDefinition;
  readonly value: FieldValue | null;
}

/**
 * Custom fields of a network's directory, for people and for organisations: text, number, date or a
 * choice, with a translatable label. The network's secretariat defines them (MANAGE_NETWORK) and
 * sets the values of the people of its directory and of organisations; the members of the network
 * read them (READ_DIRECTORY there). A network that `actor` may not see has no fields for them, exactly
 * like one that does not exist; values of one network's fields are never shown in another's.
 */
@Injectable()
export class FieldService {
  constructor(
    private readonly fields: FieldRepository,
    private readonly networks: NetworkService,
    private readonly people: PersonService,
    private readonly organisations: OrganisationService,
    private readonly memberships: MembershipRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  /** The network's definitions (NOT_FOUND when the network is missing or hidden). */
  async list(actor: Actor, networkId: string, entity?: string | null): Promise<FieldDefinition[]> {
    const network = await this.networks.get(actor, { id: networkId });
    if (entity && !(FIELD_ENTITIES as readonly string[]).includes(entity)) {
      throw DomainError.badInput([{ field: 'entity', key: 'validation:invalidValue' }]);
    }
    return this.fields.list(network.id, (entity ?? undefined) as FieldEntity | undefined);
  }

  /** The definitions of a network, for an import or export already allowed to read it. */
  definitions(networkId: string, entity: FieldEntity, tx?: Tx): Promise<FieldDefinition[]> {
    return this.fields.list(networkId, entity, tx);
  }

  /** Defines a field, or changes the label, choices, requirement or position of one (its type stays). */
  async define(actor: Actor, command: DefineFieldCommand): Promise<FieldDefinition> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    const errors: FieldError[] = [];
    if (!(FIELD_ENTITIES as readonly string[]).includes(command.entity)) {
      errors.push({ field: 'entity', key: 'validation:invalidValue' });
    }
    if (!FIELD_KEY_PATTERN.test(command.key)) errors.push({ field: 'key', key: 'directory:fields.invalidKey' });
    else if ((IMPORT_COLUMNS as readonly string[]).includes(command.key)) {
      // The key is a CSV column too: it cannot be one of the file's own.
      errors.push({ field: 'key', key: 'directory:fields.reservedKey', params: { value: command.key } });
    }
    if (!(FIELD_TYPES as readonly string[]).includes(command.type)) {
      errors.push({ field: 'type', key: 'validation:invalidValue' });
    }
    const label = buildTranslatableText(command.label, 'label', {
      required: true,
      maxLength: 100,
      defaultStatus: 'ORIGINAL',
    });
    errors.push(...label.errors);
    const choices: FieldChoice[] = [];
    if (command.type === 'CHOICE') {
      const list = command.choices ?? [];
      if (list.length === 0) errors.push({ field: 'choices', key: 'directory:fields.choicesRequired' });
      if (list.length > MAX_CHOICES) {
        errors.push({ field: 'choices', key: 'validation:outOfRange', params: { min: 1, max: MAX_CHOICES } });
      }
      list.forEach((c, i) => {
        if (!FIELD_KEY_PATTERN.test(c.key))
          errors.push({ field: `choices.${i}.key`, key: 'directory:fields.invalidKey' });
        else if (choices.some((x) => x.key === c.key)) {
          errors.push({ field: `choices.${i}.key`, key: 'directory:fields.duplicateChoice', params: { value: c.key } });
        }
        const text = buildTranslatableText(c.label, `choices.${i}.label`, {
          required: true,
          maxLength: 100,
          defaultStatus: 'ORIGINAL',
        });
        errors.push(...text.errors);
        choices.push({ key: c.key, label: text.value });
      });
    } else if ((command.choices ?? []).length > 0) {
      errors.push({ field: 'choices', key: 'directory:fields.choicesOnlyForChoice' });
    }
    const position = command.position ?? 0;
    if (!Number.isInteger(position) || position < 0 || position > 1000) {
      errors.push({ field: 'position', key: 'validation:outOfRange', params: { min: 0, max: 1000 } });
    }
    throwIfAny(errors);
    const entity = command.entity as FieldEntity;
    const values = {
      networkId: network.id,
      entity,
      key: command.key,
      type: command.type as FieldType,
      label: label.value,
      choices,
      required: command.required ?? false,
      position,
    };
    return this.transactions.run(async (tx) => {
      await this.fields.lockKey(tx, network.id, entity, command.key);
      const existing = await this.fields.findForUpdate(tx, network.id, entity, command.key);
      if (existing && existing.type !== values.type) {
        throw DomainError.conflict('directory:fields.typeFixed', { type: existing.type });
      }
      if (!existing && (await this.fields.count(tx, network.id, entity)) >= MAX_FIELDS_PER_ENTITY) {
        throw DomainError.badInput([
          { field: 'key', key: 'directory:fields.tooMany', params: { max: MAX_FIELDS_PER_ENTITY } },
        ]);
      }
      const saved = existing ? await this.fields.update(tx, existing.id, values) : await this.fields.insert(tx, values);
      await this.audit.record(tx, actor, {
        networkId: network.id,
        entityType: 'directory_field',
        entityId: saved.id,
        action: existing ? 'update' : 'create',
        before: existing ? snapshot(existing) : null,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /** Removes a field and every value records held for it (NOT_FOUND when there is no such field). */
  async remove(actor: Actor, networkId: string, entity: string, key: string): Promise<FieldDefinition> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    if (!(FIELD_ENTITIES as readonly string[]).includes(entity)) throw DomainError.notFound();
    return this.transactions.run(async (tx) => {
      await this.fields.lockKey(tx, network.id, entity as FieldEntity, key);
      const field = await this.fields.findForUpdate(tx, network.id, entity as FieldEntity, key);
      if (!field) throw DomainError.notFound();
      await this.fields.delete(tx, field);
      await this.audit.record(tx, actor, {
        networkId: network.id,
        entityType: 'directory_field',
        entityId: field.id,
        action: 'delete',
        before: snapshot(field),
      });
      return field;
    });
  }

  /**
   * The network's fields of a record already shown to `actor`, with its values, batched per request:
   * none when `actor` may not read the network's directory (hidden, missing, or not a member).
   */
  async valuesOf(
    actor: Actor,
    loaders: RequestLoaders,
    entity: FieldEntity,
    recordId: string,
    networkId: string,
  ): Promise<FieldWithValue[]> {
    if (!isUuid(networkId) || !can(actor, 'READ_DIRECTORY', { networkId })) return [];
    if (!(await this.networks.load(actor, loaders, networkId))) return [];
    const definitions = await loaders
      .get(
        `directory.fields.${entity}`,
        () =>
          new DataLoader<string, FieldDefinition[]>(async (ids) =>
            Promise.all(ids.map((id) => this.fields.list(id, entity))),
          ),
      )
      .load(networkId);
    if (definitions.length === 0) return [];
    const values = await loaders
      .get(
        `directory.fieldValues.${entity}.${networkId}`,
        () =>
          new DataLoader<string, FieldValues>(async (ids) => {
            const found = await this.fields.values(entity, networkId, ids);
            return ids.map((id) => found.get(id) ?? {});
          }),
      )
      .load(recordId);
    return definitions.map((field) => ({ field, value: values[field.key] ?? null }));
  }

  /** Sets (or clears) values of the network's fields on a person of its directory or an organisation. */
  async setValues(actor: Actor, command: SetFieldValuesCommand): Promise<FieldWithValue[]> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    if (Boolean(command.personId) === Boolean(command.organisationId)) {
      throw DomainError.badInput([{ field: 'personId', key: 'directory:oneEndRequired' }]);
    }
    const entity: FieldEntity = command.personId ? 'PERSON' : 'ORGANISATION';
    const recordId = (command.personId ?? command.organisationId) as string;
    return this.transactions.run(async (tx) => {
      if (entity === 'PERSON') {
        // A person of the network's directory; one hidden from `actor` answers like one that does not exist.
        const standing = isUuid(recordId)
          ? await this.memberships.personStanding(tx, actor, recordId, network.id)
          : 'unknown';
        if (standing === 'unknown') throw DomainError.badInput([{ field: 'personId', key: 'directory:unknownPerson' }]);
        if (standing !== 'member') {
          throw DomainError.badInput([{ field: 'personId', key: 'directory:personOutsideNetwork' }]);
        }
        const person = await this.people.get(actor, recordId, tx);
        if (person.erasedAt) throw DomainError.badInput([{ field: 'personId', key: 'directory:erased' }]);
      } else {
        await this.organisations.get(actor, recordId, tx).catch(() => {
          throw DomainError.badInput([{ field: 'organisationId', key: 'directory:unknownOrganisation' }]);
        });
      }
      const definitions = await this.fields.list(network.id, entity, tx);
      const before = (await this.fields.values(entity, network.id, [recordId], tx)).get(recordId) ?? {};
      const after: Record<string, FieldValue> = { ...before };
      const errors: FieldError[] = [];
      command.values.forEach((v, i) => {
        const field = definitions.find((d) => d.key === v.key);
        if (!field) {
          errors.push({ field: `values.${i}.key`, key: 'directory:fields.unknownField', params: { value: v.key } });
          return;
        }
        const text = v.value?.trim() ?? '';
        if (text === '') {
          if (field.required) errors.push({ field: `values.${i}.value`, key: 'validation:required' });
          delete after[field.key];
          return;
        }
        const parsed = parseFieldValue(field, text, `values.${i}.value`);
        if ('error' in parsed) errors.push(parsed.error);
        else after[field.key] = parsed.value;
      });
      throwIfAny(errors);
      if (JSON.stringify(sorted(before)) !== JSON.stringify(sorted(after))) {
        await this.fields.setValues(tx, entity, network.id, [{ id: recordId, values: after }]);
        await this.audit.record(tx, actor, {
          networkId: network.id,
          entityType: entity === 'PERSON' ? 'person' : 'organisation',
          entityId: recordId,
          action: 'fields',
          before: { fields: before },
          after: { fields: after },
        });
      }
      return definitions.map((field) => ({ field, value: after[field.key] ?? null }));
    });
  }
}

function sorted(values: FieldValues): [string, FieldValue][] {
  return Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
}

function snapshot(f: FieldDefinition): Record<string, unknown> {
  return {
    entity: f.entity,
    key: f.key,
    type: f.type,
    label: f.label,
    choices: f.choices,
    required: f.required,
    position: f.position,
  };
}
