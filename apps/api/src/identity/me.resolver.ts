import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError, Language } from '@enlace/core';
import { AccountService, Profile } from '@enlace/identity';
import type { RequestContext } from '../graphql/request-context';
import { LanguageEnum } from '../graphql/models/enums';
import { MeModel, toMeModel } from './me.model';
import { MyMembershipModel, toMyMembershipModel } from './my-membership.model';
import { UpdateMeInput } from './update-me.input';

@Resolver(() => MeModel)
export class MeResolver {
  constructor(private readonly accounts: AccountService) {}

  @Query(() => MeModel, {
    nullable: true,
    description: 'The signed-in person; null for anonymous callers. An invalid or revoked token is UNAUTHENTICATED.',
  })
  me(@Context() ctx: RequestContext): MeModel | null {
    // Anonymous is a normal answer here, so a stale token must not silently look like one.
    if (ctx.invalidToken) throw new DomainError('UNAUTHENTICATED', 'invalidToken');
    const { actor } = ctx;
    if (actor.personId === null) return null;
    // What the session lookup already loaded; the rest is read only if asked for.
    return { id: actor.personId, name: actor.name ?? '', isAdmin: actor.isAdmin };
  }

  @Mutation(() => MeModel, { description: 'Changes your own name or preferred language.' })
  async updateMe(@Args('input') input: UpdateMeInput, @Context() ctx: RequestContext): Promise<MeModel> {
    return toMeModel(await this.accounts.updateMe(ctx.actor, input), ctx.translator);
  }

  @ResolveField(() => String)
  async email(@Parent() me: MeModel, @Context() ctx: RequestContext): Promise<string> {
    return (await this.profile(me, ctx)).email;
  }

  @ResolveField(() => LanguageEnum, { description: 'Language of the emails and notifications this person receives.' })
  async preferredLanguage(@Parent() me: MeModel, @Context() ctx: RequestContext): Promise<Language> {
    return (await this.profile(me, ctx)).preferredLanguage;
  }

  @ResolveField(() => [MyMembershipModel], { description: 'Current and upcoming terms (ended ones are left out).' })
  async memberships(@Parent() me: MeModel, @Context() ctx: RequestContext): Promise<MyMembershipModel[]> {
    return (await this.profile(me, ctx)).memberships.map((m) => toMyMembershipModel(m, ctx.translator));
  }

  private profile(me: MeModel, ctx: RequestContext): Promise<Profile> {
    return me.profile ? Promise.resolve(me.profile) : this.accounts.myProfile(ctx.actor, ctx.loaders);
  }
}
