import { liveRoom } from './live-handler.registry';

/** The rooms `LiveBus` targets name: a channel's, a person's and a session's. */
export const channelRoom = (id: string) => liveRoom('channel', id);
export const personRoom = (id: string) => liveRoom('person', id);
export const sessionRoom = (id: string) => liveRoom('session', id);

/**
 * Presence (`online` on join, `offline` when a person's last socket goes) is announced only in rooms
 * of at most this many sockets on the process. Each announcement is a packet to every socket in the
 * room, so a room filling up would cost N² packets (1,000 sockets joining a channel: half a million
 * deliveries, seconds of CPU); beyond this size a join costs the room nothing.
 */
export const LIVE_PRESENCE_MAX_ROOM = 100;

/** How long `channel:join` waits for the other processes to say who is in a room (then: this process's). */
export const LIVE_PRESENCE_FETCH_MS = 1_000;
