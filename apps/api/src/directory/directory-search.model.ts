import { ObjectType } from '@nestjs/graphql';
import { DirectoryFilterArgs } from './directory-filter.args';

@ObjectType('DirectorySearch', {
  description: 'One search across people, organisations and countries; each list pages on its own.',
})
export class DirectorySearchModel {
  filters!: DirectoryFilterArgs;
}
