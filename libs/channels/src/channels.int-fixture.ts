import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  Actor,
  AuditLogEntity,
  AuditRepository,
  createDataSource,
  destroyDataSource,
  LiveBus,
  LiveSignal,
  NetworkRole,
  runMigrations,
  TransactionRunner,
} from '@enlace/core';
import { MIGRATIONS } from '@enlace/migrations';
import { NotificationService } from '@enlace/notifications';
import {
  createTestDatabase,
  insertAccount,
  insertMembership,
  insertNetwork,
  insertPartnership,
  TestDatabase,
} from '@enlace/testing';
import { ChannelRepository } from './channel/channel.repository';
import { ChannelService } from './channel/channel.service';
import { MessageRepository } from './message/message.repository';
import { MessageService } from './message/message.service';

/*
 * The world the channel and message integration specs share (test code only: tsconfig.build.json
 * leaves *.int-fixture.ts out of the build): both engines, the two services wired to their real
 * repositories, and a network with two partners and one actor per role.
 */

const ENTITIES = [AuditLogEntity];

export interface Engine {
  ds: DataSource;
  close(): Promise<void>;
}

async function postgres(): Promise<Engine> {
  const db: TestDatabase = await createTestDatabase();
  const ds = await createDataSource({ databaseUrl: db.url, dataDir: '' }, { entities: ENTITIES, migrations: [] });
  return {
    ds,
    close: async () => {
      await ds.destroy();
      await db.drop();
    },
  };
}

async function pglite(): Promise<Engine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'enlace-channels-'));
  const ds = await createDataSource({ dataDir }, { entities: ENTITIES, migrations: MIGRATIONS });
  await runMigrations(ds);
  return {
    ds,
    close: async () => {
      await destroyDataSource(ds);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const ENGINES: [string, () => Promise<Engine>][] = [
  ['PostgreSQL', postgres],
  ['embedded PGlite', pglite],
];

export interface ChannelsWorld {
  readonly ds: DataSource;
  readonly channels: ChannelService;
  readonly messages: MessageService;
  /** Every LiveBus signal the services published, in order (tests may empty it). */
  readonly signals: LiveSignal[];
  readonly net: string;
  readonly partner: string;
  readonly otherPartner: string;
  readonly secretariat: Actor;
  readonly member: Actor;
  readonly observer: Actor;
  readonly partnerMember: Actor;
  readonly otherPartnerMember: Actor;
  readonly outsider: Actor;
  close(): Promise<void>;
}

export async function openChannelsWorld(open: () => Promise<Engine>): Promise<ChannelsWorld> {
  const engine = await open();
  const ds = engine.ds;

  async function actor(networkId: string, role: NetworkRole, partners: string[] = []): Promise<Actor> {
    const account = await insertAccount(ds, { name: `${role} ${networkId.slice(0, 4)}` });
    await insertMembership(ds, {
      personId: account.personId,
      networkId,
      role,
      memberState: role === 'FOCAL_POINT' ? 'AR' : null,
    });
    return {
      personId: account.personId,
      accountId: account.accountId,
      sessionId: null,
      isAdmin: false,
      memberships: [{ networkId, role, memberState: role === 'FOCAL_POINT' ? 'AR' : null }],
      partnerNetworkIds: partners,
      lang: 'en',
    };
  }

  const signals: LiveSignal[] = [];
  const live = new LiveBus();
  live.subscribe((s) => signals.push(s));
  const channelRepo = new ChannelRepository(ds);
  const channels = new ChannelService(channelRepo, new TransactionRunner(ds), new AuditRepository(ds), live);
  const messages = new MessageService(
    channels,
    channelRepo,
    new MessageRepository(ds),
    new TransactionRunner(ds),
    new AuditRepository(ds),
    live,
    // Mentions notify through the notifications context (covered end to end in channels-mentions.e2e-spec.ts).
    { notifyMany: async () => [] } as unknown as NotificationService,
  );
  const net = (await insertNetwork(ds)).id;
  const partner = (await insertNetwork(ds)).id;
  const otherPartner = (await insertNetwork(ds)).id;
  await insertPartnership(ds, net, partner);
  await insertPartnership(ds, net, otherPartner);
  return {
    ds,
    channels,
    messages,
    signals,
    net,
    partner,
    otherPartner,
    secretariat: await actor(net, 'SECRETARIAT', [partner, otherPartner]),
    member: await actor(net, 'FOCAL_POINT', [partner, otherPartner]),
    observer: await actor(net, 'OBSERVER', [partner, otherPartner]),
    partnerMember: await actor(partner, 'CIVIL_SOCIETY', [net]),
    otherPartnerMember: await actor(otherPartner, 'CIVIL_SOCIETY', [net]),
    outsider: await actor((await insertNetwork(ds)).id, 'SECRETARIAT'),
    close: () => engine.close(),
  };
}
