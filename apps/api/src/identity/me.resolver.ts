import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '@enlace/core';
import { AccountService } from '@enlace/identity';
import type { RequestContext } from '../graphql/request-context';
import { MeModel, toMeModel } from './me.model';
import { UpdateMeInput } from './update-me.input';

@Resolver(() => MeModel)
export class MeResolver {
  constructor(private readonly accounts: AccountService) {}

  @Query(() => MeModel, {
    nullable: true,
    description: 'The signed-in person; null for anonymous callers. An invalid or revoked token is UNAUTHENTICATED.',
  })
  async me(@Context() ctx: RequestContext): Promise<MeModel | null> {
    // Anonymous is a normal answer here, so a stale token must not silently look like one.
    if (ctx.invalidToken) throw new DomainError('UNAUTHENTICATED', 'invalidToken');
    const profile = await this.accounts.me(ctx.actor);
    return profile ? toMeModel(profile) : null;
  }

  @Mutation(() => MeModel, { description: 'Changes your own name or preferred language.' })
  async updateMe(@Args('input') input: UpdateMeInput, @Context() ctx: RequestContext): Promise<MeModel> {
    return toMeModel(await this.accounts.updateMe(ctx.actor, input));
  }
}
