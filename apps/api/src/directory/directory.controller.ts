import { Controller, Get, HttpCode, OnModuleInit, Post, Query, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, I18nService, TimeSlicer } from '@enlace/core';
import { ExportService, ImportService, MAX_IMPORT_BYTES } from '@enlace/directory';
import { ActorResolver } from '../auth/actor-resolver';
import { TransportError } from '../http/transport-error';
import { toImportReportModel } from './import-report.model';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

/** A request body of at most `max` bytes, or TransportError 413 as soon as it is known to be larger. */
function readUpTo(contentLength: string | undefined, payload: NodeJS.ReadableStream, max: number): Promise<Buffer> {
  const tooLarge = () => new TransportError(413, 'directory:import.tooLarge', { max });
  if (contentLength !== undefined && Number(contentLength) > max) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      reject(tooLarge());
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    payload.on('data', onData);
    payload.once('end', onEnd);
    payload.once('error', reject);
  });
}

type ExportQuery = Record<string, string | undefined>;

/** A boolean query parameter: absent, `true` or `false`; anything else is refused, never ignored. */
function booleanParam(query: ExportQuery, name: string): boolean | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw DomainError.badInput([{ field: name, key: 'validation:invalidBoolean' }]);
}

/**
 * The directory's file doors, beside GraphQL: CSV uploads too large for GraphQL's 256 KiB body limit,
 * and CSV / vCard downloads. Authenticated with the same bearer token; errors in the shape and
 * language of every other HTTP route (`{ error: { code, message } }`, http-exception.filter.ts).
 */
@Controller('directory')
export class DirectoryController implements OnModuleInit {
  constructor(
    private readonly imports: ImportService,
    private readonly exports: ExportService,
    private readonly actors: ActorResolver,
    private readonly i18n: I18nService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * CSV bodies are read as raw bytes (the import checks the encoding), up to the import's own limit:
   * a larger one is refused with 413 and the import's own message (`directory:import.tooLarge`).
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    for (const type of CSV_TYPES.filter((t) => !fastify.hasContentTypeParser(t))) {
      fastify.addContentTypeParser(type, (req, payload, done) => {
        readUpTo(req.headers['content-length'], payload, MAX_IMPORT_BYTES).then(
          (body) => done(null, body),
          (error: Error) => done(error, undefined),
        );
      });
    }
  }

  /**
   * `POST /directory/imports?networkId=…&dryRun=true|false` with a `text/csv` body (UTF-8, up to
   * 8 MiB, 20,000 rows). Answers the import report as JSON; `dryRun` defaults to true. The report is
   * translated and serialised in slices, like the import itself (`TimeSlicer`): a 20,000-row report
   * never holds other requests while it is written.
   */
  @Post('imports')
  @HttpCode(200)
  async importCsv(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('networkId') networkId: string | undefined,
    @Query('dryRun') dryRun: string | undefined,
  ): Promise<string> {
    const actor = await this.actors.requireHttp(req);
    const body = req.body;
    const content = Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : null;
    if (content === null) throw DomainError.badInput([{ field: 'body', key: 'directory:import.empty' }]);
    const report = await this.imports.run(actor, {
      networkId: networkId ?? '',
      content,
      dryRun: dryRun !== 'false',
    });
    const slicer = new TimeSlicer();
    const model = await toImportReportModel(report, this.i18n.translator(actor.lang), slicer);
    void reply.header('content-type', 'application/json; charset=utf-8');
    return slicer.stringify(model);
  }

  /**
   * `GET /directory/export?format=csv|vcf&text=…&networkId=…&memberState=…&role=…&organisationType=…
   * &organisationId=…&countryCode=…&language=…&activeOnly=true|false`: the people of that search you
   * may see, with the contact details you may read. A network you may not see answers NOT_FOUND, as
   * one that does not exist.
   */
  @Get('export')
  async export(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query() query: ExportQuery): Promise<void> {
    const actor = await this.actors.requireHttp(req);
    if (actor.personId === null) throw DomainError.unauthenticated();
    const activeOnly = booleanParam(query, 'activeOnly');
    const file = await this.exports.export(actor, query.format ?? 'csv', {
      text: query.text,
      networkId: query.networkId,
      memberState: query.memberState,
      role: query.role,
      organisationType: query.organisationType,
      organisationId: query.organisationId,
      countryCode: query.countryCode,
      language: query.language,
      activeOnly,
      fieldKey: query.fieldKey,
      fieldValue: query.fieldValue,
    });
    await reply
      .status(200)
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  }
}
