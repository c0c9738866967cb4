import { DataSource } from 'typeorm';
import { Actor } from '@enlace/core';
import { ENGINES, insertChannel } from '@enlace/testing';
import { ChannelsWorld, openChannelsWorld } from '../channels.int-fixture';
import { MessageService } from '../message/message.service';
import { ChannelService } from './channel.service';

// PGlite starts and migrates in beforeAll: slow on two busy cores.
jest.setTimeout(60_000);

describe.each(ENGINES)('channels on %s', (engine) => {
  let world: ChannelsWorld;
  let ds: DataSource;
  let channels: ChannelService;
  let messages: MessageService;
  let net: string;
  let partner: string;
  let secretariat: Actor;
  let member: Actor;
  let observer: Actor;
  let partnerMember: Actor;
  let otherPartnerMember: Actor;
  let outsider: Actor;

  beforeAll(async () => {
    world = await openChannelsWorld(engine);
    ({
      ds,
      channels,
      messages,
      net,
      partner,
      secretariat,
      member,
      observer,
      partnerMember,
      otherPartnerMember,
      outsider,
    } = world);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('creates channels by the matrix: secretariat for shared ones, any member for direct ones', async () => {
    const joint = await channels.create(secretariat, {
      networkId: net,
      kind: 'JOINT',
      name: 'Joint',
      partnerNetworkIds: [partner],
    });
    expect(joint).toMatchObject({ kind: 'JOINT', partnerNetworkIds: [partner], archived: false });
    await expect(channels.create(member, { networkId: net, kind: 'NETWORK', name: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(channels.create(outsider, { networkId: net, kind: 'NETWORK', name: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const direct = await channels.create(member, {
      networkId: net,
      kind: 'DIRECT',
      name: 'dm',
      memberIds: [observer.personId as string],
    });
    expect(direct.kind).toBe('DIRECT');
    await expect(
      channels.create(member, { networkId: net, kind: 'DIRECT', name: 'dm', memberIds: [outsider.personId as string] }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });

    // A joint channel is read by the owner's members and the partners it names, not by every partner.
    await expect(channels.access(partnerMember, joint.id)).resolves.toBeDefined();
    await expect(channels.access(otherPartnerMember, joint.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(channels.access(outsider, joint.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Direct channels are RESTRICTED: their members and the owner's secretariat (moderation), nobody else.
    await expect(channels.access(secretariat, direct.id)).resolves.toBeDefined();
    await expect(channels.access(partnerMember, direct.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets observers read but post only with a grant, and moderators mute', async () => {
    const channelId = (await insertChannel(ds, { networkId: net, name: 'obs' })).id;
    await expect(messages.send(observer, { channelId, clientId: 'o1', body: 'hi' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      key: 'channels:cannotPost',
    });
    const group = (
      await insertChannel(ds, { networkId: net, kind: 'GROUP', name: 'g', memberIds: [member.personId as string] })
    ).id;
    await channels.addMember(secretariat, { channelId: group, personId: observer.personId as string, canPost: true });
    await expect(messages.send(observer, { channelId: group, clientId: 'o2', body: 'granted' })).resolves.toMatchObject(
      { created: true },
    );
    await expect(
      channels.removeMember(secretariat, { channelId: group, personId: outsider.personId as string }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    await expect(
      channels.mute(member, { channelId, personId: observer.personId as string, minutes: 5 }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await channels.mute(secretariat, { channelId: group, personId: member.personId as string, minutes: 10 });
    await expect(messages.send(member, { channelId: group, clientId: 'm1', body: 'muted?' })).rejects.toMatchObject({
      key: 'channels:muted',
    });
    await channels.mute(secretariat, { channelId: group, personId: member.personId as string, minutes: 0 });
    await expect(messages.send(member, { channelId: group, clientId: 'm2', body: 'back' })).resolves.toMatchObject({
      created: true,
    });
  });

  it('archives: readable, but no more writes', async () => {
    const channel = await channels.create(secretariat, { networkId: net, kind: 'NETWORK', name: 'to archive' });
    const { message } = await messages.send(member, { channelId: channel.id, clientId: 'a1', body: 'last words' });
    await expect(channels.archive(member, channel.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await channels.archive(secretariat, channel.id)).archived).toBe(true);
    await expect(
      messages.send(member, { channelId: channel.id, clientId: 'a2', body: 'too late' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(messages.edit(member, { messageId: message.id, body: 'edit' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await messages.history(member, { channelId: channel.id })).items).toHaveLength(1);
    const renamed = await channels.update(secretariat, { channelId: channel.id, name: 'renamed', retentionDays: 30 });
    expect(renamed).toMatchObject({ name: 'renamed', retentionDays: 30 });
  });
});
