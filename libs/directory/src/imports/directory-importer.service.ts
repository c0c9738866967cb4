import { Injectable } from '@nestjs/common';
import { Actor, TimeSlicer, TransactionRunner, Tx } from '@enlace/core';
import type { FieldDefinition } from '../fields/field-rules';
import { FieldRepository } from '../fields/field.repository';
import { MembershipService } from '../memberships/membership.service';
import type { ImportRow } from './import-csv';
import { ImportFileReader } from './import-file-reader';
import { ImportMatcher } from './import-matcher';
import { ImportWrites, planPeople } from './import-plan';
import { ImportReport, report } from './import-report';
import { planTerms } from './import-terms';
import { ImportWriter } from './import-writer';
import { ImportRepository } from './import.repository';

interface Plan {
  readonly report: ImportReport;
  readonly writes: ImportWrites | null;
}

/**
 * CSV import of a network's people (with organisation, member state and role). A dry run reports
 * every row — created, updated, unchanged or rejected with a localised reason per field — and writes
 * nothing; applying writes everything in one transaction or nothing at all. Rows match existing
 * people by email or external reference, and a row that matches and changes nothing writes nothing,
 * so importing the same file twice changes nothing the second time.
 *
 * The file has the columns of the CSV export (`IMPORT_COLUMNS`), so an exported file imports again
 * with no change: a person holding several roles has a row for each, and the rows of a person state
 * the roles they hold in the network (a role they hold that none of their rows lists ends, `ends_on`
 * ends one on a date). Dates may be `DD/MM/YYYY` in a file headed in Spanish, Portuguese or French;
 * countries and member states are codes or names in any of the four languages.
 *
 * Runs an import into one network, for a caller whose right to do so was checked (ImportService for
 * people; the demo seed as the system), in steps of their own: the file is read into rows
 * (`ImportFileReader`), then, in one transaction under the network's import lock, the rows are
 * matched with what is stored (`ImportMatcher`), each row's outcome and the writes are planned
 * (`planPeople`, then `planTerms`), and the writes applied and audited (`ImportWriter`) unless it is
 * a dry run or a row was rejected. The report is built by `report` (import-report.ts).
 */
@Injectable()
export class DirectoryImporter {
  constructor(
    private readonly reader: ImportFileReader,
    private readonly matcher: ImportMatcher,
    private readonly writer: ImportWriter,
    private readonly imports: ImportRepository,
    private readonly fields: FieldRepository,
    private readonly memberships: MembershipService,
    private readonly transactions: TransactionRunner,
  ) {}

  async run(
    actor: Actor,
    network: { id: string; defaultLanguage: string },
    content: Buffer | string,
    dryRun: boolean,
  ): Promise<ImportReport> {
    // One slicer for the whole run: parsing, validation and planning share its slices.
    const slicer = new TimeSlicer();
    // The network's custom fields of people: their keys and labels are columns of the file too.
    const definitions = await this.fields.list(network.id, 'PERSON');
    // And those of organisations, as `Organisation: <label>` columns (the export writes them so).
    const orgDefinitions = await this.fields.list(network.id, 'ORGANISATION');
    const parsed = await this.reader.read(content, slicer, definitions, orgDefinitions);
    if ('errors' in parsed) return report(dryRun, false, parsed.errors, []);
    return this.transactions.run(async (tx) => {
      await this.imports.lock(tx, network.id);
      // Every seat the file names and every seat held in the network (a role change in the file ends
      // one), in one batch before their holders are read for the plan: no handover elsewhere can interleave.
      const held = await this.memberships.openTermsOfNetwork(tx, network.id, await this.imports.today(tx));
      const seats = [...parsed.rows, ...held].flatMap((r) =>
        r.memberState ? [{ memberState: r.memberState, role: r.role }] : [],
      );
      await this.memberships.lockSeats(tx, network.id, seats);
      const plan = await this.plan(tx, actor, network.id, network.defaultLanguage, parsed.rows, slicer, {
        people: definitions,
        organisations: orgDefinitions,
      });
      if (dryRun || !plan.writes) return { ...plan.report, dryRun };
      await this.writer.apply(tx, actor, network.id, plan.writes);
      return { ...plan.report, dryRun: false, applied: true };
    });
  }

  /** Matches rows with what is stored and decides each row's outcome and the writes (none if any row fails). */
  private async plan(
    tx: Tx,
    actor: Actor,
    networkId: string,
    networkLanguage: string,
    rows: ImportRow[],
    slicer: TimeSlicer,
    fields: { people: readonly FieldDefinition[]; organisations: readonly FieldDefinition[] },
  ): Promise<Plan> {
    const matches = await this.matcher.match(tx, actor, networkId, rows, slicer);
    const { reports, intents, writes } = await planPeople(rows, matches, { networkLanguage, fields }, slicer);
    const { today, seatHolders, termsOf, memberStates } = matches;
    const ended = await this.imports.endedTerms(
      tx,
      networkId,
      intents.filter((i) => i.row.endsOn !== null && i.row.endsOn <= today).map((i) => i.personId),
    );
    planTerms({ today, intents, reports, seatHolders, termsOf, ended, memberStates }, writes);
    const failed = reports.some((r) => r.outcome === 'REJECTED');
    return { report: report(true, false, [], reports), writes: failed ? null : writes };
  }
}
