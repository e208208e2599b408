import { describe, expect, it } from 'vitest';
import { normalizePlace, normalizeStreet, splitAddress } from './address.js';

describe('splitAddress', () => {
  it.each([
    ['Via Roma 12, 00184 Roma RM, Italia', undefined, 'via roma 12', '00184', 'roma', 'IT'],
    ['Via Roma 12, 00184 Roma (RM)', 'IT', 'via roma 12', '00184', 'roma', 'IT'],
    ['V.le Europa 3, 20121 Milano MI', 'IT', 'viale europa 3', '20121', 'milano', 'IT'],
    ['12 rue de la Paix, 75002 Paris', undefined, '12 rue de la paix', '75002', 'paris', undefined],
    ['12 r. de la Paix, 75002 Paris, France', undefined, '12 rue de la paix', '75002', 'paris', 'FR'],
    ['Hauptstraße 5, 10115 Berlin', 'DE', 'hauptstrasse 5', '10115', 'berlin', 'DE'],
    ['Hauptstr. 5, 10115 Berlin, Deutschland', undefined, 'hauptstrasse 5', '10115', 'berlin', 'DE'],
    ['Calle Mayor 3, 28013 Madrid', 'ES', 'calle mayor 3', '28013', 'madrid', 'ES'],
    ['C/ Mayor 3, 28013 Madrid, España', undefined, 'calle mayor 3', '28013', 'madrid', 'ES'],
    ['10 Downing Street, London SW1A 2AA', undefined, '10 downing street', 'SW1A 2AA', 'london', 'GB'],
    ['10 Downing St, London, SW1A 2AA, UK', undefined, '10 downing street', 'SW1A 2AA', 'london', 'GB'],
    [
      '1600 Pennsylvania Ave NW, Washington, DC 20500',
      'US',
      '1600 pennsylvania avenue northwest',
      '20500',
      'washington',
      'US',
    ],
    [
      '350 Fifth Avenue, New York, NY 10118-0110, USA',
      undefined,
      '350 fifth avenue',
      '10118-0110',
      'new york',
      'US',
    ],
    ['Damrak 1, 1012 LG Amsterdam', undefined, 'damrak 1', '1012 LG', 'amsterdam', 'NL'],
    ['Via Roma 12, Roma', undefined, 'via roma 12', undefined, 'roma', undefined],
  ])('%j', (raw, country, street, postcode, city, code) => {
    const n = splitAddress(raw, country);
    expect(n.ok).toBe(true);
    if (!n.ok) return;
    expect(n.parts).toEqual({
      street,
      ...(postcode ? { postcode } : {}),
      city,
      ...(code ? { country: code } : {}),
    });
    expect(splitAddress(n.value, country)).toMatchObject({ value: n.value });
  });

  it('writes the parts as street|postcode|city|country and reads that form back as it is', () => {
    const n = splitAddress('Via Roma 12, 00184 Roma RM, Italia');
    expect(n).toMatchObject({ ok: true, value: 'via roma 12|00184|roma|IT' });
    expect(splitAddress('via roma 12|00184|roma|IT')).toEqual(n);
    expect(splitAddress('Hauptstr. 5 | 1067 | Dresden | DE')).toMatchObject({
      value: 'hauptstrasse 5|01067|dresden|DE',
    });
    expect(splitAddress('12 rue de la Paix, Paris')).toMatchObject({ value: '12 rue de la paix||paris|' });
  });

  it('keys the house number and the street name, so either order meets', () => {
    const a = splitAddress('12 rue de la Paix, 75002 Paris');
    const b = splitAddress('Rue de la Paix 12, 75002 Paris');
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.keys).toMatchObject({ street_number: '12', street_name: 'rue de la paix' });
    expect(b.keys?.street_name).toBe(a.keys?.street_name);
    expect(b.keys?.street_number).toBe(a.keys?.street_number);
  });

  it('does not take a German postcode for an Italian one when no country is known', () => {
    const n = splitAddress('Hauptstraße 5, 10115 Berlin');
    expect(n).toMatchObject({ ok: true, parts: { postcode: '10115', city: 'berlin' } });
    expect(n.ok && n.parts?.country).toBeUndefined();
  });

  it('rejects values with nothing address-like', () => {
    expect(splitAddress(' , , ')).toMatchObject({ ok: false });
  });
});

describe('normalizeStreet', () => {
  it.each([
    ['Hauptstr. 5', 'DE', 'hauptstrasse 5'],
    ['Bahnhofstraße 1', 'CH', 'bahnhofstrasse 1'],
    ['P.zza Navona 1', 'IT', 'piazza navona 1'],
    ['C.so Buenos Aires 10', undefined, 'corso buenos aires 10'],
    ['Av. de la Constitución 5', 'ES', 'avenida de la constitucion 5'],
    ['3 av. des Champs-Élysées', 'FR', '3 avenue des champs elysees'],
    ['221B Baker St', 'GB', '221b baker street'],
    ['5 St. John St', 'GB', '5 street john street'],
  ])('%j in %s → %j', (raw, country, value) => {
    expect(normalizeStreet(raw, country)).toMatchObject({ ok: true, value });
  });

  it('leaves ambiguous abbreviations alone when the country is unknown', () => {
    expect(normalizeStreet('Av. Diagonal 1')).toMatchObject({ value: 'av diagonal 1' });
    expect(normalizeStreet('Piazza S. Marco')).toMatchObject({ value: 'piazza s marco' });
  });
});

describe('normalizePlace', () => {
  it('folds city names', () => {
    expect(normalizePlace('Köln')).toEqual({ ok: true, value: 'koln' });
    expect(normalizePlace("L'Aquila")).toEqual({ ok: true, value: 'l aquila' });
    expect(normalizePlace('SAINT-ÉTIENNE')).toEqual({ ok: true, value: 'saint etienne' });
  });
});
