import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CHANNEL_KINDS = ['NETWORK', 'GROUP', 'JOINT', 'DIRECT'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/**
 * A discussion channel owned by a network. Its visibility follows from its kind: network-wide →
 * NETWORK, joint → PARTNERS (narrowed to the partner networks it names), working group and direct →
 * RESTRICTED (their named members and the owner's secretariat).
 */
@Entity('channel')
export class ChannelEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'network_id' })
  networkId!: string;

  @Column({ type: 'text' })
  kind!: ChannelKind;

  @Column({ type: 'text' })
  visibility!: 'NETWORK' | 'PARTNERS' | 'RESTRICTED';

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'integer', name: 'retention_days', nullable: true })
  retentionDays!: number | null;

  @Column({ type: 'timestamptz', name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
