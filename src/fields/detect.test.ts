import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Cell, FieldKind } from '../core/types.js';
import { type ColumnValues, detectValues } from './detect.js';
import { profileColumns } from './infer.js';

/** Deterministic pseudo-random numbers for repeatable samples. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}
const r = rng(42);
const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pad = (x: number, n = 2): string => String(x).padStart(n, '0');
const many = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));

function columnOf(values: readonly string[]): ColumnValues {
  return { values, rows: values.map((_, i) => i), filled: values.length, distinct: new Set(values).size };
}

/** The kind profileColumns gives one column, from its values alone (no header). */
function kindOf(values: readonly string[], header = 'col_1'): FieldKind {
  return profileColumns(
    [header],
    values.map((v) => [v]),
  )[0]!.kind;
}

describe('numbers that look alike', () => {
  it('tells postcodes, sequential ids and amounts apart without headers', () => {
    const postcodes = many(400, () => pad(int(0, 400) * 211 + 100, 5)); // repeats, leading zeros
    expect(kindOf(postcodes)).toBe('postcode');
    expect(kindOf(many(400, (i) => String(40_000 + i * 3)))).toBe('internal_id');
    expect(kindOf(many(400, () => `${int(1, 400)}.${pad(int(0, 99))}`))).toBe('amount');
    expect(kindOf(many(400, () => `€ ${int(1, 99)},${pad(int(0, 99))}`))).toBe('amount');
  });

  it('lets the header settle what values cannot', () => {
    const ints = many(300, () => String(int(1, 500)));
    expect(kindOf(ints, 'total')).toBe('amount');
    expect(kindOf(ints, 'customer_id')).toBe('internal_id');
    expect(kindOf(ints, 'col_1')).not.toBe('date');
  });

  it('reads a column of years as years, not postcodes', () => {
    const years = many(300, () => String(int(1940, 2004)));
    expect(kindOf(years, 'anno di nascita')).toBe('date_of_birth');
    expect(kindOf(years)).not.toBe('postcode');
  });

  it('recognises card numbers by the Luhn check, and masked ones', () => {
    const luhn = (body: string): string => {
      for (let d = 0; d < 10; d++) {
        const s = body + d;
        let sum = 0;
        for (let i = 0; i < s.length; i++) {
          let x = Number(s[s.length - 1 - i]);
          if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
          sum += x;
        }
        if (sum % 10 === 0) return s;
      }
      return body;
    };
    const cards = many(200, () => luhn(`5${many(14, () => String(int(0, 9))).join('')}`));
    expect(kindOf(cards.map((c) => c.replace(/(\d{4})(?=\d)/g, '$1 ')))).toBe('card_number');
    expect(kindOf(many(200, () => `4${int(100, 999)} **** **** ${int(1000, 9999)}`))).toBe('card_number');
    const ev = detectValues(columnOf(many(200, () => many(16, () => String(int(0, 9))).join(''))), {
      header: '',
    });
    expect(ev.scores.card_number ?? 0).toBeLessThan(0.2);
  });
});

describe('dates', () => {
  it('separates birth dates from event dates by their distribution', () => {
    const dob = many(300, () => `${pad(int(1, 28))}/${pad(int(1, 12))}/${int(1940, 2003)}`);
    const orders = many(300, () => `${pad(int(1, 28))}/${pad(int(1, 12))}/${int(2021, 2024)}`);
    expect(kindOf(dob)).toBe('date_of_birth');
    expect(kindOf(orders)).toBe('date');
    const midnight = many(300, () => `${int(1940, 2003)}-${pad(int(1, 12))}-${pad(int(1, 28))} 00:00:00`);
    expect(kindOf(midnight)).toBe('date_of_birth');
  });

  it('finds the day/month order', () => {
    const mdy = many(200, () => `${pad(int(1, 12))}/${pad(int(1, 28))}/${int(1950, 2000)}`);
    const dmy = mdy.map((v) => v.replace(/^(\d\d)\/(\d\d)/, '$2/$1'));
    const [a, b] = profileColumns(
      ['a', 'b'],
      mdy.map((v, i) => [v, dmy[i]!]),
    );
    expect(a!.params.dateOrder).toBe('mdy');
    expect(b!.params.dateOrder).toBe('dmy');
  });

  it('does not read decimals or small integers as Excel dates', () => {
    const ev = detectValues(columnOf(many(200, () => `${int(1, 900)}.${pad(int(0, 99))}`)), { header: '' });
    expect(ev.scores.date ?? 0).toBe(0);
  });
});

