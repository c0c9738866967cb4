export * from './channels.module';
export * from './channels-rules';
export { CHANNEL_KINDS, channelView } from './channel/channel.entity';
export type { ChannelAccessRow, ChannelKind, ChannelRow, ChannelView, MyChannelRow } from './channel/channel.entity';
export * from './channel/channel.service';
export { messageView } from './message/message.entity';
export type { MessageEditRow, MessageRow, MessageView, ReactionRow } from './message/message.entity';
export * from './message/message.service';
