import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { FieldEntity, FieldService } from '@enlace/directory';
import type { RequestContext } from '../graphql/request-context';
import { DefineDirectoryFieldInput, SetDirectoryFieldValuesInput } from './directory-field.input';
import {
  DirectoryFieldModel,
  DirectoryFieldValueModel,
  toDirectoryFieldModel,
  toDirectoryFieldValueModel,
} from './directory-field.model';
import { DirectoryFieldEntityEnum } from './directory.enums';
import { OrganisationModel } from './organisation.model';
import { PersonModel } from './person.model';

@Resolver(() => DirectoryFieldModel)
export class DirectoryFieldsResolver {
  constructor(private readonly fieldService: FieldService) {}

  @Query(() => [DirectoryFieldModel], {
    description: "A network's custom fields, in their order. NOT_FOUND when the network is missing or hidden.",
  })
  async directoryFields(
    @Args('networkId', { type: () => ID }) networkId: string,
    @Args('entity', { type: () => DirectoryFieldEntityEnum, nullable: true }) entity: FieldEntity | null,
    @Context() ctx: RequestContext,
  ): Promise<DirectoryFieldModel[]> {
    return (await this.fieldService.list(ctx.actor, networkId, entity)).map((f) =>
      toDirectoryFieldModel(f, ctx.translator),
    );
  }

  @Mutation(() => DirectoryFieldModel, {
    description: 'Defines a custom field of a network’s directory, or changes it (the network’s secretariat).',
  })
  async defineDirectoryField(
    @Args('input') input: DefineDirectoryFieldInput,
    @Context() ctx: RequestContext,
  ): Promise<DirectoryFieldModel> {
    const field = await this.fieldService.define(ctx.actor, input);
    ctx.loaders.clearAll();
    return toDirectoryFieldModel(field, ctx.translator);
  }

  @Mutation(() => DirectoryFieldModel, {
    description: 'Removes a custom field and every value held for it (the network’s secretariat).',
  })
  async removeDirectoryField(
    @Args('networkId', { type: () => ID }) networkId: string,
    @Args('entity', { type: () => DirectoryFieldEntityEnum }) entity: FieldEntity,
    @Args('key') key: string,
    @Context() ctx: RequestContext,
  ): Promise<DirectoryFieldModel> {
    const field = await this.fieldService.remove(ctx.actor, networkId, entity, key);
    ctx.loaders.clearAll();
    return toDirectoryFieldModel(field, ctx.translator);
  }

  @Mutation(() => [DirectoryFieldValueModel], {
    description:
      'Sets values of a network’s custom fields on a person of its directory or an organisation (the network’s ' +
      'secretariat); answers every field of the record with its value.',
  })
  async setDirectoryFieldValues(
    @Args('input') input: SetDirectoryFieldValuesInput,
    @Context() ctx: RequestContext,
  ): Promise<DirectoryFieldValueModel[]> {
    const values = await this.fieldService.setValues(ctx.actor, input);
    ctx.loaders.clearAll();
    return values.map((v) => toDirectoryFieldValueModel(v, ctx.translator));
  }
}

/** `Person.fieldValues` and `Organisation.fieldValues`: one network's custom fields of the record. */
@Resolver(() => PersonModel)
export class PersonFieldsResolver {
  constructor(private readonly fieldService: FieldService) {}

  @ResolveField(() => [DirectoryFieldValueModel], {
    description:
      "The network's custom fields with this person's values (empty unless you read that network's directory).",
  })
  async fieldValues(
    @Parent() p: PersonModel,
    @Args('networkId', { type: () => ID }) networkId: string,
    @Context() ctx: RequestContext,
  ): Promise<DirectoryFieldValueModel[]> {
    return (await this.fieldService.valuesOf(ctx.actor, ctx.loaders, 'PERSON', p.id, networkId)).map((v) =>
      toDirectoryFieldValueModel(v, ctx.translator),
    );
  }
}

@Resolver(() => OrganisationModel)
export class OrganisationFieldsResolver {
  constructor(private readonly fieldService: FieldService) {}

  @ResolveField(() => [DirectoryFieldValueModel], {
    description:
      "The network's custom fields with this organisation's values (empty unless you read that network's directory).",
  })
  async fieldValues(
    @Parent() o: OrganisationModel,
    @Args('networkId', { type: () => ID }) networkId: string,
    @Context() ctx: RequestContext,
  ): Promise<DirectoryFieldValueModel[]> {
    return (await this.fieldService.valuesOf(ctx.actor, ctx.loaders, 'ORGANISATION', o.id, networkId)).map((v) =>
      toDirectoryFieldValueModel(v, ctx.translator),
    );
  }
}
