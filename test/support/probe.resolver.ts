import { Controller, Get, Injectable } from '@nestjs/common';
import {
  Args,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, Matches, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { DomainError } from '@enlace/core';
import { Paginated } from '../../apps/api/src/graphql/models/connection.model';
import { PageArgs } from '../../apps/api/src/graphql/models/page.args';

/**
 * Test-only GraphQL surface, registered by `startTestApp(env, { providers: PROBE_PROVIDERS })` and
 * never by the production app: a recursive node with connections (to measure depth and cost), a
 * resolver that fails unexpectedly, a list whose second item fails (numeric error paths) and a
 * mutation that writes a row through a service (to check that rejected requests write nothing and
 * that a constraint violation never leaks SQL).
 */
@ObjectType()
export class ProbeNode {
  @Field(() => ID)
  id!: string;
}

const ProbeNodeConnection = Paginated(ProbeNode, 'ProbeNode');

@ObjectType()
export class ProbeItem {
  @Field(() => Int)
  n!: number;
}

@InputType()
export class ProbeNetworkInput {
  @Field()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9-]+$/)
  slug!: string;
}

/** Stands for a context's service and repository: one INSERT, unique on `slug`. */
@Injectable()
export class ProbeNetworkService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(slug: string): Promise<string> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO network (slug, name, kind, default_language, working_languages, visibility)
       VALUES ($1, '{"en":{"text":"Probe","status":"ORIGINAL"}}', 'GOVERNMENTAL', 'en', '{en}', 'PUBLIC') RETURNING id`,
      [slug],
    )) as { id: string }[];
    return row.id;
  }

  async count(slug: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM network WHERE slug = $1`, [slug])) as {
      n: number;
    }[];
    return row.n;
  }
}

@Resolver(() => ProbeNode)
export class ProbeResolver {
  constructor(private readonly networks: ProbeNetworkService) {}

  @Query(() => ProbeNode)
  probe(): ProbeNode {
    return { id: 'root' };
  }

  @ResolveField(() => ProbeNode, { nullable: true })
  child(@Parent() parent: ProbeNode): ProbeNode {
    return { id: `${parent.id}.c` };
  }

  @ResolveField(() => ProbeNodeConnection)
  children(@Parent() parent: ProbeNode, @Args() page: PageArgs) {
    const nodes = Array.from({ length: page.first ?? 20 }, (_, i) => ({ id: `${parent.id}.${i}` }));
    return {
      edges: nodes.map((node) => ({ cursor: node.id, node })),
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      totalCount: nodes.length,
    };
  }

  @Query(() => Boolean)
  probeBoom(): boolean {
    throw new Error('boom: SELECT secret FROM internal_table');
  }

  @Query(() => [ProbeItem], { nullable: 'items' })
  probeItems(): ProbeItem[] {
    return [{ n: 1 }, { n: 2 }];
  }

  @Mutation(() => ID)
  probeCreateNetwork(@Args('input') input: ProbeNetworkInput): Promise<string> {
    return this.networks.create(input.slug);
  }
}

@Resolver(() => ProbeItem)
export class ProbeItemResolver {
  @ResolveField(() => String, { nullable: true })
  value(@Parent() item: ProbeItem): string {
    if (item.n === 2) throw new Error('item two is broken');
    return `item ${item.n}`;
  }
}

export const PROBE_PROVIDERS = [ProbeNetworkService, ProbeResolver, ProbeItemResolver];

/** Test-only HTTP routes, for the error answers of controllers (calendar feeds, exports...). */
@Controller('probe')
export class ProbeController {
  @Get('missing')
  missing(): never {
    throw DomainError.notFound();
  }

  @Get('boom')
  boom(): never {
    throw new Error('boom: connect ECONNREFUSED 10.1.2.3:5432');
  }
}
