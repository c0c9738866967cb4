import countries from 'i18n-iso-countries/index';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import pt from 'i18n-iso-countries/langs/pt.json';

// The package's main entry registers the names of every one of its ~100 languages (~8 MiB of the
// embedded server's idle memory, bench/embedded-start.js); Enlace speaks four. Import the countries
// from here, never 'i18n-iso-countries' itself, or the other languages come back.
for (const locale of [en, es, fr, pt]) countries.registerLocale(locale);

/** ISO 3166-1 codes and country names (`countries.getName(code, lang)`) in the four languages. */
export { countries };
