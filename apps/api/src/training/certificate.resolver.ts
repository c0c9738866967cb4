import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RateLimiter } from '@enlace/identity';
import { CertificateService } from '@enlace/training';
import type { RequestContext } from '../graphql/request-context';
import {
  CertificateModel,
  CertificateVerificationModel,
  toCertificateModel,
  toCertificateVerificationModel,
} from './certificate.model';
import { RevokeCertificateInput } from './revoke-certificate.input';
import { EnrolmentModel } from './training.model';

/** Training certificates: public verification, the holder's list, revocation (decision 0022). */
@Resolver(() => CertificateModel)
export class CertificateResolver {
  constructor(
    private readonly certificates: CertificateService,
    private readonly limits: RateLimiter,
  ) {}

  @Query(() => CertificateVerificationModel, {
    nullable: true,
    description:
      'Public, no sign-in: what the certificate with this code certifies, revoked or not; null for a code never issued. Lookups are limited per client address (RATE_LIMITED).',
  })
  async verifyCertificate(@Args('code') code: string, @Context() ctx: RequestContext) {
    await this.limits.spendPublic('verifyCertificate', ctx.address);
    const found = await this.certificates.verify(code);
    return found ? toCertificateVerificationModel(found, ctx.translator) : null;
  }

  @Query(() => [CertificateModel], { description: 'My training certificates, most recent first.' })
  async myCertificates(@Context() ctx: RequestContext) {
    return (await this.certificates.mine(ctx.actor)).map((c) => toCertificateModel(c, ctx.translator));
  }

  @Query(() => CertificateModel, {
    description: 'One certificate, for its holder and the secretariat; NOT_FOUND for anyone else.',
  })
  async certificate(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return toCertificateModel(await this.certificates.get(ctx.actor, id), ctx.translator);
  }

  @Mutation(() => CertificateModel, {
    description:
      'The secretariat revokes a certificate with a reason; the holder is told. It still verifies, as revoked.',
  })
  async revokeCertificate(@Args('input') input: RevokeCertificateInput, @Context() ctx: RequestContext) {
    return toCertificateModel(await this.certificates.revoke(ctx.actor, input), ctx.translator);
  }
}

/** `Enrolment.certificate`: the certificate of a completed enrolment the caller may read. */
@Resolver(() => EnrolmentModel)
export class EnrolmentCertificateResolver {
  constructor(private readonly certificates: CertificateService) {}

  @ResolveField(() => CertificateModel, {
    nullable: true,
    description: 'Its certificate once completed, for the holder and the secretariat (null for others).',
  })
  async certificate(@Parent() enrolment: EnrolmentModel, @Context() ctx: RequestContext) {
    const found = await this.certificates.ofEnrolment(ctx.actor, ctx.loaders, enrolment.id);
    return found ? toCertificateModel(found, ctx.translator) : null;
  }
}
