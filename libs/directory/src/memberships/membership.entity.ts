import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { NetworkRole, Visibility } from '@enlace/core';

/** Person × network × role × member state × term. A term is current while `endsOn` is null or in the future. */
@Entity('membership')
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'person_id' })
  personId!: string;

  @Column({ type: 'uuid', name: 'network_id' })
  networkId!: string;

  @Column({ type: 'text' })
  role!: NetworkRole;

  @Column({ type: 'char', length: 2, name: 'member_state', nullable: true })
  memberState!: string | null;

  @Column({ type: 'date', name: 'starts_on' })
  startsOn!: string;

  @Column({ type: 'date', name: 'ends_on', nullable: true })
  endsOn!: string | null;

  @Column({ type: 'text' })
  visibility!: Visibility;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
