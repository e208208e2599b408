import { fakerEN } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { countryCodeOf, normalizeCountry } from './country.js';
import { ALPHA2_CODES, ALPHA3_TO_ALPHA2 } from './country-codes.js';

describe('normalizeCountry', () => {
  it.each([
    ['IT', 'IT'],
    ['it', 'IT'],
    ['ITA', 'IT'],
    ['Italia', 'IT'],
    ['Italy', 'IT'],
    ['Italie', 'IT'],
    ['Italien', 'IT'],
    ['Germany', 'DE'],
    ['Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['Germania', 'DE'],
    ['Alemania', 'DE'],
    ['DEU', 'DE'],
    ['España', 'ES'],
    ['Espagne', 'ES'],
    ['Spagna', 'ES'],
    ['Spanien', 'ES'],
    ['Regno Unito', 'GB'],
    ['Royaume-Uni', 'GB'],
    ['Vereinigtes Königreich', 'GB'],
    ['Reino Unido', 'GB'],
    ['UK', 'GB'],
    ['U.K.', 'GB'],
    ['England', 'GB'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['United States of America', 'US'],
    ['Stati Uniti', 'US'],
    ["Stati Uniti d'America", 'US'],
    ['États-Unis', 'US'],
    ['Estados Unidos', 'US'],
    ['Vereinigte Staaten', 'US'],
    ['the Netherlands', 'NL'],
    ['Paesi Bassi', 'NL'],
    ['Pays-Bas', 'NL'],
    ['Holland', 'NL'],
    ['Schweiz', 'CH'],
    ['Suisse', 'CH'],
    ['Svizzera', 'CH'],
    ["Côte d'Ivoire", 'CI'],
    ['Costa d’Avorio', 'CI'],
    ['Bosnia and Herzegovina', 'BA'],
    ['Bosnia & Herzegovina', 'BA'],
    ['Czech Republic', 'CZ'],
    ['Repubblica Ceca', 'CZ'],
    ['  FRANCE ', 'FR'],
    ['Grèce', 'GR'],
    ['EL', 'GR'],
  ])('%j → %s', (raw, code) => {
    expect(normalizeCountry(raw)).toMatchObject({ ok: true, value: code });
  });

  it.each(['XX', 'Atlantis', 'ZZZ', 'Europe', ''])('rejects %j', (raw) => {
    expect(normalizeCountry(raw)).toMatchObject({ ok: false });
  });

  it('keys the alpha-3 code', () => {
    expect(normalizeCountry('Deutschland')).toEqual({ ok: true, value: 'DE', keys: { alpha3: 'DEU' } });
  });

  it('knows every ISO country by code and by its English, Italian, French, German and Spanish name', () => {
    for (const code of ALPHA2_CODES) {
      expect(countryCodeOf(code)).toBe(code);
      for (const lang of ['en', 'it', 'fr', 'de', 'es']) {
        const name = new Intl.DisplayNames([lang], { type: 'region' }).of(code)!;
        expect(countryCodeOf(name), `${lang} ${name}`).toBe(code);
      }
    }
  });

  it('has the same alpha-2/alpha-3 table as faker', () => {
    const faker = fakerEN.rawDefinitions.location?.country_code ?? [];
    expect(faker.length).toBe(249);
    expect(new Map(faker.map((c) => [c.alpha3, c.alpha2]))).toEqual(ALPHA3_TO_ALPHA2);
  });
});
