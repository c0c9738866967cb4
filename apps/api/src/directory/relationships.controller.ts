import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@enlace/core';
import { RelationshipGraphService } from '@enlace/directory';
import { ActorResolver } from '../auth/actor-resolver';

type GraphQuery = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * `GET /directory/relationships/export?networkId=…&format=csv|graphml|json&type=FUNDS&type=ADVISES
 * &personId=…&organisationId=…&countryCode=…&from=YYYY-MM-DD&to=YYYY-MM-DD`: the relationship graph
 * of the `relationships` query with the same filters (what you may see, both ends included), for
 * network-analysis tools. Same bearer token and error shape as every other HTTP route.
 */
@Controller('directory/relationships')
export class RelationshipsController {
  constructor(
    private readonly graphs: RelationshipGraphService,
    private readonly actors: ActorResolver,
  ) {}

  @Get('export')
  async export(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query() query: GraphQuery): Promise<void> {
    const actor = await this.actors.requireHttp(req);
    if (actor.personId === null) throw DomainError.unauthenticated();
    const types = query.type === undefined ? [] : Array.isArray(query.type) ? query.type : [query.type];
    const file = await this.graphs.export(actor, one(query.format) ?? 'csv', {
      networkId: one(query.networkId) ?? '',
      types,
      personId: one(query.personId),
      organisationId: one(query.organisationId),
      countryCode: one(query.countryCode),
      from: one(query.from),
      to: one(query.to),
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
