import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { PasswordResetService } from '@enlace/identity';
import type { RequestContext } from '../graphql/request-context';
import { RequestPasswordResetInput } from './request-password-reset.input';
import { ResetPasswordInput } from './reset-password.input';

@Resolver()
export class PasswordResetResolver {
  constructor(private readonly resets: PasswordResetService) {}

  @Mutation(() => Boolean, {
    description: 'Emails a password reset link if the address has an account. Always true, whether it has one or not.',
  })
  requestPasswordReset(
    @Args('input') input: RequestPasswordResetInput,
    @Context() ctx: RequestContext,
  ): Promise<boolean> {
    return this.resets.requestPasswordReset(ctx.actor, input.email, ctx.address);
  }

  @Mutation(() => Boolean, {
    description: 'Sets a new password with the token from a reset link; signs out every session.',
  })
  resetPassword(@Args('input') input: ResetPasswordInput, @Context() ctx: RequestContext): Promise<boolean> {
    return this.resets.resetPassword(ctx.actor, input);
  }
}
