import { DomainError } from '../errors/domain-error';
import { I18nService } from './i18n.service';

/** The counted messages people met ("6 problema(s)", "en 1 segundos", "1 lignes"), as they read now. */
describe('counted messages', () => {
  const i18n = new I18nService();
  const say = (lang: 'en' | 'es' | 'pt' | 'fr', error: DomainError) => i18n.translator(lang).t(error.key, error.params);
  const problems = (n: number) => DomainError.badInput(Array.from({ length: n }, () => ({ field: 'x', key: 'k' })));

  it('counts problems and seconds in the singular for one and in the plural for more', () => {
    expect(say('es', problems(1))).toBe('Los datos no son válidos (1 problema).');
    expect(say('es', problems(6))).toBe('Los datos no son válidos (6 problemas).');
    expect(say('en', problems(1))).toBe('The input is not valid (1 problem).');
    expect(say('pt', problems(2))).toBe('Os dados não são válidos (2 problemas).');
    expect(say('es', DomainError.rateLimited(1))).toBe('Demasiados intentos. Inténtelo de nuevo en 1 segundo.');
    expect(say('en', DomainError.rateLimited(840))).toBe('Too many attempts. Try again in 840 seconds.');
    expect(say('fr', DomainError.rateLimited(1))).toBe('Trop de tentatives. Réessayez dans 1 seconde.');
  });

  it('follows French, where 0 and 1 are singular', () => {
    expect(i18n.translator('fr').t('directory:import.refused', { count: 1 })).toMatch(/^1 ligne pose problème/);
    expect(i18n.translator('fr').t('directory:import.refused', { count: 2 })).toMatch(/^2 lignes posent problème/);
    expect(say('fr', DomainError.rateLimited(0))).toBe('Trop de tentatives. Réessayez dans 0 seconde.');
    expect(i18n.translator('en').t('directory:import.refused', { count: 1 })).toMatch(/^1 row has problems/);
  });

  it('writes dates inside sentences in the reader’s language', () => {
    const t = (lang: 'en' | 'fr' | 'es') =>
      i18n.translator(lang).t('directory:startsBeforePredecessor', { date: '2026-12-01' });
    expect(t('fr')).toBe('Le nouveau mandat doit commencer après le début du mandat en cours (1er décembre 2026).');
    expect(t('es')).toContain('(1 de diciembre de 2026)');
    expect(t('en')).toContain('(December 1, 2026)');
  });
});
