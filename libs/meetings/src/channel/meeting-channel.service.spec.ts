import { Test } from '@nestjs/testing';
import { MeetingRepository } from '../meeting/meeting.repository';
import { MeetingChannelService } from './meeting-channel.service';
import { MEETING_CHANNELS, NoMeetingChannelsModule } from './meeting-channel.port';

/** Wiring only (nothing here reaches the database): the port is required, or said to be absent. */
describe('the meeting-channel port', () => {
  const providers = [MeetingChannelService, { provide: MeetingRepository, useValue: {} }];

  it('is a start-up error when a process composes meetings without wiring it', async () => {
    await expect(Test.createTestingModule({ providers }).compile()).rejects.toThrow(/enlace\.meetings\.channels/);
  });

  it('may be said to be absent (NoMeetingChannelsModule): meetings then have no channel', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [NoMeetingChannelsModule], providers }).compile();
    expect(moduleRef.get(MEETING_CHANNELS)).toBeNull();
    expect(moduleRef.get(MeetingChannelService)).toBeInstanceOf(MeetingChannelService);
    await moduleRef.close();
  });
});
