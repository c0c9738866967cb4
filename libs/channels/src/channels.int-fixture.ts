import { DataSource } from 'typeorm';
import { Actor, LiveBus, LiveSignal, NetworkRole } from '@enlace/core';
import {
  Engine,
  insertAccount,
  insertMembership,
  insertNetwork,
  insertPartnership,
  testContext,
  TestContext,
} from '@enlace/testing';
import { ChannelService } from './channel/channel.service';
import { ChannelsModule } from './channels.module';
import { MessageService } from './message/message.service';

/*
 * The world the channel and message integration specs share (test code only: tsconfig.build.json
 * leaves *.int-fixture.ts out of the build): the channels module with its real repositories and the
 * real notifications, on one engine, and a network with two partners and one actor per role.
 */

export interface ChannelsWorld {
  readonly ctx: TestContext;
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

export async function openChannelsWorld(engine: Engine): Promise<ChannelsWorld> {
  const ctx = await testContext({ engine, imports: [ChannelsModule] });
  const ds = ctx.dataSource;

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
  ctx.get(LiveBus).subscribe((s) => signals.push(s));
  const net = (await insertNetwork(ds)).id;
  const partner = (await insertNetwork(ds)).id;
  const otherPartner = (await insertNetwork(ds)).id;
  await insertPartnership(ds, net, partner);
  await insertPartnership(ds, net, otherPartner);
  return {
    ctx,
    ds,
    channels: ctx.get(ChannelService),
    messages: ctx.get(MessageService),
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
    close: () => ctx.close(),
  };
}
