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
        kind: 'mentioned',
        values: {
          authorName: '<script>alert(1)</script> & co',
          channelName: 'GAAMAC',
        },
        networkLanguage: 'en',
      },
    });
    expect(email.subject).toBe('<script>alert(1)</script> & co mencionou você em GAAMAC');
    expect(email.text).toContain('https://enlace.example.org');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('<html lang="pt">');
    expect(email.html).toContain('<a href="https://enlace.example.org">');
  });

  it('names the network as it is called when the e-mail is rendered, in the e-mail’s language, and writes times in the reader’s zone', () => {
    const networkNames = new Map([
      [
        'n-1',
        {
          en: { text: 'ICGLR Regional Committee', status: 'ORIGINAL' as const },
          fr: { text: 'Comité régional de la CIRGL', status: 'OFFICIAL' as const },
        },
      ],
    ]);
    const invitation = renderer.render({
      template: 'invitation',
      language: 'fr',
      params: {
        networkName: 'ICGLR Regional Committee',
        networkId: 'n-1',
        role: 'OBSERVER',
        link: 'https://x',
        inviterName: 'Sara',
        expiresAt: '2026-12-15T12:00:00Z',
      },
      networkNames,
    });
    expect(invitation.subject).toBe('Invitation à rejoindre Comité régional de la CIRGL sur Enlace');
    const reset = renderer.render({
      template: 'passwordReset',
      language: 'en',
      params: { name: 'Priya', link: 'https://x', expiresAt: '2026-12-15T12:00:00Z', timeZone: 'Asia/Kolkata' },
    });
    expect(reset.text).toContain('5:30 PM GMT+5:30');
  });

  it('refuses what it can never render, so the row fails instead of being retried', () => {
    expect(() => renderer.render({ template: 'nonsense', language: 'en', params: {} })).toThrow(EmailRenderError);
    expect(() => renderer.render({ template: 'digest', language: 'en', params: { items: [] } })).toThrow(
      EmailRenderError,
    );
    expect(() => renderer.render({ template: 'notification', language: 'en', params: {} })).toThrow(EmailRenderError);
  });
});
