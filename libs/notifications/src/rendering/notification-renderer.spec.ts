import { I18nService, loadResources, type Resources } from '@enlace/core';
import { NOTIFICATION_KINDS } from '../notifications-rules';
import { NotificationRenderer } from './notification-renderer';
import { notificationTemplateGaps } from './template-gaps';

const resources = loadResources();

/** The real resources with one text removed from one language. */
function without(lang: 'en' | 'es' | 'pt' | 'fr', kind: string, field: string): Resources {
  const copy = JSON.parse(JSON.stringify(resources)) as Resources;
  delete (copy[lang].notifications.kinds as Record<string, Record<string, string>>)[kind][field];
  return copy;
}

describe('NotificationRenderer', () => {
  const renderer = new NotificationRenderer(new I18nService(resources));
  const params = { networkName: 'ICGLR', networkSlug: 'icglr-committee', memberStates: 'KE,UG', count: 2 };

  it('renders every kind in every language, in that language, with localised parameters', () => {
    expect(renderer.render('vacancyAlert', params, 'es', 'en')).toEqual({
      title: 'Puestos vacantes en ICGLR: Kenia y Uganda',
      body: 'ICGLR no tiene hoy punto focal para 2 Estados miembros: Kenia y Uganda. Designe a alguien en el directorio.',
      kindName: 'Puestos de punto focal vacantes',
    });
    // One vacancy is counted in the singular, in every language.
    const one = { ...params, memberStates: 'KE', count: 1 };
    expect(renderer.render('vacancyAlert', one, 'en').body).toBe(
      'ICGLR has no focal point today for one member state: Kenya. Designate one in the directory.',
    );
    expect(renderer.render('vacancyAlert', one, 'fr').body).toBe(
      'ICGLR n’a aujourd’hui aucun point focal pour un État membre : Kenya. Désignez quelqu’un dans l’annuaire.',
    );
    expect(renderer.render('vacancyAlert', params, 'fr', 'en').title).toBe(
      'Sièges vacants dans ICGLR : Kenya et Ouganda',
    );
    for (const kind of Object.keys(NOTIFICATION_KINDS)) {
      for (const lang of ['en', 'es', 'pt', 'fr'] as const) {
        // Counted kinds (`directoryImported`) always carry their count.
        const rendered = renderer.render(kind, { count: 2 }, lang);
        expect(rendered.title).not.toContain(`kinds.${kind}`);
        expect(rendered.body).not.toContain(`kinds.${kind}`);
      }
    }
  });

  it('falls back to the network default language, then English, when a language lacks a text', () => {
    const damaged = without('fr', 'vacancyAlert', 'title');
    const fallback = new NotificationRenderer(new I18nService(damaged));
    // The title comes from the network's default language, the body stays French.
    expect(fallback.render('vacancyAlert', params, 'fr', 'es')).toMatchObject({
      title: 'Puestos vacantes en ICGLR: Kenya et Ouganda',
      body: expect.stringContaining('aucun point focal pour 2 États membres : Kenya et Ouganda'),
    });
    expect(fallback.render('vacancyAlert', params, 'fr', null).title).toBe('Vacant seats in ICGLR: Kenya et Ouganda');
    // ... and the parity check names the gap.
    expect(notificationTemplateGaps(damaged)).toEqual(['fr: kinds.vacancyAlert.title']);
  });

  it('picks the variant a context names, and the network’s name in the reader’s language at render time', () => {
    const handover = { networkName: 'ICGLR', role: 'FOCAL_POINT', memberState: 'RW', context: 'handover' };
    const name = {
      en: { text: 'ICGLR Regional Committee', status: 'ORIGINAL' },
      fr: { text: 'Comité régional de la CIRGL', status: 'OFFICIAL' },
    } as const;
    const fr = renderer.render(
      'membershipEnded',
      { ...handover, endsOn: '2025-01-01', successorName: 'Carla' },
      'fr',
      'en',
      { networkName: name },
    );
    expect(fr.body).toBe(
      'Votre mandat au sein de Comité régional de la CIRGL, comme point focal (Rwanda), prend fin : Carla vous succède à partir du 1er janvier 2025, le premier jour où vous ne l’exercez plus.',
    );
    expect(
      renderer.render('membershipAdded', { ...handover, startsOn: '2025-01-01' }, 'pt', 'en', { networkName: name })
        .body,
    ).toBe('A partir de 1 de janeiro de 2025, você é ponto focal (Ruanda) em ICGLR Regional Committee.');
  });

  it('has every text of every kind in all four languages', () => {
    expect(notificationTemplateGaps(resources)).toEqual([]);
  });
});
