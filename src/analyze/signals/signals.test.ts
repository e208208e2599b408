import { describe, expect, it } from 'vitest';
import type { Signal } from '../../core/report.js';
import {
  fabricated,
  fakesAroundRealEmails,
  generateCompany,
  genuineExport,
  type LeakSample,
  otherPlatform,
  unrelated,
} from '../../synth/index.js';
import { createSampleView } from '../sample-view.js';
import { sampleColumns } from '../test-support/simulate.js';
import { amountSignals } from './amounts.js';
import { dateSignals } from './dates.js';
import { duplicateSignals } from './duplicates.js';
import { generatorSignals } from './generator.js';
import { ipSignals } from './ip.js';
import { nameConsistencySignals } from './name-consistency.js';
import { phoneSignals } from './phone.js';
import { postcodeSignals } from './postcode.js';

const company = generateCompany({ seed: 5, customers: 3000 });

function fabricationSignals(sample: LeakSample): Map<string, Signal> {
  const view = createSampleView(sampleColumns(sample), sample.rows.length);
  const signals = [
    ...ipSignals(view),
    ...phoneSignals(view),
    ...postcodeSignals(view),
    ...generatorSignals(view),
    ...nameConsistencySignals(view),
    ...dateSignals(view, 2025),
    ...duplicateSignals(view),
    ...amountSignals(view),
  ];
  for (const s of signals) {
    expect(s.family).toBe('fabrication');
    expect(s.weight).toBeGreaterThanOrEqual(0);
    expect(s.weight).toBeLessThanOrEqual(3);
    expect(s.detail.length).toBeGreaterThan(10);
  }
  return new Map(signals.map((s) => [s.id, s]));
}

const total = (signals: Map<string, Signal>) => [...signals.values()].reduce((s, x) => s + x.weight, 0);

describe('fabrication signals on faker-made samples', () => {
  it('trip on an Italian fabricated sample', () => {
    const s = fabricationSignals(fabricated(800, { locale: 'IT', seed: 2 }));
    for (const id of [
      'reserved-ip-addresses',
      'ip-country-mismatch',
      'invalid-phone-numbers',
      'generator-name-dictionaries',
      'generator-handle-templates',
      'generator-place-templates',
      'email-name-mismatch',
      'username-name-mismatch',
      'uniform-ages',
      'amount-digit-preference',
    ]) {
      expect(s.get(id)?.weight, id).toBeGreaterThan(0);
    }
    expect(total(s)).toBeGreaterThan(15);
  });

  it('trip on a US fabricated sample too', () => {
    const s = fabricationSignals(fabricated(800, { locale: 'US', seed: 3 }));
    expect(s.get('generator-name-dictionaries')?.weight).toBeGreaterThan(1);
    expect(s.get('generator-place-templates')?.weight).toBeGreaterThan(1);
    expect(total(s)).toBeGreaterThan(10);
  });

  it('trip on generated rows wrapped around our customers’ real emails', () => {
    const s = fabricationSignals(fakesAroundRealEmails(company, 800, { seed: 4 }));
    expect(s.get('email-name-mismatch')?.value).toBeGreaterThan(0.5);
    expect(s.get('email-name-mismatch')?.weight).toBe(3);
    expect(s.get('generator-name-dictionaries')?.weight).toBeGreaterThan(1);
    expect(s.get('postcode-city-mismatch')?.weight).toBeGreaterThan(1);
  });
});

describe('fabrication signals on real-looking samples', () => {
  const cases: [string, LeakSample][] = [
    ['genuine export with heavy noise', genuineExport(company, { n: 800, noise: 0.3, seed: 6 })],
    ['genuine export in German', genuineExport(company, { n: 800, headers: 'de', seed: 7 })],
    ["another platform's breach", otherPlatform(company, { n: 800, seed: 8 })],
    [
      'a mixed-country export without a country column',
      genuineExport(company, {
        n: 800,
        fields: [
          'first_name',
          'last_name',
          'email',
          'phone',
          'date_of_birth',
          'street',
          'postcode',
          'city',
          'ip',
          'amount',
        ],
        seed: 10,
      }),
    ],
    ['unrelated real-looking data', unrelated(800, { exclude: company, seed: 9 })],
  ];
  for (const [name, sample] of cases) {
    it(`stay quiet on ${name}`, () => {
      const s = fabricationSignals(sample);
      const fired = [...s.values()].filter((x) => x.weight > 0).map((x) => `${x.id}=${x.weight}`);
      expect(fired).toEqual([]);
      expect(s.size).toBeGreaterThan(12);
    });
  }
});

describe('signals on hand-made values', () => {
  function view(columns: Record<string, string[]>, kinds: Record<string, string>) {
    const names = Object.keys(columns);
    const rows = columns[names[0]!]!.length;
    return createSampleView(
      names.map((name, index) => ({
        profile: {
          index,
          name,
          kind: kinds[name] as never,
          confidence: 1,
          params: {},
          evidence: '',
          alternatives: [],
        },
        raw: columns[name]!,
      })),
      rows,
    );
  }

  it('flags a pile of 1 January birthdays and impossible ages', () => {
    const dates = Array.from({ length: 200 }, (_, i) =>
      i % 4 === 0 ? '1980-01-01' : `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`,
    );
    // Ten impossible dates, none on a multiple of 4: a future one, too young, too old.
    for (const [k, at] of [1, 2, 3, 5, 6, 7, 9, 10, 11, 13].entries()) {
      dates[at] = ['2031-05-05', '2020-05-05', '1880-05-05'][k % 3]!;
    }
    const s = new Map(
      dateSignals(view({ dob: dates }, { dob: 'date_of_birth' }), 2025).map((x) => [x.id, x]),
    );
    expect(s.get('birth-date-new-year-spike')?.value).toBe(0.25);
    expect(s.get('birth-date-new-year-spike')?.weight).toBeGreaterThan(2);
    expect(s.get('impossible-birth-dates')?.value).toBe(0.05);
    expect(s.get('impossible-birth-dates')?.weight).toBeGreaterThan(0);
  });

  it('flags repeated rows and phones shared by different people', () => {
    const first = Array.from({ length: 100 }, (_, i) => ['Anna', 'Luca', 'Marco', 'Sara'][i % 4]!);
    const last = Array.from({ length: 100 }, (_, i) => `Name${i}`);
    const phone = Array.from({ length: 100 }, (_, i) =>
      i < 30 ? '+39 333 1234567' : `+39 333 ${1000000 + i * 7919}`,
    );
    first[99] = first[98]!;
    last[99] = last[98]!;
    phone[99] = phone[98]!;
    const s = new Map(
      duplicateSignals(
        view({ first, last, phone }, { first: 'first_name', last: 'last_name', phone: 'phone' }),
      ).map((x) => [x.id, x]),
    );
    expect(s.get('duplicate-rows')?.value).toBe(0.01);
    expect(s.get('shared-contacts')?.value).toBeCloseTo(0.3, 5);
    expect(s.get('shared-contacts')?.weight).toBeGreaterThan(2);
  });

  it('flags example.com addresses and leaves real providers alone', () => {
    const emails = Array.from({ length: 100 }, (_, i) => `user${i}@${i % 2 ? 'example.com' : 'gmail.com'}`);
    const s = new Map(generatorSignals(view({ email: emails }, { email: 'email' })).map((x) => [x.id, x]));
    expect(s.get('reserved-email-domains')?.value).toBe(0.5);
    expect(s.get('reserved-email-domains')?.weight).toBe(3);
  });
});
