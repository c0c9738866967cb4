import { registerEnumType } from '@nestjs/graphql';
import { NETWORK_KINDS } from '@enlace/directory';
import { enumOf } from '../graphql/models/enums';

export const NetworkKindEnum = enumOf(NETWORK_KINDS);
registerEnumType(NetworkKindEnum, {
  name: 'NetworkKind',
  description: 'Governmental network, civil-society forum, or a mix of both.',
});
