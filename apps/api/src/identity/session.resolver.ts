import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountService, SessionService } from '@enlace/identity';
import type { RequestContext } from '../graphql/request-context';
import { MeModel, toMeModel } from './me.model';
import { SignInInput } from './sign-in.input';
import { SignInPayloadModel, toSignInPayloadModel } from './sign-in-payload.model';

@Resolver(() => SignInPayloadModel)
export class SessionResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly accounts: AccountService,
  ) {}

  @Mutation(() => SignInPayloadModel, {
    description:
      'Signs in with email and password. A wrong password and an unknown email give the same UNAUTHENTICATED error; ' +
      'attempts are limited per email and per client address (RATE_LIMITED).',
  })
  async signIn(@Args('input') input: SignInInput, @Context() ctx: RequestContext): Promise<SignInPayloadModel> {
    return toSignInPayloadModel(await this.sessions.signIn(ctx.actor, input, ctx.address), ctx.translator);
  }

  @Mutation(() => Boolean, { description: 'Revokes the token this request was sent with.' })
  signOut(@Context() ctx: RequestContext): Promise<boolean> {
    return this.sessions.signOut(ctx.actor);
  }

  @ResolveField(() => MeModel, { description: 'The person the session belongs to.' })
  async me(@Parent() payload: SignInPayloadModel, @Context() ctx: RequestContext): Promise<MeModel> {
    return toMeModel(await this.accounts.profileOfSession(payload), ctx.translator);
  }
}
