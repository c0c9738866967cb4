import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A country's membership of a network, with the day it joined (and left). */
@Entity('member_state')
export class MemberStateEntity {
  @PrimaryColumn({ type: 'uuid', name: 'network_id' })
  networkId!: string;

  @PrimaryColumn({ type: 'char', length: 2, name: 'country_code' })
  countryCode!: string;

  @Column({ type: 'date', name: 'joined_on' })
  joinedOn!: string;

  @Column({ type: 'date', name: 'left_on', nullable: true })
  leftOn!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
