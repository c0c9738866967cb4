import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Visibility } from '@enlace/core';
import type { RelationshipType } from '../directory-rules';

/** A typed, dated link between two people or organisations (actor and relationship mapping). */
@Entity('directory_relationship')
export class RelationshipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'network_id' })
  networkId!: string;

  @Column({ type: 'text' })
  type!: RelationshipType;

  @Column({ type: 'uuid', name: 'from_person_id', nullable: true })
  fromPersonId!: string | null;

  @Column({ type: 'uuid', name: 'from_organisation_id', nullable: true })
  fromOrganisationId!: string | null;

  @Column({ type: 'uuid', name: 'to_person_id', nullable: true })
  toPersonId!: string | null;

  @Column({ type: 'uuid', name: 'to_organisation_id', nullable: true })
  toOrganisationId!: string | null;

  @Column({ type: 'date', name: 'starts_on', nullable: true })
  startsOn!: string | null;

  @Column({ type: 'date', name: 'ends_on', nullable: true })
  endsOn!: string | null;

  @Column({ type: 'text' })
  visibility!: Visibility;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
