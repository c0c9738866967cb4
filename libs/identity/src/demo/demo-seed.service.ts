import { Injectable } from '@nestjs/common';
import {
  Actor,
  anonymousActor,
  AuditRepository,
  DEFAULT_LANGUAGE,
  DomainError,
  TransactionRunner,
  Tx,
} from '@enlace/core';
import {
  DemoData,
  DemoNetwork,
  DemoPerson,
  DirectoryTrustedWriter,
  SeededNetwork,
  TrustedWrite,
} from '@enlace/directory';
import { PasswordHasher } from '../accounts/password-hasher';
import { DemoSeedRepository } from './demo-seed.repository';

/**
 * The seed acts as the system: audit entries carry no actor (`actor_person_id` null) and are tagged
 * `seed:demo` in `request_id`, so they can be told from a person's changes and from other jobs.
 */
const SYSTEM: Actor = { ...anonymousActor(DEFAULT_LANGUAGE), requestId: 'seed:demo' };
const AS_SYSTEM: TrustedWrite = { as: 'system', by: 'seed:demo' };

export interface DemoSeedSummary {
  readonly networks: { created: number; updated: number; unchanged: number };
  /** Directions of partnerships created (each partnership is stored in both directions). */
  readonly partnerships: { created: number };
  readonly people: { created: number; updated: number; unchanged: number };
  readonly accounts: { created: number };
  readonly memberships: { created: number; unchanged: number };
  /** Rows in the seeded tables once the seed is done (the whole database, not only demo rows). */
  readonly rows: Record<string, number>;
}

/**
 * Loads the demo data set, idempotently and in one transaction: networks are upserted by slug (the
 * demo's names, descriptions, languages and visibility win), partnerships are added in both
 * directions, people and accounts are found by email or created with the demo password (an
 * existing account keeps its password), and a membership is opened unless the person already holds
 * a current term with that role in that network. Nothing is ever deleted. Every row it creates or
 * changes gets an audit entry; a second run with the same data writes nothing.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: DemoSeedRepository,
    private readonly audit: AuditRepository,
    private readonly passwords: PasswordHasher,
    private readonly directory: DirectoryTrustedWriter,
  ) {}

  seed(data: DemoData): Promise<DemoSeedSummary> {
    return this.transactions.run(async (tx) => {
      await this.repository.lock(tx);
      const networks = { created: 0, updated: 0, unchanged: 0 };
      const ids = new Map<string, string>();
      for (const network of data.networks) {
        const { stored, outcome } = await this.upsertNetwork(tx, network);
        networks[outcome] += 1;
        ids.set(network.slug, stored.id);
      }

      let partnerships = 0;
      for (const network of data.networks) {
        for (const partner of network.partners) {
          const [a, b] = [ids.get(network.slug) as string, ids.get(partner) as string];
          partnerships += await this.directory.seedPartnership(tx, SYSTEM, AS_SYSTEM, a, b);
        }
      }

      const people = { created: 0, updated: 0, unchanged: 0 };
      const memberships = { created: 0, unchanged: 0 };
      for (const person of data.people) {
        const found = await this.repository.findAccountByEmail(tx, person.email);
        let personId: string;
        if (found) {
          personId = found.personId;
          people[(await this.updatePerson(tx, found, person)) ? 'updated' : 'unchanged'] += 1;
        } else {
          const hash = await this.passwords.hash(data.password); // argon2id, its own salt per account
          personId = await this.createPersonWithAccount(tx, person, hash);
          people.created += 1;
        }
        for (const m of person.memberships) {
          const networkId = ids.get(m.network) as string;
          const fields = { personId, networkId, role: m.role, memberState: m.memberState, startsOn: m.startsOn };
          // A current term (open, or ending in the future) with this role in this network stays as it is.
          if (await this.directory.currentTermOf(tx, personId, networkId, m.role)) {
            memberships.unchanged += 1;
            continue;
          }
          try {
            await this.directory.openTerm(tx, SYSTEM, AS_SYSTEM, {
              ...fields,
              endsOn: null,
              visibility: 'NETWORK',
              heldSeat: 'refuse',
              personFrom: 'consent',
              auditAfter: () => ({ ...fields, endsOn: null }),
            });
          } catch (error) {
            // The seat changed hands since the demo was seeded (a secretariat designated a successor):
            // the seed never undoes that, it leaves the seat with its holder and goes on.
            if (error instanceof DomainError && error.key === 'networks:seatTaken') {
              memberships.unchanged += 1;
              continue;
            }
            throw error;
          }
          memberships.created += 1;
        }
      }

      return {
        networks,
        partnerships: { created: partnerships },
        people,
        accounts: { created: people.created },
        memberships,
        rows: await this.repository.countRows(tx),
      };
    });
  }

  private upsertNetwork(
    tx: Tx,
    network: DemoNetwork,
  ): Promise<{ stored: SeededNetwork; outcome: 'created' | 'updated' | 'unchanged' }> {
    return this.directory.seedNetwork(tx, SYSTEM, AS_SYSTEM, {
      slug: network.slug,
      kind: network.kind,
      name: network.name,
      description: network.description,
      defaultLanguage: network.defaultLanguage,
      workingLanguages: network.workingLanguages,
      visibility: network.visibility,
    });
  }

  private async createPersonWithAccount(tx: Tx, person: DemoPerson, passwordHash: string): Promise<string> {
    const personId = await this.directory.createPersonForAccount(tx, {
      name: person.name,
      preferredLanguage: person.preferredLanguage,
    });
    await this.audit.record(tx, SYSTEM, {
      entityType: 'person',
      entityId: personId,
      action: 'create',
      after: { id: personId, name: person.name, preferredLanguage: person.preferredLanguage },
    });
    const accountId = await this.repository.insertAccount(tx, personId, person.email, passwordHash);
    await this.audit.record(tx, SYSTEM, {
      entityType: 'account',
      entityId: accountId,
      action: 'create',
      after: { id: accountId, personId, email: person.email, isAdmin: false },
    });
    return personId;
  }

  private async updatePerson(
    tx: Tx,
    found: { personId: string; name: string; preferredLanguage: string },
    person: DemoPerson,
  ): Promise<boolean> {
    const changed = found.name !== person.name || found.preferredLanguage !== person.preferredLanguage;
    if (changed) {
      // Audited by the directory, in each of the person's networks (the fields that changed).
      await this.directory.updateNameAndLanguage(tx, SYSTEM, AS_SYSTEM, found.personId, {
        name: person.name,
        preferredLanguage: person.preferredLanguage,
      });
    }
    return changed;
  }
}
