import { stringify } from 'csv-stringify/sync';

/** A cell: text is written as data (neutralised, see `neutraliseCell`), numbers as numbers, null as empty. */
export type CsvCell = string | number | null | undefined;

/**
 * What makes a spreadsheet program read a text cell as a formula (OWASP, "CSV Injection"): `=`, `+`,
 * `-`, `@`, tab, carriage return or line feed first, also after leading spaces, and the full-width
 * forms of the four signs that some locales treat the same way.
 */
const FORMULA = String.raw`(?:[\t\r\n]|[ \u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20])`;
/** Needs neutralising: a formula start, or text that already looks neutralised (kept distinct from it). */
const NEEDS_QUOTE = new RegExp(`^'*${FORMULA}`);
/** A neutralised cell, as `neutraliseCell` writes it. */
const NEUTRALISED = new RegExp(`^'+${FORMULA}`);

/**
 * Text that a spreadsheet would run as a formula gets a single quote in front, so it is shown as
 * the text it is (`=WEBSERVICE("http://…")` → `'=WEBSERVICE("http://…")`); the writer also quotes
 * such cells. Everything else is left as it is. Numbers never pass through here: `-3` given as a
 * number stays a number, `-3` given as text (a phone, a reference) is neutralised like any text.
 */
export function neutraliseCell(text: string): string {
  return NEEDS_QUOTE.test(text) ? `'${text}` : text;
}

/**
 * The inverse, for importers reading a file the writer produced (and a person edited): `'=x` → `=x`,
 * `''=x` → `'=x`; `'plain` stays as it is.
 */
export function restoreCell(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

/**
 * The one CSV writer of the project: every CSV it writes (directory exports now; reports, plans and
 * rosters later) goes through here, so no cell can carry a live formula into a spreadsheet.
 * RFC 4180 quoting, `\n` line ends; `bom: true` starts the text with a UTF-8 byte-order mark, which
 * spreadsheet programs need to read UTF-8 rather than the locale's code page.
 */
export function writeCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === 'string' ? neutraliseCell(cell) : typeof cell === 'number' ? cell : '')),
  );
  const text = stringify(cells, { quoted_match: NEUTRALISED });
  return options.bom ? `\uFEFF${text}` : text;
}
