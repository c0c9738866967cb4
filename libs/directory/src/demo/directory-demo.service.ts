import { Injectable } from '@nestjs/common';
import { Actor, anonymousActor, AuditRepository, DEFAULT_LANGUAGE, TransactionRunner } from '@enlace/core';
import type { DemoData } from './demo-data';
import { DirectoryImporter } from '../imports/directory-importer.service';
import { MembershipService } from '../memberships/membership.service';
import { DirectoryDemoData, demoImportFiles } from './directory-demo';
import { DirectoryDemoRepository } from './directory-demo.repository';

/** The system, as the identity seed writes it: no actor, tagged `seed:demo`; may act in every network. */
const SYSTEM: Actor = { ...anonymousActor(DEFAULT_LANGUAGE), isAdmin: true, requestId: 'seed:demo' };

export interface DirectoryDemoSummary {
  readonly memberStates: number;
  readonly people: { created: number; updated: number; unchanged: number };
  readonly pastTerms: number;
}

/**
 * Fills the demo networks' directory: member states with their join dates, a few hundred generated
 * people (through the same importer as CSV uploads, so it is idempotent and audited), past terms for
 * a handover history, and vacancies left open. Runs after the identity seed (it needs its networks).
 */
@Injectable()
export class DirectoryDemoSeedService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: DirectoryDemoRepository,
    private readonly importer: DirectoryImporter,
    private readonly memberships: MembershipService,
    private readonly audit: AuditRepository,
  ) {}

  async seed(data: DirectoryDemoData, accounts: DemoData): Promise<DirectoryDemoSummary> {
    const networks = await this.transactions.run((tx) => this.repository.networksBySlug(tx));
    let memberStates = 0;
    await this.transactions.run(async (tx) => {
      for (const [slug, states] of Object.entries(data.memberStates)) {
        const network = networks.get(slug);
        if (!network) continue;
        for (const [code, joinedOn] of states) {
          if (!(await this.repository.addMemberState(tx, network.id, code, joinedOn))) continue;
          memberStates += 1;
          await this.audit.record(tx, SYSTEM, {
            networkId: network.id,
            entityType: 'member_state',
            entityId: `${network.id}:${code}`,
            action: 'create',
            after: { countryCode: code, joinedOn },
          });
        }
      }
    });

    const people = { created: 0, updated: 0, unchanged: 0 };
    for (const [slug, csv] of demoImportFiles(data, accounts)) {
      const network = networks.get(slug);
      if (!network) continue;
      const report = await this.importer.run(SYSTEM, network, csv, false);
      if (!report.applied) {
        const problem = report.errors[0] ?? report.rows.find((r) => r.outcome === 'REJECTED');
        throw new Error(`demo directory for ${slug} was refused: ${JSON.stringify(problem)}`);
      }
      people.created += report.summary.created;
      people.updated += report.summary.updated;
      people.unchanged += report.summary.unchanged;
    }

    let pastTerms = 0;
    await this.transactions.run(async (tx) => {
      const termIds: string[] = [];
      for (const h of data.history) {
        const network = networks.get(h.network);
        if (!network) continue;
        let personId = await this.repository.personByRef(tx, h.externalRef);
        if (!personId) {
          personId = await this.repository.insertPerson(
            tx,
            h.name,
            h.externalRef,
            h.memberState,
            network.defaultLanguage,
          );
          await this.audit.record(tx, SYSTEM, {
            networkId: network.id,
            entityType: 'person',
            entityId: personId,
            action: 'create',
            after: { name: h.name, externalRef: h.externalRef, countryCode: h.memberState },
          });
        }
        let term = await this.memberships.termStartingOn(tx, personId, network.id, h.role, h.startsOn);
        if (!term) {
          pastTerms += 1;
          ({ term } = await this.memberships.open(tx, SYSTEM, {
            networkId: network.id,
            personId,
            role: h.role,
            memberState: h.memberState,
            startsOn: h.startsOn,
            endsOn: h.endsOn,
            visibility: 'NETWORK',
            heldSeat: 'refuse',
            personFrom: 'consent',
            auditAfter: (t) => ({
              personId,
              role: t.role,
              memberState: t.memberState,
              startsOn: t.startsOn,
              endsOn: t.endsOn,
            }),
          }));
        }
        termIds.push(term.id);
      }
      await this.memberships.linkSuccessors(tx, termIds);
    });
    return { memberStates, people, pastTerms };
  }
}
