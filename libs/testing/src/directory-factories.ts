import { DataSource } from 'typeorm';

/** Directory factories: organisations, member states, directory people with contacts and terms. */

export async function insertOrganisation(
  ds: DataSource,
  options: {
    name?: string;
    names?: Record<string, string>;
    type?: string;
    acronym?: string;
    countryCode?: string;
    parentId?: string;
  } = {},
): Promise<{ id: string }> {
  const names = options.names ?? { en: options.name ?? 'Ministry of Foreign Affairs' };
  const name = Object.fromEntries(
    Object.entries(names).map(([lang, text], i) => [lang, { text, status: i === 0 ? 'ORIGINAL' : 'TRANSLATED' }]),
  );
  const [row] = (await ds.query(
    `INSERT INTO organisation (type, name, acronym, country_code, parent_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      options.type ?? 'GOVERNMENT',
      JSON.stringify(name),
      options.acronym ?? null,
      options.countryCode ?? null,
      options.parentId ?? null,
    ],
  )) as { id: string }[];
  return row;
}

export async function insertMemberState(
  ds: DataSource,
  options: { networkId: string; countryCode: string; joinedOn?: string; leftOn?: string | null },
): Promise<void> {
  await ds.query(
    `INSERT INTO member_state (network_id, country_code, joined_on, left_on) VALUES ($1, $2, COALESCE($3::date, current_date), $4)`,
    [options.networkId, options.countryCode, options.joinedOn ?? null, options.leftOn ?? null],
  );
}

export interface DirectoryPersonOptions {
  name: string;
  honorific?: string;
  jobTitle?: string;
  organisationId?: string | null;
  countryCode?: string | null;
  languages?: string[];
  externalRef?: string | null;
  contacts?: { kind: 'EMAIL' | 'PHONE'; value: string; visibility?: string }[];
  /** Memberships to open for the person. */
  memberships?: {
    networkId: string;
    role: string;
    memberState?: string | null;
    visibility?: string;
    startsOn?: string;
    endsOn?: string | null;
  }[];
}

/** A person with directory fields, contact details and memberships, without an account. */
export async function insertDirectoryPerson(ds: DataSource, options: DirectoryPersonOptions): Promise<{ id: string }> {
  const [person] = (await ds.query(
    `INSERT INTO person (name, honorific, job_title, organisation_id, country_code, languages, external_ref)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      options.name,
      options.honorific ?? null,
      options.jobTitle ?? null,
      options.organisationId ?? null,
      options.countryCode ?? null,
      options.languages ?? [],
      options.externalRef ?? null,
    ],
  )) as { id: string }[];
  for (const [i, c] of (options.contacts ?? []).entries()) {
    await ds.query(
      `INSERT INTO person_contact (person_id, kind, value, visibility, position) VALUES ($1, $2, $3, $4, $5)`,
      [person.id, c.kind, c.value, c.visibility ?? 'NETWORK', i],
    );
  }
  for (const m of options.memberships ?? []) {
    await ds.query(
      `INSERT INTO membership (person_id, network_id, role, member_state, visibility, starts_on, ends_on)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6::date, current_date), $7)`,
      [
        person.id,
        m.networkId,
        m.role,
        m.memberState ?? null,
        m.visibility ?? 'NETWORK',
        m.startsOn ?? null,
        m.endsOn ?? null,
      ],
    );
  }
  return person;
}
