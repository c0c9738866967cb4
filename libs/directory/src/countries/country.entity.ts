import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Language } from '@enlace/core';
import type { Region } from './regions';

/** An ISO 3166-1 country, its names in the four languages (from i18n-iso-countries) and its region. */
@Entity('country')
export class CountryEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  code!: string;

  @Column({ type: 'char', length: 3 })
  alpha3!: string;

  @Column({ type: 'text' })
  region!: Region;

  @Column({ type: 'jsonb' })
  names!: Record<Language, string>;
}
