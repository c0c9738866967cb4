import { liveRoom } from './live-handler.registry';

/** The rooms `LiveBus` targets name: a channel's, a person's and a session's. */
export const channelRoom = (id: string) => liveRoom('channel', id);
export const personRoom = (id: string) => liveRoom('person', id);
export const sessionRoom = (id: string) => liveRoom('session', id);
