import { parse } from 'csv-parse';
import { finished } from 'node:stream/promises';
import type { FieldError, I18nParams, Language } from '@enlace/core';
import {
  isCountryCode,
  isEmail,
  isIsoDate,
  isLanguage,
  isStorableText,
  optionalText,
  restoreCell,
  TimeSlicer,
} from '@enlace/core';
import { NETWORK_ROLES, NetworkRole, STATE_BOUND_ROLES } from '@enlace/core';
import { isPhone, ORGANISATION_TYPES, OrganisationType } from '../directory-rules';

/** The columns of an import file, by their canonical names (also the keys of `directory:csv.*`). */
export const IMPORT_COLUMNS = [
  'external_ref',
  'name',
  'honorific',
  'job_title',
  'email',
  'phone',
  'organisation',
  'organisation_type',
  'organisation_acronym',
  'country',
  'role',
  'member_state',
  'starts_on',
  'languages',
  'preferred_language',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['name', 'role'];

export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

export interface FileError {
  readonly line: number;
  readonly key: string;
  readonly params?: I18nParams;
}

/** One data row, validated on its own (no database yet). */
export interface ImportRow {
  readonly line: number;
  readonly errors: FieldError[];
  readonly externalRef: string | null;
  readonly name: string;
  readonly honorific: string | null;
  readonly jobTitle: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly organisation: string | null;
  readonly organisationType: OrganisationType | null;
  readonly organisationAcronym: string | null;
  readonly countryCode: string | null;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly startsOn: string | null;
  readonly languages: Language[] | null;
  readonly preferredLanguage: Language | null;
}

export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** UTF-8 text of an upload (a BOM is dropped), or null when the bytes are not UTF-8. */
export function decodeUtf8(input: Buffer | string): string | null {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** Bytes handed to the CSV parser at a time; between two of them, the parse may yield the event loop. */
export const READ_CHUNK_BYTES = 8 * 1024;

/**
 * Reads the file into rows of cells with their line numbers. Spreadsheets in Spanish, Portuguese or
 * French often save with semicolons: the delimiter is the one the header line uses most.
 *
 * The parser is fed `chunkBytes` at a time and `slicer` yields the event loop whenever a slice is used
 * up, so that a file of 20,000 rows never holds other requests for long; the records, their lines and
 * the first error are the same however the file is cut.
 */
export async function readCsv(
  text: string,
  slicer: TimeSlicer = new TimeSlicer(),
  chunkBytes: number = READ_CHUNK_BYTES,
): Promise<{ records: { line: number; cells: string[] }[] } | { error: FileError }> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const parser = parse({ delimiter, info: true, skip_empty_lines: true, relax_column_count: false });
  const records: { line: number; cells: string[] }[] = [];
  // A flowing parser hands over each chunk's records while `write` runs.
  parser.on('data', (p: { record: string[]; info: { lines: number } }) => {
    // A file exported by Enlace (and edited in a spreadsheet) has its formula-like cells neutralised.
    records.push({ line: p.info.lines, cells: p.record.map(restoreCell) });
  });
  let failure: unknown = null;
  parser.on('error', (error) => (failure ??= error));
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length && failure === null && !parser.destroyed; offset += chunkBytes) {
    parser.write(bytes.subarray(offset, offset + chunkBytes));
    if (slicer.due()) await slicer.yield();
  }
  if (failure === null && !parser.destroyed) parser.end();
  await finished(parser).catch((error: unknown) => (failure ??= error));
  if (failure !== null) {
    const line = (failure as { lines?: number }).lines ?? 1;
    return { error: { line, key: 'directory:import.malformed', params: { line } } };
  }
  return { records };
}

/**
 * Maps header cells to columns: the canonical names (`email`) or the localised headers of any of the
 * four languages ("Correo electrónico", "E-mail"...), compared without case or accents.
 */
