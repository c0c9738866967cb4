import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  AuditRepository,
  can,
  DomainError,
  FieldError,
  isEmail,
  isLanguage,
  Language,
  normalizeEmail,
  NetworkRole,
  requirePerson,
  resolveText,
  throwIfAny,
  TransactionRunner,
} from '@enlace/core';
import { checkRoleAndMemberState, DirectoryTrustedWriter, NetworkService } from '@enlace/directory';
import { EmailOutboxService, NotificationService } from '@enlace/notifications';
import type { AccountCredentials } from '../accounts/account.entity';
import { AccountRepository } from '../accounts/account.repository';
import { AccountService } from '../accounts/account.service';
import { PasswordHasher } from '../accounts/password-hasher';
import { checkName, checkNewPassword } from '../identity-rules';
import { RateLimiter, SignInAttempt } from '../rate-limit/rate-limit.service';
import { hashToken, looksLikeToken, newToken } from '../sessions/session-token';
import { actingAs, SessionService, SignInResult } from '../sessions/session.service';
import type { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';

export const INVITATION_TTL_DAYS = 14;

export interface InviteToNetworkCommand {
  readonly networkId: string;
  readonly email: string;
  readonly role: string;
  /** ISO 3166-1 alpha-2 code; required for focal points and alternates. */
  readonly memberState?: string | null;
  /** Language of the invitation email; defaults to the network's default language. */
  readonly language?: string | null;
}

export interface AcceptInvitationCommand {
  readonly token: string;
  /** The invitee's name; required when the email has no account yet, ignored otherwise. */
  readonly name?: string | null;
  /** A new password (no account yet) or the existing account's password. */
  readonly password: string;
}

/** The one error for a token that is malformed, forged, expired, revoked or already used. */
function invalidInvitation(): DomainError {
  return new DomainError('BAD_USER_INPUT', 'identity:invalidInvitation', {}, [
    { field: 'token', key: 'identity:invalidInvitation' },
  ]);
}

/** Network secretariats (and administrators) invite people by email; the invitee accepts with the emailed token. */
@Injectable()
export class InvitationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly invitations: InvitationRepository,
    private readonly networks: NetworkService,
    private readonly directory: DirectoryTrustedWriter,
    private readonly accounts: AccountRepository,
    private readonly accountService: AccountService,
    private readonly outbox: EmailOutboxService,
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationService,
  ) {}

  /**
   * Invites `email` to a network with a role. Allowed to those who may manage the network; a network
   * the caller cannot see answers NOT_FOUND, one they see but may not manage FORBIDDEN. The answer is
   * the same whether or not the email has an account. The invitation, its email (in the outbox) and
   * the audit entry are written in one transaction.
   */
  async inviteToNetwork(actor: Actor, input: InviteToNetworkCommand): Promise<Invitation> {
    requirePerson(actor);
    // NOT_FOUND alike for a missing network and one hidden from the actor (the networks' own predicate).
    const network = await this.networks.get(actor, { id: input.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();

    const email = normalizeEmail(input.email);
    const memberState = input.memberState ? input.memberState.trim().toUpperCase() : null;
    const errors: FieldError[] = [];
    if (!isEmail(email)) {
      errors.push({ field: 'email', key: 'validation:invalidEmail' });
    }
    const role = input.role as NetworkRole;
    errors.push(...checkRoleAndMemberState(role, memberState));
    if (input.language && !isLanguage(input.language)) {
      errors.push({ field: 'language', key: 'validation:unsupportedLanguage', params: { value: input.language } });
    }
    throwIfAny(errors);

    const language: Language = isLanguage(input.language) ? input.language : network.defaultLanguage;
    const { token, hash } = newToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
    return this.transactions.run(async (tx) => {
      const revoked = await this.invitations.revokePending(tx, network.id, email, role);
      const invitation = await this.invitations.create(tx, {
        networkId: network.id,
        email,
        role,
        memberState,
        language,
        tokenHash: hash,
        invitedBy: actor.personId,
        expiresAt,
      });
      const inviter = actor.accountId ? await this.accounts.findById(actor.accountId, tx) : null;
      await this.outbox.enqueue(tx, {
        recipient: email,
        language,
        template: 'invitation',
        params: {
          link: `${this.config.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`,
          // A fallback: the e-mail names the network as it is called when it is sent (networkId).
          networkName: resolveText(network.name, language, network.defaultLanguage)?.text ?? '',
          networkId: network.id,
          role,
          ...(memberState ? { memberState } : {}),
          inviterName: inviter?.name ?? '',
          expiresAt: expiresAt.toISOString(),
        },
        secretParams: ['link'],
        secretExpiresAt: expiresAt,
      });
      await this.audit.record(tx, actor, {
        networkId: network.id,
        entityType: 'invitation',
        entityId: invitation.id,
        action: 'create',
        after: { email, role, memberState, language, expiresAt: expiresAt.toISOString(), revokedEarlier: revoked },
      });
      return invitation;
    });
  }

  /**
   * Accepts an invitation: creates the person and account when the email has none, starts the
   * membership today, marks the invitation accepted and signs the invitee in — all or nothing.
   *
   * When the email already has an account, the password given must be that account's password
   * (checked like a sign-in, with the same rate-limit budget) and the name is ignored: holding an
   * invitation link (which may have been forwarded) is never enough to enter an existing account,
   * and accepting never changes anyone's password or name.
   */
  async acceptInvitation(actor: Actor, input: AcceptInvitationCommand, address: string): Promise<SignInResult> {
    if (!looksLikeToken(input.token)) throw invalidInvitation();
    const tokenHash = hashToken(input.token);
    const pending = await this.invitations.findAcceptable(tokenHash);
    if (!pending) throw invalidInvitation();

    const existing = await this.accounts.findByEmail(pending.email);
    let passwordHash: string | null = null;
    let attempt: SignInAttempt | null = null;
    if (existing) {
      attempt = await this.limiter.spendSignIn(normalizeEmail(pending.email), address, existing.accountId);
      if (!(await this.hasher.verify(existing.passwordHash, input.password))) {
        throw DomainError.badInput([{ field: 'password', key: 'identity:existingAccountPassword' }]);
      }
    } else {
      const errors = [...checkName(input.name, 'name'), ...checkNewPassword(input.password, 'password')];
      throwIfAny(errors);
      passwordHash = await this.hasher.hash(input.password);
    }

    const result = await this.transactions.run(async (tx) => {
      const invitation = await this.invitations.findAcceptable(tokenHash, { tx, lock: true });
      if (!invitation) throw invalidInvitation();
      await this.accounts.lockEmail(tx, invitation.email);
      const current = await this.accounts.findByEmail(invitation.email, tx);
      // The account appeared or vanished between the checks above and this transaction: start over.
      if ((current === null) !== (existing === null)) throw DomainError.conflict();

      let account: Pick<AccountCredentials, 'accountId' | 'personId'>;
      if (current) {
        account = current;
      } else {
        account = await this.accountService.createPersonWithAccount(tx, {
          name: (input.name ?? '').trim(),
          preferredLanguage: invitation.language,
          email: invitation.email,
          passwordHash: passwordHash as string,
          isAdmin: false,
        });
      }
      const invitee = actingAs(actor, account);
      if (!current) {
        await this.audit.record(tx, invitee, {
          networkId: invitation.networkId,
          entityType: 'account',
          entityId: account.accountId,
          action: 'create',
          after: { personId: account.personId, email: invitation.email, invitationId: invitation.id },
        });
      }

      const open = await this.directory.openTermOf(tx, account.personId, invitation.networkId, invitation.role);
      if (open && open.memberState !== invitation.memberState) {
        throw DomainError.conflict('identity:alreadyMember', { memberState: open.memberState ?? '' });
      }
      if (!open) {
        // Through the seat's rules: inviting someone to a held seat is how a secretariat names a
        // successor, so acceptance hands the seat over (the holder's term ends the day this one starts).
        // The invitee consents by accepting: the writer checks that they act themself.
        await this.directory.openTerm(
          tx,
          invitee,
          { as: 'self' },
          {
            networkId: invitation.networkId,
            personId: account.personId,
            role: invitation.role,
            memberState: invitation.memberState,
            startsOn: null,
            visibility: null,
            heldSeat: 'handover',
            personFrom: 'consent',
            // Whoever sent the invitation hears `invitationAccepted` instead.
            quietFor: invitation.invitedBy ? [invitation.invitedBy] : [],
            auditAfter: (m) => ({
              personId: account.personId,
              role: m.role,
              memberState: m.memberState,
              startsOn: m.startsOn,
              invitationId: invitation.id,
            }),
          },
        );
      }

      await this.invitations.markAccepted(tx, invitation.id);
      if (invitation.invitedBy && invitation.invitedBy !== account.personId) {
        // The network's name is resolved for the sender when they read it (the notification names the network).
        await this.notifications.notify(tx, {
          personId: invitation.invitedBy,
          kind: 'invitationAccepted',
          subject: { type: 'invitation', id: invitation.id },
          networkId: invitation.networkId,
          params: {
            personName: (await this.accounts.findById(account.accountId, tx))?.name ?? '',
            role: invitation.role,
            ...(invitation.memberState ? { memberState: invitation.memberState } : {}),
          },
        });
      }
      await this.audit.record(tx, invitee, {
        networkId: invitation.networkId,
        entityType: 'invitation',
        entityId: invitation.id,
        action: 'accept',
        after: { personId: account.personId, existingAccount: current !== null },
      });
      await this.limiter.rememberSignIn(tx, account.accountId, address);
      return this.sessions.open(tx, invitee, account, 'acceptInvitation');
    });
    // Signed in with the existing account's password: like a sign-in, a success spends no budget.
    if (attempt) await this.limiter.refundSignIn(attempt);
    return result;
  }
}
