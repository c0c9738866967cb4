import { ArgsType, IntersectionType } from '@nestjs/graphql';
import { PageArgs } from '../graphql/models/page.args';
import { DirectoryFilterArgs } from './directory-filter.args';

@ArgsType()
export class PeopleArgs extends IntersectionType(PageArgs, DirectoryFilterArgs, ArgsType) {}
