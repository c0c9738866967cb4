import { Injectable } from '@nestjs/common';
import { Actor, AuditRepository, Tx } from '@enlace/core';
import { FieldRepository } from '../fields/field.repository';
import { MembershipService } from '../memberships/membership.service';
import { PersonRepository } from '../people/person.repository';
import { importAuditEntries, peopleAuditedInTheirNetworks } from './import-audit';
import type { ImportWrites } from './import-plan';
import { ImportRepository } from './import.repository';

/**
 * Applies an import's planned writes in the caller's transaction, set-based (one statement per kind
 * of write, whatever the file's size), then their audit entries, then the terms through the one
 * writer of memberships.
 */
@Injectable()
export class ImportWriter {
  constructor(
    private readonly imports: ImportRepository,
    private readonly fields: FieldRepository,
    private readonly memberships: MembershipService,
    private readonly audit: AuditRepository,
    private readonly people: PersonRepository,
  ) {}

  async apply(tx: Tx, actor: Actor, networkId: string, w: ImportWrites): Promise<void> {
    await this.imports.insertOrganisations(tx, w.organisations);
    await this.imports.setAcronyms(tx, w.acronyms);
    await this.fields.setValues(tx, 'ORGANISATION', networkId, w.orgFieldValues);
    await this.imports.insertPeople(tx, w.newPeople);
    await this.imports.updatePeople(
      tx,
      w.changedPeople.map((c) => c.after),
    );
    await this.imports.insertContacts(tx, w.contacts);
    await this.fields.setValues(tx, 'PERSON', networkId, w.fieldValues);
    await this.imports.insertMemberStates(tx, networkId, [...w.memberStates]);
    const networksByPerson = await this.people.networkIdsOfPeople(tx, peopleAuditedInTheirNetworks(w));
    await this.audit.recordMany(tx, actor, importAuditEntries(networkId, w, networksByPerson));
    // Terms last, through the one writer of memberships (their audit entries follow the others').
    await this.memberships.applyPlannedTerms(tx, actor, {
      ends: [...w.ends.values()].map((e) => ({ ...e, reason: 'import' })),
      opens: w.terms.map((t) => ({ ...t, networkId, visibility: 'NETWORK' })),
    });
  }
}
