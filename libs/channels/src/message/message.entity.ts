import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One message; `seq` orders a channel's messages (cursors, unread counts, catch-up). */
@Entity('channel_message')
export class ChannelMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** bigint: read as a string. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ type: 'uuid', name: 'channel_id' })
  channelId!: string;

  @Column({ type: 'uuid', name: 'author_id' })
  authorId!: string;

  @Column({ type: 'text', name: 'client_id' })
  clientId!: string;

  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'uuid', array: true })
  mentions!: string[];

  @Column({ type: 'timestamptz', name: 'pinned_at', nullable: true })
  pinnedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'edited_at', nullable: true })
  editedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;
}
