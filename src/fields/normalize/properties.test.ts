import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_KINDS, type FieldKind, type Normalized } from '../../core/types.js';
import { guessDateOrder, guessPhoneRegion, normalizeValue } from './index.js';

/**
 * Properties every normaliser must have, checked through normalizeValue for every kind:
 * never throws, canonical values have no surrounding space, and normalising a canonical
 * value gives it back (idempotence), on arbitrary strings and on realistic ones.
 */

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const spaced = (arb: fc.Arbitrary<string>) =>
  fc.tuple(pick(['', ' ', '  ', '\t']), arb, pick(['', ' ', '\u00a0'])).map(([a, b, c]) => a + b + c);

const NAME_PIECES = [
  'Mario', 'ROSSI', 'Müller-Lüdenscheidt', 'García', 'Márquez', 'van', 'der', 'de', 'la', "O'Brien", "D'Angelo",
  'Łukasz', 'Øyvind', 'Straße', 'Æsir', 'Dr.', 'Jr.', 'Q.', 'J.', ',', 'Dott.ssa', 'Mme', 'Don', 'y', 'e', 'M.',
  'ǅuro', 'İstanbul', '한국', 'Ωμέγα', 'ﬁn', 'Ｍａｒｉｏ', '-', "'", 'III', 'Sr',
]; // biome-ignore format: a word list
const ADDRESS_PIECES = [
  'Via', 'Roma', '12', '00184', 'RM', '(RM)', ',', 'Italia', 'rue', '75002', 'Paris', 'Hauptstr.', '10115', 'SW1A',
  '2AA', 'London', 'DC', '20500', '1012', 'LG', 'Ave', 'NW', 'C/', 'Mayor', 'España', 'UK', 'K1A', '0B1', 'St.', '|', '||',
]; // biome-ignore format: a word list