describe('phones', () => {
  it('reads national numbers in the row country from a country column', () => {
    const rows: Cell[][] = many(300, (i) => String(i)).map((_, i) =>
      i % 2 === 0
        ? ['DE', `0151 ${int(1000_0000, 9999_9999)}`]
        : ['Italia', `3${int(20, 49)} ${int(100_0000, 999_9999)}`],
    );
    const [country, phone] = profileColumns(['country', 'phone'], rows);
    expect(country!.kind).toBe('country');
    expect(phone!.kind).toBe('phone');
    expect(phone!.evidence).toContain('country column');
    expect(['DE', 'IT']).toContain(phone!.params.phoneRegion);
    expect(phone!.confidence).toBeGreaterThan(0.9);
  });

  it('chooses the region that makes the numbers valid, else the default', () => {
    const es = many(200, () => `6${int(10, 99)} ${int(100, 999)} ${int(100, 999)}`);
    expect(
      profileColumns(
        ['tel'],
        es.map((v) => [v]),
      )[0]!.params.phoneRegion,
    ).toBe('ES');
    const gb = many(200, () => `07${int(400, 999)} ${int(100000, 999999)}`);
    expect(
      profileColumns(
        ['tel'],
        gb.map((v) => [v]),
        { defaultRegion: 'GB' },
      )[0]!.params.phoneRegion,
    ).toBe('GB');
  });
});

describe('people and handles', () => {
  it('tells first names from surnames without headers', () => {
    const first = [
      'Marco',
      'Giulia',
      'Luca',
      'Francesca',
      'Pierre',
      'Camille',
      'Hans',
      'Ursula',
      'Javier',
      'Carmen',
    ];
    const last = [
      'Rossi',
      'Bianchi',
      'Esposito',
      'Dubois',
      'Lefebvre',
      'Schmidt',
      'Schneider',
      'García',
      'Fernández',
      'Colombo',
    ];
    const rows = many(200, (i) => String(i)).map(() => [first[int(0, 9)]!, last[int(0, 9)]!]);
    const [a, b] = profileColumns(['col_1', 'col_2'], rows);
    expect([a!.kind, b!.kind]).toEqual(['first_name', 'last_name']);
  });

  it('tells usernames from passwords without headers', () => {
    const users = many(
      300,
      (i) => `${['mario', 'anna', 'jdoe', 'kevin', 'lucia'][i % 5]}${['.', '_', ''][i % 3]}${int(1, 999)}`,
    );
    const passwords = many(300, (i) =>
      i % 3 === 0
        ? ['123456', 'password', 'qwerty', 'iloveyou'][i % 4]!
        : `${['Summer', 'Winter', 'Ciao'][i % 3]}${int(10, 99)}${['!', '#', '$'][i % 3]}`,
    );
    expect(kindOf(users)).toBe('username');
    expect(kindOf(passwords)).toBe('password');
  });

  it('reads single-token gender, currency and country columns', () => {
    expect(kindOf(many(100, (i) => ['maschio', 'femmina'][i % 2]!))).toBe('gender');
    expect(kindOf(many(100, (i) => ['EUR', 'USD', 'GBP'][i % 3]!))).toBe('currency');
    expect(kindOf(many(100, (i) => ['Deutschland', 'Österreich', 'Schweiz'][i % 3]!))).toBe('country');
  });

  it('keeps dashless UUIDs as ids, not MD5 hashes', () => {
    expect(kindOf(many(200, () => randomUUID().replace(/-/g, '')))).toBe('internal_id');
    expect(kindOf(many(200, () => randomUUID()))).toBe('internal_id');
    expect(kindOf(many(200, (i) => createHash('md5').update(`p${i}`).digest('hex')))).toBe('password_hash');
  });

  it('reads free text and one-line addresses', () => {
    const words = ['please', 'deliver', 'after', 'six', 'ring', 'the', 'bell', 'twice', 'fragile', 'thanks'];
    expect(kindOf(many(100, () => many(int(6, 12), () => words[int(0, 9)]!).join(' ')))).toBe('text');
    const addresses = many(100, () => `${int(1, 99)} rue de la Paix, ${pad(int(1000, 95999), 5)} Paris`);
    expect(kindOf(addresses)).toBe('address');
    expect(kindOf(many(100, () => `${int(1, 99)} High Street, London SW1A ${int(1, 9)}AA`))).toBe('address');
  });
});

describe('detectValues', () => {
  it('returns no evidence for an empty column', () => {
    const ev = detectValues(columnOf([]), { header: '' });
    expect(ev.scores).toEqual({});
    expect(ev.meanTokens).toBe(0);
  });
});
