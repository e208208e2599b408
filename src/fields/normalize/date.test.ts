import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessDateOrder, normalizeDate } from './date.js';

const ok = (value: string) => ({ ok: true, value });

describe('normalizeDate', () => {
  it.each([
    ['1985-03-12', '1985-03-12'],
    ['1985/3/12', '1985-03-12'],
    ['12/03/1985', '1985-03-12'],
    ['12.03.1985', '1985-03-12'],
    ['12-03-1985', '1985-03-12'],
    ['12-03-85', '1985-03-12'],
    ['19850312', '1985-03-12'],
    ['12031985', '1985-03-12'],
    ['31120', '1985-03-14'],
    ['12 March 1985', '1985-03-12'],
    ['March 12, 1985', '1985-03-12'],
    ['Tuesday, 12th of March 1985', '1985-03-12'],
    ['12-Mar-1985', '1985-03-12'],
    ['12 marzo 1985', '1985-03-12'],
    ['martedì 12 marzo 1985', '1985-03-12'],
    ['12 mars 1985', '1985-03-12'],
    ['le 1er mars 1985', '1985-03-01'],
    ['12. März 1985', '1985-03-12'],
    ['12. Maerz 1985', '1985-03-12'],
    ['am 3. Dezember 1985', '1985-12-03'],
    ['12 de marzo de 1985', '1985-03-12'],
    ['1º de enero de 2000', '2000-01-01'],
    ['29/02/2000', '2000-02-29'],
  ])('%j → %j', (raw, value) => {
    expect(normalizeDate(raw)).toMatchObject(ok(value));
  });

  it('keeps the time of timestamps, in UTC when the zone is known, with a date key', () => {
    expect(normalizeDate('2019-05-03 14:22:11')).toEqual({
      ok: true,
      value: '2019-05-03T14:22:11',
      keys: { date: '2019-05-03', year: '2019' },
    });
    expect(normalizeDate('2019-05-03T00:30:00+02:00')).toMatchObject({
      value: '2019-05-02T22:30:00Z',
      keys: { date: '2019-05-02' },
    });
    expect(normalizeDate('2019-05-03T14:22:11.123Z')).toMatchObject(ok('2019-05-03T14:22:11Z'));
    // PostgreSQL's text form of timestamptz: whole-hour offsets without minutes.
    expect(normalizeDate('2024-03-01 10:22:00+01')).toMatchObject(ok('2024-03-01T09:22:00Z'));
    expect(normalizeDate('2024-03-01 10:22:00-0530')).toMatchObject(ok('2024-03-01T15:52:00Z'));
    expect(normalizeDate('03/05/2019 2:22 pm')).toMatchObject(ok('2019-05-03T14:22:00'));
    expect(normalizeDate('1234567890')).toMatchObject(ok('2009-02-13T23:31:30Z'));
    expect(normalizeDate('1234567890123')).toMatchObject(ok('2009-02-13T23:31:30Z'));
    expect(normalizeDate('31120.5')).toMatchObject(ok('1985-03-14T12:00:00'));
  });

  it('follows the column order for ambiguous days, and otherwise puts the day first', () => {
    expect(normalizeDate('03/04/1985')).toMatchObject(ok('1985-04-03'));
    expect(normalizeDate('03/04/1985', 'mdy')).toMatchObject(ok('1985-03-04'));
    expect(normalizeDate('03/25/1985')).toMatchObject(ok('1985-03-25'));
    expect(normalizeDate('03/25/1985', 'dmy')).toMatchObject({ ok: false });
  });

  it('reads Excel serials with the 1900 leap-year bug', () => {
    expect(normalizeDate('1')).toMatchObject(ok('1900-01-01'));
    expect(normalizeDate('59')).toMatchObject(ok('1900-02-28'));
    expect(normalizeDate('60')).toMatchObject({ ok: false });
    expect(normalizeDate('61')).toMatchObject(ok('1900-03-01'));
    expect(normalizeDate('45000')).toMatchObject(ok('2023-03-15'));
    expect(normalizeDate('80001')).toMatchObject({ ok: false });
  });

  it('rejects impossible dates and bare years', () => {
    for (const raw of [
      '31/02/1985',
      '29/02/1900',
      '00/01/1985',
      '1985-13-01',
      '32.01.1985',
      '1985',
      'marzo 1985',
      '25:00',
    ]) {
      expect(normalizeDate(raw), raw).toMatchObject({ ok: false });
    }
  });

  it('pivots two-digit birth years so that people are 0 to 99 years old', () => {
    const birth = { birth: true, referenceYear: 2026 };
    expect(normalizeDate('12/03/26', 'dmy', birth)).toMatchObject(ok('2026-03-12'));
    expect(normalizeDate('12/03/27', 'dmy', birth)).toMatchObject(ok('1927-03-12'));
    expect(normalizeDate('12/03/85', 'dmy', birth)).toMatchObject(ok('1985-03-12'));
    expect(normalizeDate('12/03/30', 'dmy', { referenceYear: 2026 })).toMatchObject(ok('2030-03-12'));
    expect(normalizeDate('12/03/40', 'dmy', { referenceYear: 2026 })).toMatchObject(ok('1940-03-12'));
  });

  it('treats birth dates as days: no time, no future, no one born 150 years ago', () => {
    const birth = { birth: true, referenceYear: 2026 };
    expect(normalizeDate('1985-03-12T10:00:00', undefined, birth)).toMatchObject(ok('1985-03-12'));
    // Midnight in Rome stored as UTC is 23:00 of the day before.
    expect(normalizeDate('1985-03-11T23:00:00Z', undefined, birth)).toMatchObject(ok('1985-03-12'));
    expect(normalizeDate('479430000', undefined, birth)).toMatchObject(ok('1985-03-12'));
    expect(normalizeDate('2030-01-01', undefined, birth)).toEqual({
      ok: false,
      reason: 'implausible birth date',
    });
    expect(normalizeDate('1870-01-01', undefined, birth)).toEqual({
      ok: false,
      reason: 'implausible birth date',
    });
    // Dumps are often years old: a 1902 birth date is kept for linkage; whether the ages
    // are plausible is the analysis's question (impossible-birth-dates signal).
    expect(normalizeDate('1902-05-01', undefined, birth)).toMatchObject(ok('1902-05-01'));
  });

  it('gives one canonical form to the same day written in every supported way', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-03-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const iso = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const months = [
            'janvier',
            'febbraio',
            'März',
            'abril',
            'May',
            'juin',
            'luglio',
            'August',
            'septiembre',
            'ottobre',
            'Nov',
            'Dezember',
          ];
          const serial = Math.round((Date.UTC(y, m - 1, day) - Date.UTC(1899, 11, 30)) / 86400000);
          for (const raw of [
            iso,
            `${day}/${m}/${y}`,
            `${day}.${m}.${y}`,
            `${y}${iso.slice(5, 7)}${iso.slice(8)}`,
            `${day} ${months[m - 1]} ${y}`,
            // Serials 1800–2199 read as bare years (rejected): only 1904–1906 are affected.
            ...(serial >= 1800 && serial < 2200 ? [] : [String(serial)]),
            // Unix seconds are read from 9 digits on, i.e. from 1973.
            ...(y >= 1974 ? [String(Date.UTC(y, m - 1, day) / 1000 + 3600 * 10)] : []),
          ]) {
            const n = normalizeDate(raw, 'dmy');
            expect(n.ok && n.keys?.date, raw).toBe(iso);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('guessDateOrder', () => {
  it('finds the order a day above 12 proves', () => {
    expect(guessDateOrder(['12/03/1985', '25/03/1985', '01/02/2000'])).toMatchObject({ order: 'dmy' });
    expect(guessDateOrder(['03/25/1985', '04/30/1990', '01/02/2000'])).toMatchObject({ order: 'mdy' });
    expect(guessDateOrder(['1985-03-12', '1990-04-30'])).toMatchObject({ order: 'ymd' });
  });

  it('grows confident with proof and stays unsure without it', () => {
    const many = guessDateOrder(
      Array.from({ length: 50 }, (_, i) => `${13 + (i % 15)}/0${1 + (i % 9)}/1985`),
    );
    expect(many.order).toBe('dmy');
    expect(many.confidence).toBeGreaterThan(0.99);
    const ambiguous = guessDateOrder(['01/02/1985', '03/04/1990']);
    expect(ambiguous).toEqual({ order: 'dmy', confidence: 0.3 });
    expect(guessDateOrder(['01/02/1985'], 'mdy')).toEqual({ order: 'mdy', confidence: 0.3 });
    expect(guessDateOrder(['hello', ''])).toEqual({ order: 'dmy', confidence: 0 });
  });

  it('reports mixed evidence as lower confidence', () => {
    const mixed = guessDateOrder(['13/01/1985', '14/01/1985', '01/13/1985']);
    expect(mixed.order).toBe('dmy');
    expect(mixed.confidence).toBeLessThan(0.7);
  });
});
