import { Query, Resolver } from '@nestjs/graphql';

@Resolver()
export class HealthResolver {
  /** Always `true`: lets clients check that they reach the GraphQL endpoint. */
  @Query(() => Boolean, { description: 'Always true; a cheap check that the GraphQL endpoint answers.' })
  ping(): boolean {
    return true;
  }
}
