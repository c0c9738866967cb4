import { Logger } from '@nestjs/common';
import {
  insertAccount,
  insertMembership,
  insertNetwork,
  insertSession,
  SmtpTestServer,
  startSmtpTestServer,
} from '@enlace/testing';
import { EmailDeliveryService } from '@enlace/notifications';
import { inviteToNetwork, requestPasswordReset, resetPassword } from './support/identity.operations';
import { startTestApp, TestApp } from './support/test-app';

type OutboxRow = {
  id: string;
  template: string;
  params: Record<string, string>;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
};

/**
 * Invitation and reset links carry a token that signs someone in (issue 9, item 13): the outbox keeps
 * it only while delivery needs it — scrubbed once the e-mail is sent, given up or past the token's
 * expiry — and never writes it to the log.
 */
describe('tokens in the e-mail outbox', () => {
  let smtp: SmtpTestServer;
  const tokenOf = (link: string) => new URL(link).searchParams.get('token') as string;

  beforeAll(async () => {
    smtp = await startSmtpTestServer({ rejectRecipient: (address) => address.startsWith('nobody@') });
  });
  afterAll(async () => {
    await smtp.close();
  });

  async function outbox(t: TestApp, recipient: string): Promise<OutboxRow[]> {
    return (await t.dataSource.query(
      `SELECT id, template, params, sent_at, failed_at, last_error FROM email_outbox WHERE recipient = $1 ORDER BY created_at`,
      [recipient],
    )) as OutboxRow[];
  }

  describe('with SMTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://enlace.example.org' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('scrubs the reset link from the row once the e-mail is sent; the link still works', async () => {
      const person = await insertAccount(t.dataSource, { name: 'Joana Silva' });
      expect((await t.gql(requestPasswordReset(person.email))).body).toEqual({ data: { requestPasswordReset: true } });
      const [pending] = await outbox(t, person.email);
      const token = tokenOf(pending.params.link);

      expect(await t.app.get(EmailDeliveryService).deliverDue()).toMatchObject({ sent: 1 });
      const [sent] = await outbox(t, person.email);
      expect(sent.sent_at).toBeInstanceOf(Date);
      expect(sent.params).toEqual({ name: 'Joana Silva', expiresAt: pending.params.expiresAt, timeZone: 'UTC' });
      expect(JSON.stringify(sent)).not.toContain(token);
      const mail = smtp.received.find((m) => m.to.includes(person.email));
      expect(mail?.text).toContain(token);

      const done = await t.gql(resetPassword(token, 'my new long password'));
      expect(done.body).toEqual({ data: { resetPassword: true } });
    });

    it('scrubs the invitation link of an e-mail given up (refused recipient) too', async () => {
      const network = await insertNetwork(t.dataSource);
      const secretariat = await insertAccount(t.dataSource);
      await insertMembership(t.dataSource, {
        personId: secretariat.personId,
        networkId: network.id,
        role: 'SECRETARIAT',
      });
      const token = await insertSession(t.dataSource, secretariat.accountId);
      const email = 'nobody@example.org';
      const res = await t.gql(inviteToNetwork({ networkId: network.id, email, role: 'OBSERVER' }), { token });
      expect(res.body.errors).toBeUndefined();
      expect((await outbox(t, email))[0].params.link).toMatch(/token=/);

      expect(await t.app.get(EmailDeliveryService).deliverDue()).toMatchObject({ failed: 1 });
      const [failed] = await outbox(t, email);
      expect(failed.failed_at).toBeInstanceOf(Date);
      expect(failed.params).not.toHaveProperty('link');
      expect(failed.params).toMatchObject({ role: 'OBSERVER' });
    });
  });

  describe('without SMTP_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ PUBLIC_URL: 'https://enlace.example.org' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('logs the e-mail once without its link, keeps the link until it expires, then gives the e-mail up', async () => {
      const person = await insertAccount(t.dataSource, { name: 'Ana Pérez' });
      await t.gql(requestPasswordReset(person.email));
      const [pending] = await outbox(t, person.email);
      const token = tokenOf(pending.params.link);

      const lines: string[] = [];
      const spy = jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
        lines.push(String(message));
      });
      try {
        expect(await t.app.get(EmailDeliveryService).deliverDue()).toMatchObject({ logged: 1 });
      } finally {
        spy.mockRestore();
      }
      const line = lines.find((l) => l.includes(pending.id));
      expect(line).toBeDefined();
      expect(line).toContain(person.email);
      expect(line).not.toContain(token);
      // The operator reads the link from the row (README): it is still there, the e-mail is unsent.
      expect((await outbox(t, person.email))[0].params.link).toBe(pending.params.link);

      // Past the token's expiry the link is worth nothing: scrubbed, and the e-mail is given up.
      await t.dataSource.query(
        `UPDATE email_outbox SET secret_expires_at = now() - interval '1 second' WHERE id = $1`,
        [pending.id],
      );
      await t.app.get(EmailDeliveryService).deliverDue();
      const [expired] = await outbox(t, person.email);
      expect(expired.params).toEqual({ name: 'Ana Pérez', expiresAt: pending.params.expiresAt, timeZone: 'UTC' });
      expect(expired.failed_at).toBeInstanceOf(Date);
      expect(expired.last_error).toBe('link expired before delivery');
    });
  });
});