const realistic: Partial<Record<FieldKind, fc.Arbitrary<string>>> = {
  // fc.emailAddress() is thorough but slow to generate; these cover the same characters.
  email: fc
    .tuple(
      fc.stringMatching(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,20}$/),
      fc.oneof(
        fc.stringMatching(/^[A-Za-z0-9-]{1,10}(?:\.[A-Za-z0-9-]{1,10}){0,2}\.[A-Za-z]{2,6}\.?$/),
        pick(['gmail.com', 'GoogleMail.com', 'yahoo.it', 'bücher.de', 'XN--BCHER-KVA.de', 'Ｅxample.com']),
      ),
    )
    .map(([l, d]) => `${l}@${d}`),
  phone: fc.stringMatching(/^(?:\+|00|\(0\))?[0-9 ()./-]{3,20}$/),
  first_name: fc.array(pick(NAME_PIECES), { maxLength: 3 }).map((xs) => xs.join(' ')),
  full_name: fc.array(pick(NAME_PIECES), { maxLength: 6 }).map((xs) => xs.join(' ')),
  date_of_birth: fc.stringMatching(/^[0-9]{1,4}[-/. ][0-9]{1,2}[-/. ][0-9]{1,4}$/),
  date: fc.oneof(
    fc
      .date({ min: new Date(1800, 0, 1), max: new Date(2190, 0, 1), noInvalidDate: true })
      .map((d) => d.toISOString()),
    fc.stringMatching(/^[0-9]{1,13}(?:\.[0-9]{1,3})?$/),
    fc.stringMatching(
      /^[0-9]{1,2}\.? (?:March|marzo|mars|März|de marzo de|Dec) [0-9]{2,4}(?: [0-9]{1,2}:[0-9]{2})?$/,
    ),
  ),
  street: fc.array(pick(ADDRESS_PIECES), { maxLength: 5 }).map((xs) => xs.join(' ')),
  address: fc.array(pick(ADDRESS_PIECES), { maxLength: 10 }).map((xs) => xs.join(' ')),
  postcode: fc.stringMatching(/^(?:[A-Z]{1,2}-)?[A-Za-z0-9]{1,5}[ -]?[A-Za-z0-9]{0,4}$/),
  country: pick([
    'Italia',
    'ita',
    'DE',
    'Allemagne',
    'España',
    'Regno Unito',
    'UK',
    'u.s.a.',
    "Côte d'Ivoire",
    'xx',
  ]),
  ip: fc.oneof(
    fc.ipV4(),
    fc.ipV6(),
    fc.ipV4Extended(),
    fc.ipV6().map((ip) => `[${ip}]`),
  ),
  internal_id: fc.stringMatching(/^[#A-Za-z]{0,3}[-_ ]?0{0,3}[0-9]{1,8}$/),
  amount: fc.stringMatching(/^[-+(]?(?:€|\$|£|EUR)? ?[0-9][0-9.,' ]{0,12}(?: ?€| EUR| CHF)?[-)]?$/),
  currency: pick(['€', '$', 'usd', 'EUR', 'Euro', 'Pfund', 'CHF', 'fr']),
  card_number: fc.oneof(
    fc.stringMatching(/^[0-9 -]{12,23}$/),
    fc.stringMatching(/^[0-9]{0,6}[*xX]{2,12}[0-9]{4}$/),
  ),
  gender: pick(['M', 'f', 'Female', 'maschio', 'Femme', 'männlich', 'Mujer', 'X', 'non-binary', '?']),
  password_hash: fc.oneof(
    fc.stringMatching(/^[0-9a-fA-F]{32}$/),
    fc.constant('$2y$10$abcdefghijklmnopqrstuv'),
  ),
};

const regionArb = pick([
  undefined,
  'IT',
  'FR',
  'DE',
  'ES',
  'GB',
  'US',
  'AU',
  'NL',
  'CA',
  'ZZ',
  'constructor',
]);

function valueArb(kind: FieldKind): fc.Arbitrary<string> {
  const arbitrary = fc.oneof(
    // Keys every plain object inherits: lookups in word tables must not find them.
    pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'CONSTRUCTOR']),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );
  const specific = realistic[kind];
  return specific
    ? fc.oneof({ arbitrary: spaced(specific), weight: 3 }, { arbitrary, weight: 1 })
    : arbitrary;
}

function check(kind: FieldKind, raw: string, region: string | undefined): void {
  const params = region ? { phoneRegion: region, country: region, dateOrder: 'dmy' as const } : {};
  let first: Normalized;
  try {
    first = normalizeValue(kind, raw, params);
  } catch (error) {
    throw new Error(`${kind} threw on ${JSON.stringify(raw)}: ${String(error)}`);
  }
  if (!first.ok) {
    expect(typeof first.reason).toBe('string');
    return;
  }
  expect(first.value, `${kind}: ${JSON.stringify(raw)}`).toBe(first.value.trim());
  expect(first.value.length).toBeGreaterThan(0);
  const second = normalizeValue(kind, first.value, params);
  expect(second, `${kind}: ${JSON.stringify(raw)} → ${JSON.stringify(first.value)}`).toMatchObject({
    ok: true,
    value: first.value,
  });
}

describe.each(FIELD_KINDS.map((k) => [k]))('normalizeValue(%s)', (kind) => {
  it('never throws, trims, and is idempotent', () => {
    fc.assert(
      fc.property(valueArb(kind), regionArb, (raw, region) => check(kind, raw, region)),
      { numRuns: 600 },
    );
  });

  it('rejects huge values at once', () => {
    const huge = `${'9'.repeat(200_000)}@x.com`;
    const started = performance.now();
    expect(normalizeValue(kind, huge)).toMatchObject({ ok: false });
    expect(normalizeValue(kind, ` ${'a '.repeat(100_000)}`)).toMatchObject({ ok: false });
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('adversarial values', () => {
  // Shapes that make backtracking regexes go quadratic or worse, at the longest length accepted.
  const nasty = [
    `${'A'.repeat(998)}a`,
    `${'Aa'.repeat(499)}!`,
    ' ,'.repeat(499),
    `${'1 '.repeat(499)}x`,
    `${'a.'.repeat(499)}@`,
    `${'a'.repeat(60)}@${'a-'.repeat(100)}.${'a'.repeat(300)}`,
    '0'.repeat(999),
    `${'12:'.repeat(333)}`,
    `${'(RM) '.repeat(199)}`,
    `${'SW1A 1AA '.repeat(111)}`,
    `${'9'.repeat(500)}${'.,'.repeat(249)}`,
  ];
  it.each(FIELD_KINDS.map((k) => [k]))('%s stays fast on them', (kind) => {
    for (const raw of nasty) {
      const started = performance.now();
      normalizeValue(kind, raw, { country: 'IT', phoneRegion: 'IT' });
      expect(performance.now() - started, `${kind} on ${raw.slice(0, 12)}...`).toBeLessThan(100);
    }
  });
});

describe('normalizeValue', () => {
  it('prefers the row country to the column region for phones and postcodes', () => {
    expect(normalizeValue('phone', '06 1234 5678', { phoneRegion: 'FR' }, { country: 'IT' })).toMatchObject({
      value: '+390612345678',
    });
    expect(normalizeValue('phone', '06 12 34 56 78', { phoneRegion: 'FR' })).toMatchObject({
      value: '+33612345678',
    });
    expect(normalizeValue('postcode', '8100', { country: 'IT' })).toMatchObject({ value: '08100' });
    expect(normalizeValue('postcode', '8100', { country: 'IT' }, { country: 'AU' })).toMatchObject({
      value: '8100',
    });
  });

  it('treats non-strings as invalid instead of throwing', () => {
    expect(normalizeValue('email', null as unknown as string)).toMatchObject({ ok: false });
    expect(normalizeValue('name' as FieldKind, 'x')).toMatchObject({ ok: false, reason: 'unknown kind' });
  });
});

describe('column-level guesses', () => {
  it('never throw on arbitrary columns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), realistic.phone!, realistic.date!), { maxLength: 30 }),
        (values) => {
          const order = guessDateOrder(values);
          expect(['dmy', 'mdy', 'ymd']).toContain(order.order);
          expect(order.confidence).toBeGreaterThanOrEqual(0);
          expect(order.confidence).toBeLessThanOrEqual(1);
          const phone = guessPhoneRegion(values, 'IT');
          expect(phone.validShare).toBeGreaterThanOrEqual(0);
          expect(phone.validShare).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 100 },
    );
  });
});