export function mapHeader(
  header: readonly string[],
  labels: ReadonlyMap<string, ImportColumn>,
): { columns: (ImportColumn | null)[]; errors: FileError[] } {
  const errors: FileError[] = [];
  const seen = new Set<ImportColumn>();
  const columns = header.map((cell) => {
    const key = fold(cell);
    if (key === '') return null;
    const column = labels.get(key) ?? null;
    if (!column) errors.push({ line: 1, key: 'directory:import.unknownColumn', params: { column: cell.trim() } });
    else if (seen.has(column))
      errors.push({ line: 1, key: 'directory:import.duplicateColumn', params: { column: cell.trim() } });
    if (column) seen.add(column);
    return column;
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required))
      errors.push({ line: 1, key: 'directory:import.missingColumn', params: { column: required } });
  }
  return { columns, errors };
}

/** Validates one data row on its own: formats, codes, the role's member state. */
export function validateRow(
  line: number,
  cells: readonly string[],
  columns: readonly (ImportColumn | null)[],
  roleLabels: ReadonlyMap<string, NetworkRole>,
): ImportRow {
  const errors: FieldError[] = [];
  // The one text rule (no NUL, no lone surrogate): such a cell is a row error, and is read as empty so
  // that no other check or lookup ever sends it to the database.
  const unstorable = new Set<ImportColumn>();
  columns.forEach((column, i) => {
    if (column && cells[i] !== undefined && !isStorableText(cells[i])) {
      unstorable.add(column);
      errors.push({ field: column, key: 'validation:invalidCharacters' });
    }
  });
  const get = (column: ImportColumn): string | null => {
    const i = columns.indexOf(column);
    return i < 0 || unstorable.has(column) ? null : optionalText(cells[i]);
  };
  const externalRef = get('external_ref');
  if (externalRef && externalRef.length > 100) {
    errors.push({ field: 'external_ref', key: 'validation:tooLong', params: { max: 100 } });
  }
  const name = get('name') ?? '';
  if (name === '' && !unstorable.has('name')) errors.push({ field: 'name', key: 'validation:required' });
  else if (name.length > 200) errors.push({ field: 'name', key: 'validation:tooLong', params: { max: 200 } });
  const honorific = get('honorific');
  if (honorific && honorific.length > 40)
    errors.push({ field: 'honorific', key: 'validation:tooLong', params: { max: 40 } });
  const jobTitle = get('job_title');
  if (jobTitle && jobTitle.length > 200)
    errors.push({ field: 'job_title', key: 'validation:tooLong', params: { max: 200 } });
  const email = get('email')?.toLowerCase() ?? null;
  if (email && !isEmail(email)) errors.push({ field: 'email', key: 'validation:invalidEmail' });
  const phone = get('phone');
  if (phone && !isPhone(phone)) errors.push({ field: 'phone', key: 'directory:invalidPhone' });
  if (!email && !externalRef && !unstorable.has('email') && !unstorable.has('external_ref')) {
    errors.push({ field: 'email', key: 'directory:import.matchRequired' });
  }
  const organisation = get('organisation');
  if (organisation && organisation.length > 300) {
    errors.push({ field: 'organisation', key: 'validation:tooLong', params: { max: 300 } });
  }
  const typeText =
    get('organisation_type')
      ?.toUpperCase()
      .replace(/[\s-]+/g, '_') ?? null;
  const organisationType = typeText as OrganisationType | null;
  if (organisationType && !ORGANISATION_TYPES.includes(organisationType)) {
    errors.push({
      field: 'organisation_type',
      key: 'directory:import.invalidOrganisationType',
      params: { value: get('organisation_type') ?? '', values: ORGANISATION_TYPES.join(', ') },
    });
  }
  const organisationAcronym = get('organisation_acronym');
  if (organisationAcronym && organisationAcronym.length > 40) {
    errors.push({ field: 'organisation_acronym', key: 'validation:tooLong', params: { max: 40 } });
  }
  const countryCode = get('country')?.toUpperCase() ?? null;
  if (countryCode && !isCountryCode(countryCode)) {
    errors.push({ field: 'country', key: 'directory:unknownCountry', params: { value: get('country') ?? '' } });
  }
  const roleText = get('role');
  const role = (roleText ? (roleLabels.get(fold(roleText)) ?? null) : null) as NetworkRole;
  if (!roleText) {
    if (!unstorable.has('role')) errors.push({ field: 'role', key: 'validation:required' });
  } else if (!role) {
    errors.push({
      field: 'role',
      key: 'directory:import.invalidRole',
      params: { value: roleText, values: NETWORK_ROLES.join(', ') },
    });
  }
  const memberState = get('member_state')?.toUpperCase() ?? null;
  if (role && STATE_BOUND_ROLES.includes(role) && !memberState) {
    errors.push({ field: 'member_state', key: 'directory:memberStateRequired' });
  } else if (role && !STATE_BOUND_ROLES.includes(role) && memberState) {
    errors.push({ field: 'member_state', key: 'directory:memberStateNotAllowed' });
  } else if (memberState && !isCountryCode(memberState)) {
    errors.push({
      field: 'member_state',
      key: 'directory:unknownCountry',
      params: { value: get('member_state') ?? '' },
    });
  }
  const startsOn = get('starts_on');
  if (startsOn && !isIsoDate(startsOn)) errors.push({ field: 'starts_on', key: 'directory:invalidDate' });
  const languagesText = get('languages');
  const languages = languagesText
    ? [
        ...new Set(
          languagesText
            .toLowerCase()
            .split(/[\s;,|/]+/)
            .filter((l) => l !== ''),
        ),
      ]
    : null;
  for (const lang of languages ?? []) {
    if (!isLanguage(lang)) {
      errors.push({ field: 'languages', key: 'validation:unsupportedLanguage', params: { value: lang } });
    }
  }
  const preferredLanguage = get('preferred_language')?.toLowerCase() ?? null;
  if (preferredLanguage && !isLanguage(preferredLanguage)) {
    errors.push({
      field: 'preferred_language',
      key: 'validation:unsupportedLanguage',
      params: { value: preferredLanguage },
    });
  }
  return {
    line,
    errors,
    externalRef,
    name,
    honorific,
    jobTitle,
    email,
    phone,
    organisation,
    organisationType,
    organisationAcronym,
    countryCode,
    role,
    memberState,
    startsOn,
    languages: languages as Language[] | null,
    preferredLanguage: preferredLanguage as Language | null,
  };
}

