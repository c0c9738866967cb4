import { NETWORK_ROLES, NetworkRole } from '@enlace/core';
import {
  decodeUtf8,
  flagDuplicates,
  fold,
  ImportColumn,
  IMPORT_COLUMNS,
  mapHeader,
  readCsv,
  validateRow,
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

  it('reads lines with their numbers, commas or semicolons', () => {
    expect(readCsv('a;b\n1;"x;y"\n\n2;z')).toEqual({
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['1', 'x;y'] },
        { line: 4, cells: ['2', 'z'] },
      ],
    });
    expect(readCsv('a,b\n1,"open\n2,3')).toEqual({
      error: { line: expect.any(Number), key: 'directory:import.malformed', params: { line: expect.any(Number) } },
    });
  });

  it('reads the cells our exports neutralised as what they were', () => {
    expect(readCsv(`name,phone\n"'=Ana","'+51 1 204 2400"\n'plain,"''=x"`)).toEqual({
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
      ['country', 'directory:unknownCountry'],
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

  it('flags repeated emails, references and seats with the line that came first', () => {
    const rows = [
      validateRow(2, ['R1', 'A', 'a@example.org', '', 'FOCAL_POINT', 'PE', ''], columns, roles),
      validateRow(3, ['R2', 'B', 'A@example.org', '', 'FOCAL_POINT', 'PE', ''], columns, roles),
      validateRow(4, ['r1', 'C', 'c@example.org', '', 'OBSERVER', '', ''], columns, roles),
    ];
    flagDuplicates(rows);
    expect(rows.map((r) => r.errors)).toEqual([
      [],
      [
        { field: 'email', key: 'directory:import.duplicateInFile', params: { line: 2 } },
        { field: 'member_state', key: 'directory:import.seatTwice', params: { line: 2 } },
      ],
      [{ field: 'external_ref', key: 'directory:import.duplicateInFile', params: { line: 2 } }],
    ]);
  });
});
