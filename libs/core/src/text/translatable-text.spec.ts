import { buildTranslatableText, listTranslations, resolveText, TranslatableText } from './translatable-text';

const text: TranslatableText = {
  es: { text: 'Red Latinoamericana', status: 'ORIGINAL' },
  en: { text: 'Latin American Network', status: 'TRANSLATED' },
  fr: { text: 'Réseau latino-américain', status: 'OFFICIAL' },
};

describe('resolveText', () => {
  it('serves the request language when it exists', () => {
    expect(resolveText(text, 'fr', 'es')).toEqual({
      text: 'Réseau latino-américain',
      language: 'fr',
      status: 'OFFICIAL',
    });
  });

  it('falls back to the network default, then the original, then any language', () => {
    expect(resolveText(text, 'pt', 'en')).toMatchObject({ language: 'en' });
    expect(resolveText(text, 'pt')).toMatchObject({ language: 'es', status: 'ORIGINAL' });
    expect(resolveText({ fr: { text: 'Seul', status: 'TRANSLATED' } }, 'pt', 'en')).toMatchObject({ language: 'fr' });
  });

  it('answers null when nothing is stored', () => {
    expect(resolveText(null, 'en')).toBeNull();
    expect(resolveText({}, 'en')).toBeNull();
  });

  it('lists translations in a stable order', () => {
    expect(listTranslations(text).map((t) => t.language)).toEqual(['en', 'es', 'fr']);
  });
});

describe('buildTranslatableText', () => {
  it('builds the stored form and trims', () => {
    const { value, errors } = buildTranslatableText(
      [
        { language: 'es', text: '  Hola ', status: 'ORIGINAL' },
        { language: 'en', text: 'Hello' },
      ],
      'input.name',
    );
    expect(errors).toEqual([]);
    expect(value).toEqual({ es: { text: 'Hola', status: 'ORIGINAL' }, en: { text: 'Hello', status: 'TRANSLATED' } });
  });

  it('reports every problem with its field path', () => {
    const { errors } = buildTranslatableText(
      [
        { language: 'de', text: 'Hallo' },
        { language: 'es', text: '' },
        { language: 'en', text: 'x'.repeat(11) },
        { language: 'fr', text: 'Salut', status: 'MACHINE' },
        { language: 'pt', text: 'Olá' },
        { language: 'pt', text: 'Oi' },
      ],
      'input.name',
      { maxLength: 10 },
    );
    expect(errors.map((e) => [e.field, e.key])).toEqual([
      ['input.name.0.language', 'validation:unsupportedLanguage'],
      ['input.name.1.text', 'validation:required'],
      ['input.name.2.text', 'validation:tooLong'],
      ['input.name.3.status', 'validation:invalidValue'],
      ['input.name.5.language', 'validation:duplicateLanguage'],
    ]);
  });

  it('requires at least one language when asked to', () => {
    expect(buildTranslatableText([], 'input.name', { required: true }).errors).toEqual([
      { field: 'input.name', key: 'validation:translationRequired' },
    ]);
  });
});
