import { Injectable } from '@nestjs/common';
import { I18nService, Language, LANGUAGES, NETWORK_ROLES, NetworkRole, TimeSlicer } from '@enlace/core';
import type { FieldDefinition } from '../fields/field-rules';
import {
  decodeUtf8,
  FileError,
  fold,
  IMPORT_COLUMNS,
  ImportColumn,
  ImportRow,
  mapHeader,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  readCsv,
  validateRows,
} from './import-csv';

/** Marks a header's custom field as an organisation's (`Organisation: <label>`), not a person's. */
const ORG_FIELD = 'organisation:';

/**
 * An import file to validated rows, or to the errors of the file as a whole (size, encoding, CSV
 * syntax, header). Headers are the canonical column names or the export's headers in any of the four
 * languages (which also tell the file's date order), roles are codes or their names in any language,
 * and the network's custom fields of people (`<label or key>`) and of organisations
 * (`Organisation: <label or key>`) are columns too. Nothing here reads the database.
 */
@Injectable()
export class ImportFileReader {
  private readonly columnLabels = new Map<string, ImportColumn>();
  /** The languages each localised header belongs to (a file's headers tell its date order). */
  private readonly labelLanguages = new Map<string, Set<Language>>();
  private readonly roleLabels = new Map<string, NetworkRole>();
  /** The "organisation" header in each language: `<it> <field label or key>` names a custom field of organisations. */
  private readonly organisationLabels = new Set<string>(['organisation']);

  constructor(i18n: I18nService) {
    for (const column of IMPORT_COLUMNS) {
      this.columnLabels.set(fold(column), column);
      for (const lang of LANGUAGES) {
        const label = fold(i18n.translator(lang).t(`directory:csv.${column}`));
        this.columnLabels.set(label, column);
        if (!this.labelLanguages.has(label)) this.labelLanguages.set(label, new Set());
        this.labelLanguages.get(label)!.add(lang);
      }
    }
    for (const lang of LANGUAGES)
      this.organisationLabels.add(fold(i18n.translator(lang).t('directory:csv.organisation')));
    for (const role of NETWORK_ROLES) {
      this.roleLabels.set(fold(role), role);
      for (const lang of LANGUAGES) this.roleLabels.set(fold(i18n.translator(lang).t(`directory:role.${role}`)), role);
    }
  }

  /** Reads and validates the file in slices (`TimeSlicer`), so that a big one never stalls other requests. */
  async read(
    content: Buffer | string,
    slicer: TimeSlicer,
    definitions: readonly FieldDefinition[],
    orgDefinitions: readonly FieldDefinition[],
  ): Promise<{ rows: ImportRow[] } | { errors: FileError[] }> {
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    if (size > MAX_IMPORT_BYTES) {
      return { errors: [{ line: 1, key: 'directory:import.tooLarge', params: { max: MAX_IMPORT_BYTES } }] };
    }
    const text = decodeUtf8(content);
    if (text === null) return { errors: [{ line: 1, key: 'directory:import.badEncoding' }] };
    const csv = await readCsv(text, slicer);
    if ('error' in csv) return { errors: [csv.error] };
    const [header, ...data] = csv.records;
    if (!header || data.length === 0) return { errors: [{ line: header ? 2 : 1, key: 'directory:import.empty' }] };
    if (data.length > MAX_IMPORT_ROWS) {
      return { errors: [{ line: 1, key: 'directory:import.tooManyRows', params: { max: MAX_IMPORT_ROWS } }] };
    }
    const fieldLabels = this.fieldLabels(definitions, orgDefinitions);
    const mapped = mapHeader(header.cells, this.columnLabels, this.labelLanguages, fieldLabels);
    if (mapped.errors.length > 0) return { errors: mapped.errors };
    const rows = await validateRows(data, mapped.columns, this.roleLabels, slicer, { dayFirst: mapped.dayFirst });
    if (!mapped.fieldColumns.some((c) => c !== null)) return { rows };
    return {
      rows: await slicer.map(rows, (row, i) => {
        const fieldCells: Record<string, string> = {};
        const orgFieldCells: Record<string, string> = {};
        mapped.fieldColumns.forEach((key, c) => {
          if (key?.startsWith(ORG_FIELD)) orgFieldCells[key.slice(ORG_FIELD.length)] = data[i].cells[c] ?? '';
          else if (key) fieldCells[key] = data[i].cells[c] ?? '';
        });
        return {
          ...row,
          ...(Object.keys(fieldCells).length > 0 ? { fieldCells } : {}),
          ...(Object.keys(orgFieldCells).length > 0 ? { orgFieldCells } : {}),
        };
      }),
    };
  }

  /** The headers that name custom fields (folded): a person's field key, an organisation's `ORG_FIELD` key. */
  private fieldLabels(
    definitions: readonly FieldDefinition[],
    orgDefinitions: readonly FieldDefinition[],
  ): Map<string, string> {
    const fieldLabels = new Map<string, string>();
    for (const d of definitions) {
      fieldLabels.set(fold(d.key), d.key);
      for (const lang of LANGUAGES) if (d.label[lang]) fieldLabels.set(fold(d.label[lang].text), d.key);
    }
    for (const d of orgDefinitions) {
      for (const org of this.organisationLabels) {
        fieldLabels.set(fold(`${org} ${d.key}`), `${ORG_FIELD}${d.key}`);
        for (const lang of LANGUAGES) {
          if (d.label[lang]) fieldLabels.set(fold(`${org} ${d.label[lang].text}`), `${ORG_FIELD}${d.key}`);
        }
      }
    }
    return fieldLabels;
  }
}
