import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Language, TranslatableText, Visibility } from '@enlace/core';

export const NETWORK_KINDS = ['GOVERNMENTAL', 'CIVIL_SOCIETY', 'MIXED'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

/** The tenant. */
@Entity('network')
export class NetworkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'citext' })
  slug!: string;

  @Column({ type: 'jsonb' })
  name!: TranslatableText;

  @Column({ type: 'jsonb' })
  description!: TranslatableText;

  @Column({ type: 'text' })
  kind!: NetworkKind;

  @Column({ type: 'text', name: 'default_language' })
  defaultLanguage!: Language;

  @Column({ type: 'text', array: true, name: 'working_languages' })
  workingLanguages!: Language[];

  @Column({ type: 'text' })
  visibility!: Visibility;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
