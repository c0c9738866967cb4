import { Injectable } from '@nestjs/common';
import { Actor, TimeSlicer, Tx } from '@enlace/core';
import type { FieldValues } from '../fields/field-rules';
import { FieldRepository } from '../fields/field.repository';
import type { Term } from '../memberships/membership.entity';
import { MembershipService } from '../memberships/membership.service';
import { OrganisationRepository } from '../organisations/organisation.repository';
import type { DirectoryPerson } from '../people/person.repository';
import { fold, ImportRow } from './import-csv';
import { ImportRepository, KeyOwners } from './import.repository';

/** What an import's rows match in the network, as the caller may know it: the plan's inputs from the database. */
export interface ImportMatches {
  readonly today: string;
  /** The network's people by the file's e-mail addresses, and the addresses of visible people outside it. */
  readonly byEmail: KeyOwners;
  /** The same by the file's external references (lower case). */
  readonly byRef: KeyOwners;
  /** The matched people, by id. */
  readonly people: ReadonlyMap<string, DirectoryPerson>;
  /** The contacts each matched person has (`EMAIL:x`, `PHONE:y`, lower case). */
  readonly contacts: ReadonlyMap<string, ReadonlySet<string>>;
  /** The matched people's custom field values (read only when the file has field columns). */
  readonly storedFields: ReadonlyMap<string, FieldValues>;
  /** The current holder of each seat (`ROLE:STATE`). */
  readonly seatHolders: ReadonlyMap<string, Term>;
  /** Each person's terms in the network not ended by today. */
  readonly termsOf: ReadonlyMap<string, Term[]>;
  /** The network's current member states. */
  readonly memberStates: ReadonlySet<string>;
  /** The organisations the rows name, by folded name or acronym. */
  readonly organisations: ReadonlyMap<string, string>;
  /** Their acronyms, by id (null: they have none yet). */
  readonly acronyms: ReadonlyMap<string, string | null>;
  /** Their custom field values (read only when the file has organisation field columns). */
  readonly storedOrgFields: ReadonlyMap<string, FieldValues>;
  /** The ids of the organisations found. */
  readonly knownOrgs: ReadonlySet<string>;
}

/**
 * Reads what the rows of an import match, set-based (a handful of statements whatever the file's
 * size), inside the import's transaction. Rows match the network's own people only; someone else
 * joins by invitation (SPEC §3), and an address or reference of someone the caller may not see is no
 * answer at all.
 */
@Injectable()
export class ImportMatcher {
  constructor(
    private readonly imports: ImportRepository,
    private readonly organisations: OrganisationRepository,
    private readonly fields: FieldRepository,
    private readonly memberships: MembershipService,
  ) {}

  async match(
    tx: Tx,
    actor: Actor,
    networkId: string,
    rows: readonly ImportRow[],
    slicer: TimeSlicer,
  ): Promise<ImportMatches> {
    const today = await this.imports.today(tx);
    const emails = rows.flatMap((r) => r.emails);
    const refs = rows.flatMap((r) => (r.externalRef ? [r.externalRef] : []));
    const byEmail = await this.imports.peopleByEmails(tx, actor, networkId, emails);
    const byRef = await this.imports.peopleByRefs(tx, actor, networkId, refs);
    const matchedIds = [...new Set([...byEmail.members.values(), ...byRef.members.values()].flat())];
    const people = await this.imports.people(tx, matchedIds);
    const contacts = await this.imports.contacts(tx, matchedIds);
    const storedFields = rows.some((r) => r.fieldCells)
      ? await this.fields.values('PERSON', networkId, matchedIds, tx)
      : new Map<string, FieldValues>();
    const openTerms = await this.memberships.openTermsOfNetwork(tx, networkId, today);
    const seatHolders = new Map<string, Term>();
    const termsOf = new Map<string, Term[]>();
    for (const t of openTerms) {
      const seat = `${t.role}:${t.memberState}`;
      if (!seatHolders.has(seat)) seatHolders.set(seat, t); // newest first
      if (!termsOf.has(t.personId)) termsOf.set(t.personId, []);
      termsOf.get(t.personId)!.push(t);
    }
    const memberStates = await this.imports.memberStates(tx, networkId);
    const orgKeys = [
      ...new Set(
        (
          await slicer.map(rows, (r) =>
            [r.organisation, r.organisationAcronym].filter((v) => v !== null).map((v) => fold(v!)),
          )
        ).flat(),
      ),
    ];
    const found = await this.organisations.findByFoldedNames(tx, orgKeys);
    const storedOrgFields = rows.some((r) => r.orgFieldCells)
      ? await this.fields.values(
          'ORGANISATION',
          networkId,
          found.map((o) => o.id),
          tx,
        )
      : new Map<string, FieldValues>();
    return {
      today,
      byEmail,
      byRef,
      people,
      contacts,
      storedFields,
      seatHolders,
      termsOf,
      memberStates,
      organisations: new Map(found.map((o) => [o.key, o.id] as const)),
      acronyms: new Map(found.map((o) => [o.id, o.acronym] as const)),
      storedOrgFields,
      knownOrgs: new Set(found.map((o) => o.id)),
    };
  }
}
