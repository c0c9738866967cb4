import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Language, Visibility } from '@enlace/core';
import type {
  ContactKind,
  Country,
  DirectoryPerson,
  MemberState,
  Organisation,
  OrganisationType,
  PersonContact,
  Region,
  Relationship,
  RelationshipType,
  Term,
} from '@enlace/directory';
import { Paginated } from '../graphql/models/connection.model';
import { LanguageEnum, VisibilityEnum } from '../graphql/models/enums';
import { toTranslatedText, TranslatedTextModel } from '../graphql/models/translated-text.model';
import { MembershipModel } from '../networks/membership.model';
import { ContactKindEnum, OrganisationTypeEnum, RegionEnum, RelationshipTypeEnum } from './directory.enums';

@ObjectType('CountryName')
export class CountryNameModel {
  @Field(() => LanguageEnum)
  language!: Language;

  @Field()
  name!: string;
}

@ObjectType('Country', { description: 'An ISO 3166-1 country, its names in the four languages and its region.' })
export class CountryModel {
  @Field(() => ID, { description: 'ISO 3166-1 alpha-2 code.' })
  code!: string;

  @Field()
  alpha3!: string;

  @Field({ description: 'The name in the request language.' })
  name!: string;

  @Field(() => [CountryNameModel])
  names!: CountryNameModel[];

  @Field(() => RegionEnum)
  region!: Region;
}

export function toCountryModel(c: Country, lang: Language): CountryModel {
  return {
    code: c.code,
    alpha3: c.alpha3,
    name: c.names[lang] ?? c.names.en,
    names: (['en', 'es', 'pt', 'fr'] as const).map((l) => ({ language: l, name: c.names[l] })),
    region: c.region,
  };
}

@ObjectType('Organisation', { description: 'A ministry, forum, UN office, university... (shared reference record).' })
export class OrganisationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => OrganisationTypeEnum)
  type!: OrganisationType;

  @Field(() => TranslatedTextModel)
  name!: TranslatedTextModel;

  @Field(() => String, { nullable: true })
  acronym!: string | null;

  @Field(() => Int)
  version!: number;

  countryCode!: string | null;
  parentId!: string | null;
}

export function toOrganisationModel(o: Organisation, lang: Language): OrganisationModel {
  return {
    id: o.id,
    type: o.type,
    name: toTranslatedText(o.name, lang) as TranslatedTextModel,
    acronym: o.acronym,
    version: o.version,
    countryCode: o.countryCode,
    parentId: o.parentId,
  };
}

@ObjectType('ContactDetail', {
  description: 'An email address or phone number, shown only to those its visibility allows.',
})
export class ContactDetailModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ContactKindEnum)
  kind!: ContactKind;

  @Field()
  value!: string;

  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => VisibilityEnum)
  visibility!: Visibility;
}

export function toContactModel(c: PersonContact): ContactDetailModel {
  return { id: c.id, kind: c.kind, value: c.value, label: c.label, visibility: c.visibility };
}

@ObjectType('Person', { description: 'A person in the directory.' })
export class PersonModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  honorific!: string | null;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  @Field(() => [LanguageEnum], { description: 'Languages spoken.' })
  languages!: Language[];

  @Field(() => LanguageEnum)
  preferredLanguage!: Language;

  @Field(() => String, { nullable: true, description: 'Identifier in the spreadsheet or system imports come from.' })
  externalRef!: string | null;

  @Field({ description: 'True once an administrator erased this person: only the history remains.' })
  erased!: boolean;

  @Field(() => Int)
  version!: number;

  organisationId!: string | null;
  countryCode!: string | null;
}

export function toPersonModel(p: DirectoryPerson, erasedName: string): PersonModel {
  return {
    id: p.id,
    name: p.erasedAt ? erasedName : p.name,
    honorific: p.honorific,
    jobTitle: p.jobTitle,
    languages: p.languages,
    preferredLanguage: p.preferredLanguage,
    externalRef: p.externalRef,
    erased: p.erasedAt !== null,
    version: p.version,
    organisationId: p.organisationId,
    countryCode: p.countryCode,
  };
}

export function toTermModel(t: Term): MembershipModel {
  return {
    id: t.id,
    personId: t.personId,
    networkId: t.networkId,
    role: t.role,
    memberState: t.memberState,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    visibility: t.visibility,
  };
}

@ObjectType('MemberState', { description: 'A country’s membership of a network, and its seats.' })
export class MemberStateModel {
  @Field({ description: 'YYYY-MM-DD' })
  joinedOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null while a member.' })
  leftOn!: string | null;

  networkId!: string;
  countryCode!: string;
}

export function toMemberStateModel(s: MemberState): MemberStateModel {
  return { networkId: s.networkId, countryCode: s.countryCode, joinedOn: s.joinedOn, leftOn: s.leftOn };
}

@ObjectType('Handover', { description: 'The term a designation opened, and the predecessor’s term it ended.' })
export class HandoverModel {
  @Field(() => MembershipModel)
  membership!: MembershipModel;

  @Field(() => MembershipModel, { nullable: true })
  predecessor!: MembershipModel | null;
}

@ObjectType('CreatePersonPayload')
export class CreatePersonPayload {
  @Field(() => PersonModel)
  person!: PersonModel;

  @Field(() => HandoverModel)
  handover!: HandoverModel;
}

@ObjectType('Relationship', { description: 'A typed, dated link between people and organisations.' })
export class RelationshipModel {
  @Field(() => ID)
  id!: string;

  @Field(() => RelationshipTypeEnum)
  type!: RelationshipType;

  @Field(() => String, { nullable: true })
  startsOn!: string | null;

  @Field(() => String, { nullable: true })
  endsOn!: string | null;

  @Field(() => VisibilityEnum)
  visibility!: Visibility;

  networkId!: string;
  fromPersonId!: string | null;
  fromOrganisationId!: string | null;
  toPersonId!: string | null;
  toOrganisationId!: string | null;
}

export function toRelationshipModel(r: Relationship): RelationshipModel {
  return { ...r };
}

export const CountryConnection = Paginated(CountryModel);
export const OrganisationConnection = Paginated(OrganisationModel);
export const PersonConnection = Paginated(PersonModel);
export const MemberStateConnection = Paginated(MemberStateModel);
