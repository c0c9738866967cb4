import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, I18nService, isDomainError } from '@enlace/core';
import { RateLimiter } from '@enlace/identity';
import { CertificateService } from '@enlace/training';
import { ActorResolver } from '../auth/actor-resolver';
import { prefersHtml } from '../http/media-type';
import { toCertificateVerificationModel } from './certificate.model';
import { CERTIFICATE_PAGE_CSP, certificatePage, CertificatePageState } from './certificate-verification.page';

/**
 * Certificates over HTTP (decisions 0022, 0027): `GET /certificates/:id.pdf` with the bearer token,
 * the PDF in the holder's language for the holder and the secretariat (NOT_FOUND for anyone else,
 * exactly as for a missing one); `GET /certificates/verify/:code`, the public verification the PDF's
 * QR code points at, with the same budget as `verifyCertificate`: a small HTML page in the language
 * of `Accept-Language` for a client that prefers `text/html` (a phone that scanned the code; 404 for
 * an unknown code), JSON otherwise (`{ certificate: … | null }`, the same as `verifyCertificate`).
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
    const t = this.i18n.forAcceptLanguage(req.headers['accept-language']);
    reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('vary', 'Accept, Accept-Language');
    if (!prefersHtml(req.headers.accept)) {
      await this.limits.spendPublic('verifyCertificate', req.ip);
      if (typeof code !== 'string') throw DomainError.notFound();
      const found = await this.certificates.verify(code);
      await reply.status(200).send({ certificate: found ? toCertificateVerificationModel(found, t) : null });
      return;
    }
    let state: CertificatePageState;
    let status: number;
    try {
      await this.limits.spendPublic('verifyCertificate', req.ip);
      const found = typeof code === 'string' ? await this.certificates.verify(code) : null;
      state = found ? { kind: 'found', certificate: toCertificateVerificationModel(found, t) } : { kind: 'notFound' };
      status = found ? 200 : 404;
    } catch (error) {
      // Out of lookups: the same page, saying when to try again (the JSON answer's 429).
      if (!isDomainError(error) || error.code !== 'RATE_LIMITED') throw error;
      state = { kind: 'unavailable', message: t.t(error.key, error.params) };
      status = 429;
      reply.header('retry-after', String(error.params.count));
    }
    await reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CERTIFICATE_PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .send(certificatePage(state, t));
  }
}
