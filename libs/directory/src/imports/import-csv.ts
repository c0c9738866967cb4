import { parse } from 'csv-parse';
import { finished } from 'node:stream/promises';
import type { FieldError, I18nParams, Language } from '@enlace/core';
import {
  countries,
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
  'ends_on',
  'languages',
  'preferred_language',
  'memberships',
] as const;
/**
 * The columns of an import file and of the CSV export alike, in this order: an exported file imports
 * again as it is. `memberships` (every term the reader may see, in words) is read-only: the import
 * accepts the column and ignores it.
 */
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
  /** The first day the role is no longer held (an end planned or past). */
  readonly endsOn: string | null;
  /** Every address of the cell (an export lists them with `; `); `email` is the first. */
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly languages: Language[] | null;
  readonly preferredLanguage: Language | null;
  /** Cells of the network's custom fields, by field key (read by the importer, which knows the fields). */
  readonly fieldCells?: Readonly<Record<string, string>>;
  /** The cells of the network's custom fields of organisations (by key), for the row's organisation. */
  readonly orgFieldCells?: Readonly<Record<string, string>>;
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
  labelLanguages: ReadonlyMap<string, ReadonlySet<Language>> = new Map(),
  fieldLabels: ReadonlyMap<string, string> = new Map(),
): { columns: (ImportColumn | null)[]; errors: FileError[]; dayFirst: boolean; fieldColumns: (string | null)[] } {
  const errors: FileError[] = [];
  const seen = new Set<ImportColumn>();
  const seenFields = new Set<string>();
  // A cell that names no column of the file format may name a custom field (its key or label).
  const fieldColumns = header.map((cell) => {
    const key = fold(cell);
    return key !== '' && !labels.has(key) ? (fieldLabels.get(key) ?? null) : null;
  });
  // The file's language: the languages whose headers it uses (canonical names say nothing).
  let languages: Set<Language> | null = null;
  const columns = header.map((cell, index) => {
    const key = fold(cell);
    if (key === '') return null;
    const column = labels.get(key) ?? null;
    const field = fieldColumns[index];
    if (field) {
      if (seenFields.has(field)) {
        errors.push({ line: 1, key: 'directory:import.duplicateColumn', params: { column: cell.trim() } });
      }
      seenFields.add(field);
      return null;
    }
    const of = labelLanguages.get(key);
    if (column && of && !(IMPORT_COLUMNS as readonly string[]).some((c) => fold(c) === key)) {
      languages = new Set([...(languages ?? of)].filter((l) => of.has(l)));
    }
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
  const found = [...((languages as Set<Language> | null) ?? [])];
  // Spanish, Portuguese and French spreadsheets write dates day first; English ones may not.
  const dayFirst = found.length > 0 && found.every((l) => DAY_FIRST_LANGUAGES.includes(l));
  return { columns, errors, dayFirst, fieldColumns };
}

/** Languages whose spreadsheets write dates `DD/MM/YYYY`. */
export const DAY_FIRST_LANGUAGES: readonly Language[] = ['es', 'pt', 'fr'];

/** Options of a row's validation that come from the file as a whole. */
export interface RowOptions {
  /** Read `DD/MM/YYYY` (also with `.` or `-`) as well as ISO dates: the file's headers are es, pt or fr. */
  readonly dayFirst?: boolean;
}

/** `YYYY-MM-DD`, or `DD/MM/YYYY` when `dayFirst`, as an ISO date; null when it is neither or no such day. */
export function parseDate(text: string, dayFirst: boolean): string | null {
  if (isIsoDate(text)) return text;
  const m = dayFirst ? /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text) : null;
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

let countryNames: Map<string, string> | null = null;

/**
 * A country by its ISO 3166-1 alpha-2 code or its name in English, Spanish, Portuguese or French
 * (with its usual variants), compared without case or accents: `Pérou`, `peru`, `Perú` are PE.
 */
export function countryCodeOf(text: string): string | null {
  const code = text.trim().toUpperCase();
  if (isCountryCode(code)) return code;
  if (countryNames === null) {
    countryNames = new Map();
    for (const c of Object.keys(countries.getAlpha2Codes())) {
      for (const lang of ['en', 'es', 'pt', 'fr']) {
        for (const name of countries.getName(c, lang, { select: 'all' }) ?? []) {
          if (!countryNames.has(fold(name))) countryNames.set(fold(name), c);
        }
      }
    }
  }
  return countryNames.get(fold(text)) ?? null;
}

/** Validates one data row on its own: formats, codes, the role's member state. */
export function validateRow(
  line: number,
  cells: readonly string[],
  columns: readonly (ImportColumn | null)[],
  roleLabels: ReadonlyMap<string, NetworkRole>,
  options: RowOptions = {},
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
  // An export lists a person's addresses and numbers with `; `: each is read and checked.
  const emails = [
    ...new Set(
      (get('email') ?? '')
        .toLowerCase()
        .split(/[\s;,]+/)
        .filter((e) => e !== ''),
    ),
  ];
  const email = emails[0] ?? null;
  if (emails.some((e) => !isEmail(e))) errors.push({ field: 'email', key: 'validation:invalidEmail' });
  const phones = [
    ...new Set(
      (get('phone') ?? '')
        .split(';')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    ),
  ];
  const phone = phones[0] ?? null;
  if (phones.some((p) => !isPhone(p))) errors.push({ field: 'phone', key: 'directory:invalidPhone' });
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
  const countryText = get('country');
  const countryCode = countryText ? countryCodeOf(countryText) : null;
  if (countryText && !countryCode) {
    errors.push({ field: 'country', key: 'directory:import.unknownCountry', params: { value: countryText } });
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
  const stateText = get('member_state');
  const memberState = stateText ? (countryCodeOf(stateText) ?? stateText.toUpperCase()) : null;
  if (role && STATE_BOUND_ROLES.includes(role) && !memberState) {
    errors.push({ field: 'member_state', key: 'directory:memberStateRequired' });
  } else if (role && !STATE_BOUND_ROLES.includes(role) && memberState) {
    errors.push({ field: 'member_state', key: 'directory:memberStateNotAllowed' });
  } else if (memberState && !isCountryCode(memberState)) {
    errors.push({
      field: 'member_state',
      key: 'directory:import.unknownCountry',
      params: { value: stateText ?? '' },
    });
  }
  const dateKey = options.dayFirst ? 'directory:import.invalidDayFirstDate' : 'directory:invalidDate';
  const date = (column: 'starts_on' | 'ends_on'): string | null => {
    const text = get(column);
    if (!text) return null;
    const iso = parseDate(text, options.dayFirst ?? false);
    if (!iso) errors.push({ field: column, key: dateKey });
    return iso;
  };
  const startsOn = date('starts_on');
  const endsOn = date('ends_on');
  if (startsOn && endsOn && endsOn < startsOn) errors.push({ field: 'ends_on', key: 'directory:endBeforeStart' });
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
    endsOn,
    emails,
    phones,
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
  options: RowOptions = {},
): Promise<ImportRow[]> {
  const duplicates = new DuplicateFinder();
  return slicer.map(records, (r) => duplicates.check(validateRow(r.line, r.cells, columns, roleLabels, options)));
}

/**
 * Values that must be unique within a file (a person's email or external reference in one role and
 * member state, a seat): later rows name the first. A person holding two roles has a row for each.
 */
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
    const role = `${row.role}:${row.memberState ?? ''}`;
    for (const email of row.emails) keys.push([`email:${email}:${role}`, 'email', 'directory:import.duplicateInFile']);
    if (row.externalRef) {
      keys.push([`ref:${row.externalRef.toLowerCase()}:${role}`, 'external_ref', 'directory:import.duplicateInFile']);
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
