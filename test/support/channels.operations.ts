import type { Operation } from './test-app';

/** Small GraphQL operation builders for the channel tests. */
export const channelOps = {
  myChannels: (first = 20): Operation => ({
    query: `query My($first: Int) { myChannels(first: $first) { totalCount
      edges { cursor node { unreadCount mentionCount canPost channel { id name kind archived } } } } }`,
    variables: { first },
  }),
  messages: (variables: Record<string, unknown>): Operation => ({
    query: `query Messages($channelId: ID!, $first: Int, $after: String, $before: String, $around: ID, $threadId: ID) {
      channelMessages(channelId: $channelId, first: $first, after: $after, before: $before, around: $around, threadId: $threadId) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
        edges { cursor node { id clientId body parentId replyCount pinned editedAt deletedAt mentions
          author { id name } reactions { emoji count personIds } } } } }`,
    variables,
  }),
  search: (text: string, channelId?: string): Operation => ({
    query: `query Search($text: String!, $channelId: ID) { searchMessages(text: $text, channelId: $channelId, first: 50) {
      totalCount edges { node { id body channelId } } } }`,
    variables: { text, channelId },
  }),
  edits: (messageId: string): Operation => ({
    query: `query Edits($messageId: ID!) { messageEdits(messageId: $messageId) { body replacedBy } }`,
    variables: { messageId },
  }),
  createChannel: (input: Record<string, unknown>): Operation => ({
    query: `mutation Create($input: CreateChannelInput!) { createChannel(input: $input) { id name kind archived partnerNetworkIds } }`,
    variables: { input },
  }),
  updateChannel: (input: Record<string, unknown>): Operation => ({
    query: `mutation Update($input: UpdateChannelInput!) { updateChannel(input: $input) { id name retentionDays } }`,
    variables: { input },
  }),
  archive: (channelId: string, archived = true): Operation => ({
    query: `mutation Archive($channelId: ID!, $archived: Boolean) { archiveChannel(channelId: $channelId, archived: $archived) { id archived } }`,
    variables: { channelId, archived },
  }),
  addMember: (channelId: string, personId: string, canPost?: boolean): Operation => ({
    query: `mutation Add($input: ChannelMemberInput!) { addChannelMember(input: $input) { id } }`,
    variables: { input: { channelId, personId, canPost } },
  }),
  removeMember: (channelId: string, personId: string): Operation => ({
    query: `mutation Remove($input: ChannelMemberInput!) { removeChannelMember(input: $input) { id } }`,
    variables: { input: { channelId, personId } },
  }),
  mute: (channelId: string, personId: string, minutes: number): Operation => ({
    query: `mutation Mute($input: MuteChannelMemberInput!) { muteChannelMember(input: $input) }`,
    variables: { input: { channelId, personId, minutes } },
  }),
  pin: (messageId: string, pinned = true): Operation => ({
    query: `mutation Pin($messageId: ID!, $pinned: Boolean) { pinMessage(messageId: $messageId, pinned: $pinned) { id pinned } }`,
    variables: { messageId, pinned },
  }),
  pinned: (channelId: string): Operation => ({
    query: `query Pinned($channelId: ID!) { pinnedMessages(channelId: $channelId) { id body pinned author { id } } }`,
    variables: { channelId },
  }),
  deleteMessage: (messageId: string): Operation => ({
    query: `mutation Delete($messageId: ID!) { deleteMessage(messageId: $messageId) }`,
    variables: { messageId },
  }),
  endMembership: (id: string, endsOn?: string): Operation => ({
    query: `mutation End($input: EndMembershipInput!) { endMembership(input: $input) { id endsOn } }`,
    variables: { input: endsOn ? { id, endsOn } : { id } },
  }),
  postNotice: (input: { channelId: string; clientId: string; body: string; remindAfterDays?: number }): Operation => ({
    query: `mutation Post($input: PostChannelNoticeInput!) { postChannelNotice(input: $input) { id requiresAcknowledgement } }`,
    variables: { input },
  }),
};
