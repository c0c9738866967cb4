import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One direction of a symmetric partnership; the service always writes both. */
@Entity('network_partner')
export class NetworkPartnerEntity {
  @PrimaryColumn({ type: 'uuid', name: 'network_id' })
  networkId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'partner_id' })
  partnerId!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
