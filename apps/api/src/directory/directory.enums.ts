import { registerEnumType } from '@nestjs/graphql';
import {
  CONTACT_KINDS,
  FIELD_ENTITIES,
  FIELD_TYPES,
  HANDOVER_ROLES,
  ORGANISATION_TYPES,
  REGIONS,
  RELATIONSHIP_TYPES,
} from '@enlace/directory';
import { enumOf } from '../graphql/models/enums';

export const RegionEnum = enumOf(REGIONS);
registerEnumType(RegionEnum, { name: 'Region', description: 'UN M49 region of a country.' });

export const OrganisationTypeEnum = enumOf(ORGANISATION_TYPES);
registerEnumType(OrganisationTypeEnum, { name: 'OrganisationType' });

export const ContactKindEnum = enumOf(CONTACT_KINDS);
registerEnumType(ContactKindEnum, { name: 'ContactKind' });

export const RelationshipTypeEnum = enumOf(RELATIONSHIP_TYPES);
registerEnumType(RelationshipTypeEnum, { name: 'RelationshipType' });

export const HandoverRoleEnum = enumOf(HANDOVER_ROLES);
registerEnumType(HandoverRoleEnum, { name: 'HandoverRole', description: 'Roles with one holder per member state.' });

export const RowOutcomeEnum = { CREATED: 'CREATED', UPDATED: 'UPDATED', UNCHANGED: 'UNCHANGED', REJECTED: 'REJECTED' };
registerEnumType(RowOutcomeEnum, { name: 'ImportRowOutcome' });

export const DirectoryFieldEntityEnum = enumOf(FIELD_ENTITIES);
registerEnumType(DirectoryFieldEntityEnum, {
  name: 'DirectoryFieldEntity',
  description: 'The records a custom field is for.',
});

export const DirectoryFieldTypeEnum = enumOf(FIELD_TYPES);
registerEnumType(DirectoryFieldTypeEnum, { name: 'DirectoryFieldType', description: 'What a custom field holds.' });
