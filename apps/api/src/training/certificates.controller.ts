import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, I18nService } from '@enlace/core';
import { RateLimiter } from '@enlace/identity';
import { CertificateService } from '@enlace/training';
import { ActorResolver } from '../auth/actor-resolver';
import { toCertificateVerificationModel } from './certificate.model';

/**
 * Certificates over HTTP (decision 0022): `GET /certificates/:id.pdf` with the bearer token, the PDF
 * in the holder's language for the holder and the secretariat (NOT_FOUND for anyone else, exactly as
 * for a missing one); `GET /certificates/verify/:code`, the public verification the PDF's QR code
 * points at, as JSON (`{ certificate: … | null }`, the same as `verifyCertificate`, the same budget).
 */
@Controller('certificates')
export class CertificatesController {
  constructor(
    private readonly certificates: CertificateService,
    private readonly actors: ActorResolver,
    private readonly limits: RateLimiter,
    private readonly i18n: I18nService,
  ) {}

  @Get(':id.pdf')
  async pdf(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const actor = await this.actors.requireHttp(req);
    const file = await this.certificates.pdf(actor, id);
    await reply
      .status(200)
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  }

  @Get('verify/:code')
  async verify(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('code') code: string): Promise<void> {
    await this.limits.spendPublic('verifyCertificate', req.ip);
    if (typeof code !== 'string') throw DomainError.notFound();
    const found = await this.certificates.verify(code);
    const t = this.i18n.forAcceptLanguage(req.headers['accept-language']);
    await reply
      .status(200)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send({ certificate: found ? toCertificateVerificationModel(found, t) : null });
  }
}
