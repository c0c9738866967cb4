import type { Operation } from './test-app';

/** Operation builders for a meeting's channel and the invitations that feed it. */
export const meetingChannelOps = {
  meeting: (id: string): Operation => ({
    query: `query Meeting($id: ID!) { meeting(id: $id) { id status version channelId myResponse
      invitees { personId viaRole delegatedFromPersonId } } }`,
    variables: { id },
  }),
  channelMessages: (channelId: string): Operation => ({
    query: `query Messages($channelId: ID!) { channelMessages(channelId: $channelId, first: 50) {
      totalCount edges { node { id body author { id } } } } }`,
    variables: { channelId },
  }),
  myChannels: (): Operation => ({
    query: `query { myChannels(first: 100) { edges { node { canPost channel { id kind name archived partnerNetworkIds } } } } }`,
  }),
};

export interface MeetingChannelData {
  id: string;
  status: string;
  version: number;
  channelId: string | null;
  myResponse: string | null;
  invitees: { personId: string; viaRole: string | null; delegatedFromPersonId: string | null }[] | null;
}
