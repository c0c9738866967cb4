import { HealthResolver } from './health/health.resolver';

/** Every resolver of the API, also used to print `schema.gql` without a database. */
export const RESOLVERS = [HealthResolver];
