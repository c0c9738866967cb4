import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '@enlace/core';

/** An email waiting for delivery (sent by `EmailDeliveryService` of `@enlace/notifications`, in the worker). */
@Entity('email_outbox')
export class EmailOutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'citext' })
  recipient!: string;

  @Column({ type: 'text' })
  language!: Language;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'jsonb' })
  params!: Record<string, string | number>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'failed_at', nullable: true })
  failedAt!: Date | null;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;
}
