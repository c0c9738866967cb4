import { COUNTRY_TIME_ZONES } from './country-time-zones';
import { canonicalTimeZone, countryTimeZone, personTimeZone } from './time-zones';

describe('time zones', () => {
  it('accepts IANA names, spelled as the time-zone data spells them, and nothing else', () => {
    expect(canonicalTimeZone('America/Lima')).toBe('America/Lima');
    expect(canonicalTimeZone('africa/kigali')).toBe('Africa/Kigali');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    for (const bad of ['GMT-3', '+03:00', 'Mars/Olympus', 'America/', '', ' America/Lima', 'x'.repeat(80), 42, null]) {
      expect(canonicalTimeZone(bad)).toBeNull();
    }
  });

  it('defaults to the country’s main zone, then UTC', () => {
    expect(countryTimeZone('BR')).toBe('America/Sao_Paulo');
    expect(countryTimeZone('PE')).toBe('America/Lima');
    expect(countryTimeZone('CD')).toBe('Africa/Kinshasa');
    expect(countryTimeZone(null)).toBe('UTC');
    expect(personTimeZone(null, 'AR')).toBe('America/Argentina/Buenos_Aires');
    expect(personTimeZone('Europe/Madrid', 'AR')).toBe('Europe/Madrid');
  });

  it('has a valid zone for every country it lists', () => {
    for (const zone of Object.values(COUNTRY_TIME_ZONES)) expect(canonicalTimeZone(zone)).not.toBeNull();
    expect(Object.keys(COUNTRY_TIME_ZONES).length).toBeGreaterThan(240);
  });
});
