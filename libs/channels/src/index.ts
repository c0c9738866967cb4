export * from './channels.module';
export * from './channel.entity';
export * from './channel-message.entity';
export type { ChannelAccessRow, ChannelRow, MyChannelRow } from './channel.repository';
export type { MessageEditRow, MessageRow, ReactionRow } from './message.repository';
export * from './channel.service';
export * from './message.service';
export * from './channel-rules';
export * from './channel-views';
