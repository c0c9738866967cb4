import { parse } from 'csv-parse/sync';
import { Language, NETWORK_ROLES, NetworkRole, restoreCell, TimeSlicer } from '@enlace/core';
import {
  decodeUtf8,
  flagDuplicates,
  fold,
  countryCodeOf,
  ImportColumn,
  IMPORT_COLUMNS,
  mapHeader,
  parseDate,
  readCsv,
  validateRow,
  validateRows,
} from './import-csv';

const labels = new Map<string, ImportColumn>([
  ...IMPORT_COLUMNS.map((c) => [fold(c), c] as [string, ImportColumn]),
  [fold('Correo electrónico'), 'email'],
  [fold('Nombre'), 'name'],
  [fold('Rol'), 'role'],
]);
const roles = new Map<string, NetworkRole>([
  ...NETWORK_ROLES.map((r) => [fold(r), r] as [string, NetworkRole]),
  [fold('Punto focal'), 'FOCAL_POINT'],
]);
const columns: ImportColumn[] = ['external_ref', 'name', 'email', 'country', 'role', 'member_state', 'languages'];

describe('import CSV', () => {
  it('decodes UTF-8 (dropping a BOM) and refuses other encodings', () => {
    expect(decodeUtf8(Buffer.from('\uFEFFname', 'utf8'))).toBe('name');
    expect(decodeUtf8(Buffer.from('Jos\xe9', 'latin1'))).toBeNull();
  });

  it('reads lines with their numbers, commas or semicolons', async () => {
    expect(await readCsv('a;b\n1;"x;y"\n\n2;z')).toEqual({
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['1', 'x;y'] },
        { line: 4, cells: ['2', 'z'] },
      ],
    });
    expect(await readCsv('a,b\n1,"open\n2,3')).toEqual({
      error: { line: expect.any(Number), key: 'directory:import.malformed', params: { line: expect.any(Number) } },
    });
  });

  it('reads the cells our exports neutralised as what they were', async () => {
    expect(await readCsv(`name,phone\n"'=Ana","'+51 1 204 2400"\n'plain,"''=x"`)).toEqual({
      records: [
        { line: 1, cells: ['name', 'phone'] },
        { line: 2, cells: ['=Ana', '+51 1 204 2400'] },
        { line: 3, cells: ["'plain", "'=x"] },
      ],
    });
  });

  it('maps canonical and localised headers, and reports unknown, repeated and missing columns', () => {
    expect(mapHeader(['Nombre', 'CORREO ELECTRONICO', 'role'], labels)).toEqual({
      columns: ['name', 'email', 'role'],
      errors: [],
      dayFirst: false,
      fieldColumns: [null, null, null],
    });
    expect(mapHeader(['name', 'name', 'colour'], labels).errors).toEqual([
      { line: 1, key: 'directory:import.duplicateColumn', params: { column: 'name' } },
      { line: 1, key: 'directory:import.unknownColumn', params: { column: 'colour' } },
      { line: 1, key: 'directory:import.missingColumn', params: { column: 'role' } },
    ]);
  });

  it('validates a row on its own', () => {
    const ok = validateRow(2, ['R1', 'Ana', 'ANA@example.org', 'pe', 'punto focal', 'PE', 'es;pt'], columns, roles);
    expect(ok).toMatchObject({
      errors: [],
      email: 'ana@example.org',
      countryCode: 'PE',
      role: 'FOCAL_POINT',
      languages: ['es', 'pt'],
    });
    const bad = validateRow(3, ['', '', 'nope', 'XX', 'CHIEF', 'PE', 'de'], columns, roles);
    expect(bad.errors.map((e) => [e.field, e.key])).toEqual([
      ['name', 'validation:required'],
      ['email', 'validation:invalidEmail'],
      ['country', 'directory:import.unknownCountry'],
      ['role', 'directory:import.invalidRole'],
      ['languages', 'validation:unsupportedLanguage'],
    ]);
    const noState = validateRow(4, ['R2', 'Bo', 'bo@example.org', '', 'FOCAL_POINT', '', ''], columns, roles);
    expect(noState.errors).toEqual([{ field: 'member_state', key: 'directory:memberStateRequired' }]);
    const unmatched = validateRow(5, ['', 'Cy', '', '', 'OBSERVER', '', ''], columns, roles);
    expect(unmatched.errors).toEqual([{ field: 'email', key: 'directory:import.matchRequired' }]);
  });

  it('refuses cells with NUL or a lone surrogate, read as empty and named once each', () => {
    const row = validateRow(
      2,
      ['R1', 'A\u0000', 'a\u0000@example.org', 'PE', 'OBSERVER\ud800', '', ''],
      columns,
      roles,
    );
    expect(row.errors).toEqual([
      { field: 'name', key: 'validation:invalidCharacters' },
      { field: 'email', key: 'validation:invalidCharacters' },
      { field: 'role', key: 'validation:invalidCharacters' },
    ]);
    expect(row).toMatchObject({ name: '', email: null });
  });

  it('tells a day-first file by its headers: Spanish, Portuguese or French ones, not English or canonical', () => {
    const languages = new Map<string, Set<Language>>([
      [fold('Nombre'), new Set<Language>(['es'])],
      [fold('Correo electrónico'), new Set<Language>(['es'])],
      [fold('Rol'), new Set<Language>(['es'])],
      [fold('Email'), new Set<Language>(['en', 'pt'])],
    ]);
    const withEmail = new Map([...labels, [fold('Email'), 'email' as ImportColumn]]);
    expect(mapHeader(['Nombre', 'Correo electrónico', 'Rol'], labels, languages).dayFirst).toBe(true);
    expect(mapHeader(['name', 'Email', 'role'], withEmail, languages).dayFirst).toBe(false);
    expect(mapHeader(['name', 'email', 'role'], labels, languages).dayFirst).toBe(false);
  });

  it('reads ISO dates always, DD/MM/YYYY in a day-first file, and never a day that does not exist', () => {
    expect(parseDate('2024-03-15', false)).toBe('2024-03-15');
    expect(parseDate('15/03/2024', false)).toBeNull();
    expect(parseDate('15/03/2024', true)).toBe('2024-03-15');
    expect(parseDate('5.3.2024', true)).toBe('2024-03-05');
    expect(parseDate('31/02/2024', true)).toBeNull();
    expect(parseDate('03/15/2024', true)).toBeNull();
  });

  it('reads countries by code or by name in the four languages, without accents or case', () => {
    expect(['pe', 'Perú', 'PEROU', 'pérou', 'Peru'].map(countryCodeOf)).toEqual(['PE', 'PE', 'PE', 'PE', 'PE']);
    expect(['Alemanha', 'Allemagne', 'Germany', 'alemania'].map(countryCodeOf)).toEqual(['DE', 'DE', 'DE', 'DE']);
    expect(['Côte d’Ivoire', 'costa de marfil', 'Atlantis', 'XX'].map(countryCodeOf)).toEqual(['CI', 'CI', null, null]);
  });

  it('flags repeated emails, references and seats with the line that came first', () => {
    const rows = [
      validateRow(2, ['R1', 'A', 'a@example.org', '', 'FOCAL_POINT', 'PE', ''], columns, roles),
      validateRow(3, ['R2', 'B', 'A@example.org', '', 'FOCAL_POINT', 'PE', ''], columns, roles),
      validateRow(4, ['r1', 'C', 'c@example.org', '', 'FOCAL_POINT', 'PE', ''], columns, roles),
      // Another role of the same person is a row of its own, not a repeat.
      validateRow(5, ['R1', 'A', 'a@example.org', '', 'OBSERVER', '', ''], columns, roles),
    ];
    flagDuplicates(rows);
    expect(rows.map((r) => r.errors)).toEqual([
      [],
      [
        { field: 'email', key: 'directory:import.duplicateInFile', params: { line: 2 } },
        { field: 'member_state', key: 'directory:import.seatTwice', params: { line: 2 } },
      ],
      [
        { field: 'external_ref', key: 'directory:import.duplicateInFile', params: { line: 2 } },
        { field: 'member_state', key: 'directory:import.seatTwice', params: { line: 2 } },
      ],
      [],
    ]);
  });

  describe('in slices', () => {
    /** How the file was read before it was read in slices: the whole text in one synchronous parse. */
    function inOnePiece(text: string) {
      const firstLine = text.slice(0, text.search(/\r?\n|$/));
      const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
      try {
        const parsed = parse(text, {
          delimiter,
          info: true,
          skip_empty_lines: true,
          relax_column_count: false,
        }) as unknown as {
          record: string[];
          info: { lines: number };
        }[];
        return { records: parsed.map((p) => ({ line: p.info.lines, cells: p.record.map(restoreCell) })) };
      } catch (error) {
        const line = (error as { lines?: number }).lines ?? 1;
        return { error: { line, key: 'directory:import.malformed', params: { line } } };
      }
    }

    const FILES = [
      'name,job_title\r\nAna,"Directora\r\nGeneral"\r\n\r\nJoão Ñúñez,"dice ""sí"""\r\n',
      'nombre;cargo\nZoë;"a;b"\n\n\nŁucja;💬 «hola»\n',
      `name,phone\n"'=Ana","'+51 1 204 2400"\n'plain,"''=x"`,
      'a,b\n1,"open\n2,3',
      'a,b\n1,2\n3\n4,5',
      'a,b\n1,2\n3,4,5\n',
      'a,b\n1,x"y\n',
      'only\n',
    ];

    it.each([1, 2, 3, 7, 64])(
      'reads the same records, lines and first error when cut every %i bytes',
      async (bytes) => {
        for (const text of FILES) {
          // A slice of no time at all: the parse yields after every chunk.
          expect(await readCsv(text, new TimeSlicer(0), bytes)).toEqual(inOnePiece(text));
        }
      },
    );

    it('validates rows and flags repeats exactly as in one go, yielding between rows', async () => {
      const records = Array.from({ length: 60 }, (_, i) => ({
        line: i + 2,
        cells: [
          `R${i % 17}`,
          i % 11 === 0 ? '' : `Persona ${i}`,
          i % 13 === 0 ? 'not-an-email' : `p${i % 23}@example.org`,
          i % 7 === 0 ? 'XX' : 'pe',
          i % 5 === 0 ? 'FOCAL_POINT' : 'OBSERVER',
          i % 5 === 0 ? ['PE', 'BO', 'PY'][i % 3] : '',
          'es',
        ],
      }));
      const inOneGo = records.map((r) => validateRow(r.line, r.cells, columns, roles));
      flagDuplicates(inOneGo);
      let yields = 0;
      const slicer = new TimeSlicer(0);
      const original = slicer.yield.bind(slicer);
      slicer.yield = () => ((yields += 1), original());
      expect(await validateRows(records, columns, roles, slicer)).toEqual(inOneGo);
      expect(yields).toBeGreaterThanOrEqual(records.length - 1);
    });
  });
});
