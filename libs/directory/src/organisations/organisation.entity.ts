import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TranslatableText } from '@enlace/core';
import type { OrganisationType } from '../directory-rules';

/** A government body, civil-society organisation, intergovernmental or UN office, academic institution... */
@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  type!: OrganisationType;

  @Column({ type: 'jsonb' })
  name!: TranslatableText;

  @Column({ type: 'text', nullable: true })
  acronym!: string | null;

  @Column({ type: 'char', length: 2, name: 'country_code', nullable: true })
  countryCode!: string | null;

  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
