import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  DomainError,
  FieldError,
  isLanguage,
  Language,
  LiveBus,
  RequestLoaders,
  requireAuthenticated,
  requirePerson,
  throwIfAny,
  TransactionRunner,
  Tx,
} from '@enlace/core';
import { DirectoryPerson, DirectoryTrustedWriter, PersonService } from '@enlace/directory';
import { checkName } from '../identity-rules';
import type { Profile } from './account.entity';
import { AccountRepository } from './account.repository';

/** A signed-in person's own account: who they are, their memberships, their name and language. */
@Injectable()
export class AccountService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly people: PersonService,
    private readonly directory: DirectoryTrustedWriter,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly live: LiveBus,
  ) {}

  /** The caller's own record, or null for an anonymous caller. */
  async me(actor: Actor): Promise<Profile | null> {
    if (actor.personId === null) return null;
    return this.accounts.findProfile(actor.personId);
  }

  /**
   * The caller's own record, loaded at most once per request however many fields ask for it (the
   * session already gave the id, name and admin flag, so `me { id name }` costs no statement).
   */
  async myProfile(actor: Actor, loaders: RequestLoaders): Promise<Profile> {
    requireAuthenticated(actor);
    const profile = await loaders
      .get(
        'accounts.profile',
        () =>
          new DataLoader<string, Profile | null>((ids) => Promise.all(ids.map((id) => this.accounts.findProfile(id)))),
      )
      .load(actor.personId);
    if (!profile) throw DomainError.unauthenticated();
    return profile;
  }

  /** The record of the person a sign-in just opened a session for. */
  async profileOfSession(session: { personId: string }): Promise<Profile> {
    const profile = await this.accounts.findProfile(session.personId);
    if (!profile) throw DomainError.unauthenticated();
    return profile;
  }

  /**
   * A new person (created by the directory, which owns people) with an account, inside the caller's
   * `tx`: the bootstrap administrator and an invitee without an account.
   */
  async createPersonWithAccount(
    tx: Tx,
    data: { name: string; preferredLanguage: Language; email: string; passwordHash: string; isAdmin: boolean },
  ): Promise<{ personId: string; accountId: string }> {
    const personId = await this.directory.createPersonForAccount(tx, {
      name: data.name,
      preferredLanguage: data.preferredLanguage,
    });
    const accountId = await this.accounts.insert(tx, {
      personId,
      email: data.email,
      passwordHash: data.passwordHash,
      isAdmin: data.isAdmin,
    });
    return { personId, accountId };
  }

  /** Changes the caller's own name and preferred language (the language of their emails and notifications). */
  async updateMe(actor: Actor, input: { name?: string | null; preferredLanguage?: string | null }): Promise<Profile> {
    const personId = requirePerson(actor);
    const errors: FieldError[] = [];
    const patch: { name?: string; preferredLanguage?: Language } = {};
    if (input.name !== undefined && input.name !== null) {
      errors.push(...checkName(input.name, 'name'));
      patch.name = input.name.trim();
    }
    if (input.preferredLanguage !== undefined && input.preferredLanguage !== null) {
      if (isLanguage(input.preferredLanguage)) patch.preferredLanguage = input.preferredLanguage;
      else
        errors.push({
          field: 'preferredLanguage',
          key: 'validation:unsupportedLanguage',
          params: { value: input.preferredLanguage },
        });
    }
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      const updated = await this.directory.updateNameAndLanguage(tx, actor, { as: 'self' }, personId, patch);
      // The directory (owner of people) audits the change in each of the person's networks.
      if (!updated) throw DomainError.unauthenticated();
      return (await this.accounts.findProfile(personId, tx)) as Profile;
    });
  }

  /**
   * Erases a person, all or nothing: the directory clears the person's own data (and decides who
   * may: administrators, never themselves), then their accounts are deleted and their sessions,
   * password resets and known addresses with them. Once committed, their open sockets close.
   */
  async erasePerson(actor: Actor, personId: string): Promise<DirectoryPerson> {
    return this.transactions.run(async (tx) => {
      const erased = await this.people.erase(tx, actor, personId);
      await this.accounts.deleteOfPerson(tx, personId);
      this.live.publish({ kind: 'disconnect', target: { personId } }, tx);
      return erased;
    });
  }
}
