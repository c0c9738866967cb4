import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Visibility } from '@enlace/core';
import type { ContactKind } from '../directory-rules';

/** One email address or phone number of a person, with its own visibility. */
@Entity('person_contact')
export class PersonContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'person_id' })
  personId!: string;

  @Column({ type: 'text' })
  kind!: ContactKind;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @Column({ type: 'text' })
  visibility!: Visibility;

  @Column({ type: 'integer' })
  position!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
