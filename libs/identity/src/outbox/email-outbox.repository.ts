import { Injectable } from '@nestjs/common';
import type { Language, Tx } from '@enlace/core';
import { EmailOutboxEntity } from './email-outbox.entity';

/**
 * Templates the identity context writes. The delivery worker renders `identity:emails.<template>.subject`
 * and `.body` in the row's `language` with the row's params, plus `roleName` from `identity:roles.<role>`
 * for invitations. Params: invitation → link, networkName, role, memberState?, inviterName, expiresAt;
 * passwordReset → link, name, expiresAt (ISO 8601 UTC, formatted by the worker for the recipient).
 */
export type IdentityEmailTemplate = 'invitation' | 'passwordReset';

export interface OutgoingEmail {
  readonly recipient: string;
  /** The language the worker renders the email in (the recipient's, as far as it is known). */
  readonly language: Language;
  readonly template: IdentityEmailTemplate;
  readonly params: Record<string, string | number>;
}

/** Emails are written to the outbox in the transaction of the change that causes them, never sent inline. */
@Injectable()
export class EmailOutboxRepository {
  async enqueue(tx: Tx, email: OutgoingEmail): Promise<string> {
    const result = await tx.insert(EmailOutboxEntity, {
      recipient: email.recipient,
      language: email.language,
      template: email.template,
      params: email.params,
    });
    return (result.identifiers[0] as { id: string }).id;
  }
}
