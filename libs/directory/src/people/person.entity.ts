import type { Language } from '@enlace/core';

/** A person's directory record (the `person` row: a name and language for every account, and the directory's columns). */
export interface DirectoryPerson {
  readonly id: string;
  readonly name: string;
  readonly honorific: string | null;
  readonly jobTitle: string | null;
  readonly organisationId: string | null;
  readonly countryCode: string | null;
  readonly languages: Language[];
  readonly preferredLanguage: Language;
  /** The IANA time zone they read dates in, as chosen; null for their country's main zone (`personTimeZone`). */
  readonly timeZone: string | null;
  readonly externalRef: string | null;
  readonly erasedAt: Date | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface PersonRow {
  id: string;
  name: string;
  honorific: string | null;
  job_title: string | null;
  organisation_id: string | null;
  country_code: string | null;
  languages: Language[];
  preferred_language: Language;
  time_zone: string | null;
  external_ref: string | null;
  erased_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function toPerson(r: PersonRow): DirectoryPerson {
  return {
    id: r.id,
    name: r.name,
    honorific: r.honorific,
    jobTitle: r.job_title,
    organisationId: r.organisation_id,
    countryCode: r.country_code,
    languages: r.languages ?? [],
    preferredLanguage: r.preferred_language,
    timeZone: r.time_zone ?? null,
    externalRef: r.external_ref,
    erasedAt: r.erased_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
