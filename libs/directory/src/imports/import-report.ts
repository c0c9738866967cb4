import type { FieldError } from '@enlace/core';
import type { FileError } from './import-csv';

export type RowOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface ImportRowReport {
  readonly line: number;
  readonly outcome: RowOutcome;
  readonly personId: string | null;
  readonly errors: readonly FieldError[];
}

export interface ImportReport {
  readonly dryRun: boolean;
  /** True when the changes were written (never with errors: an import is all or nothing). */
  readonly applied: boolean;
  readonly summary: { created: number; updated: number; unchanged: number; rejected: number };
  /** Problems with the file as a whole (encoding, header, CSV syntax), with their line. */
  readonly errors: readonly FileError[];
  readonly rows: readonly ImportRowReport[];
}

/** The report of a run: its rows and file errors, with the count of each outcome. */
export function report(dryRun: boolean, applied: boolean, errors: FileError[], rows: ImportRowReport[]): ImportReport {
  const count = (o: RowOutcome) => rows.filter((r) => r.outcome === o).length;
  return {
    dryRun,
    applied,
    summary: {
      created: count('CREATED'),
      updated: count('UPDATED'),
      unchanged: count('UNCHANGED'),
      rejected: count('REJECTED'),
    },
    errors,
    rows,
  };
}
