import type { Language, TranslatableText, Visibility } from '@enlace/core';

export const NETWORK_KINDS = ['GOVERNMENTAL', 'CIVIL_SOCIETY', 'MIXED'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

/** The tenant. */
export interface Network {
  readonly id: string;
  readonly slug: string;
  readonly name: TranslatableText;
  readonly description: TranslatableText;
  readonly kind: NetworkKind;
  readonly defaultLanguage: Language;
  readonly workingLanguages: Language[];
  readonly visibility: Visibility;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NetworkRow {
  id: string;
  slug: string;
  name: TranslatableText;
  description: TranslatableText;
  kind: NetworkKind;
  default_language: Language;
  working_languages: Language[];
  visibility: Visibility;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The columns of `toNetwork`'s row, qualified by `alias`. */
export function networkColumns(alias: string): string {
  return ['id', 'slug', 'name', 'description', 'kind', 'default_language', 'working_languages', 'visibility']
    .concat(['version', 'created_at', 'updated_at'])
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

export function toNetwork(row: NetworkRow): Network {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    kind: row.kind,
    defaultLanguage: row.default_language,
    workingLanguages: row.working_languages,
    visibility: row.visibility,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
