import { I18nService, loadConfig } from '@enlace/core';
import { EmailRenderer, EmailRenderError } from './email-renderer';
import { NotificationRenderer } from './notification-renderer';

describe('EmailRenderer', () => {
  const i18n = new I18nService();
  const renderer = new EmailRenderer(
    i18n,
    new NotificationRenderer(i18n),
    loadConfig({ PUBLIC_URL: 'https://enlace.example.org' }),
  );

  it('writes a notification email as text and HTML in the recipient’s language, escaping what people wrote', () => {
    const email = renderer.render({
      template: 'notification',
      language: 'pt',
      params: {
        kind: 'meetingReminder',
        values: {
          meetingTitle: '<script>alert(1)</script> & co',
          networkName: 'GAAMAC',
          startsAt: '2026-12-01T14:30:00Z',
        },
        networkLanguage: 'en',
      },
    });
    expect(email.subject).toBe('Próxima reunião: <script>alert(1)</script> & co');
    expect(email.text).toContain('(GAAMAC) começa em 1 de dezembro de 2026');
    expect(email.text).toContain('https://enlace.example.org');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('<html lang="pt">');
    expect(email.html).toContain('<a href="https://enlace.example.org">');
  });

  it('refuses what it can never render, so the row fails instead of being retried', () => {
    expect(() => renderer.render({ template: 'nonsense', language: 'en', params: {} })).toThrow(EmailRenderError);
    expect(() => renderer.render({ template: 'digest', language: 'en', params: { items: [] } })).toThrow(
      EmailRenderError,
    );
    expect(() => renderer.render({ template: 'notification', language: 'en', params: {} })).toThrow(EmailRenderError);
  });
});