/**
 * Validates every data row (`validateRow`) and flags values repeated within the file
 * (`flagDuplicates`), in slices (see `TimeSlicer`): the rows are the same as validating them in one go.
 */
export async function validateRows(
  records: readonly { line: number; cells: readonly string[] }[],
  columns: readonly (ImportColumn | null)[],
  roleLabels: ReadonlyMap<string, NetworkRole>,
  slicer: TimeSlicer = new TimeSlicer(),
): Promise<ImportRow[]> {
  const duplicates = new DuplicateFinder();
  return slicer.map(records, (r) => duplicates.check(validateRow(r.line, r.cells, columns, roleLabels)));
}

/** Values that must be unique within a file (email, external reference, a seat): later rows name the first. */
export function flagDuplicates(rows: readonly ImportRow[]): void {
  const duplicates = new DuplicateFinder();
  for (const row of rows) duplicates.check(row);
}

/** `flagDuplicates` one row at a time, in file order. */
class DuplicateFinder {
  private readonly firstSeen = new Map<string, number>();

  /** Adds an error to `row` for each unique value an earlier row already has; returns the row. */
  check(row: ImportRow): ImportRow {
    const keys: [string, string, string][] = [];
    if (row.email) keys.push([`email:${row.email}`, 'email', 'directory:import.duplicateInFile']);
    if (row.externalRef) {
      keys.push([`ref:${row.externalRef.toLowerCase()}`, 'external_ref', 'directory:import.duplicateInFile']);
    }
    if (row.role && STATE_BOUND_ROLES.includes(row.role) && row.memberState) {
      keys.push([`seat:${row.role}:${row.memberState}`, 'member_state', 'directory:import.seatTwice']);
    }
    for (const [key, field, message] of keys) {
      const first = this.firstSeen.get(key);
      if (first !== undefined) row.errors.push({ field, key: message, params: { line: first } });
      else this.firstSeen.set(key, row.line);
    }
    return row;
  }
}
