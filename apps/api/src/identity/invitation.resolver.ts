import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { InvitationService } from '@enlace/identity';
import type { RequestContext } from '../graphql/request-context';
import { AcceptInvitationInput } from './accept-invitation.input';
import { InvitationModel, toInvitationModel } from './invitation.model';
import { InviteToNetworkInput } from './invite-to-network.input';
import { SignInPayloadModel, toSignInPayloadModel } from './sign-in-payload.model';

@Resolver(() => InvitationModel)
export class InvitationResolver {
  constructor(private readonly invitations: InvitationService) {}

  @Mutation(() => InvitationModel, {
    description: 'Invites someone by email to a network with a role (network secretariat and administrators).',
  })
  async inviteToNetwork(
    @Args('input') input: InviteToNetworkInput,
    @Context() ctx: RequestContext,
  ): Promise<InvitationModel> {
    return toInvitationModel(await this.invitations.inviteToNetwork(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => SignInPayloadModel, {
    description:
      'Accepts an invitation with the token from its email: creates the account if needed, starts the membership and signs in.',
  })
  async acceptInvitation(
    @Args('input') input: AcceptInvitationInput,
    @Context() ctx: RequestContext,
  ): Promise<SignInPayloadModel> {
    return toSignInPayloadModel(await this.invitations.acceptInvitation(ctx.actor, input, ctx.address), ctx.translator);
  }
}
