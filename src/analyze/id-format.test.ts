import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fabricated, generateCompany } from '../synth/index.js';
import { passesLuhn, passesMod11, passesMod11Positional, passesMod97, withLuhn } from './check-digits.js';
import { checkIdFormat, describeIdFormat, fitsIdFormat } from './id-format.js';
import { learnIdFormat } from './id-format-learner.js';

describe('check digits', () => {
  it('validates known numbers', () => {
    expect(passesLuhn('4111 1111 1111 1111')).toBe(true);
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
    expect(passesMod11Positional('0-306-40615-2')).toBe(true); // ISBN-10
    expect(passesMod11Positional('943 476 5919')).toBe(true); // NHS number
    expect(passesMod11Positional('943 476 5918')).toBe(false);
    // An IBAN with its first four characters moved to the end, as ISO 13616 checks it.
    expect(passesMod97('WEST12345698765432GB82')).toBe(true);
    expect(passesMod97('WEST12345698765432GB83')).toBe(false);
  });

  it('mod 11 (weights 2..7) accepts exactly one check digit per payload, or none', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4,12}$/), (payload) => {
        const valid = [...'0123456789'].filter((d) => passesMod11(payload + d));
        expect(valid.length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('Luhn catches every single-digit error', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{5,15}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, at, delta) => {
          const id = withLuhn(payload);
          expect(passesLuhn(id)).toBe(true);
          const i = at % id.length;
          const changed = `${id.slice(0, i)}${(Number(id[i]) + delta) % 10}${id.slice(i + 1)}`;
          expect(passesLuhn(changed)).toBe(false);
        },
      ),
    );
  });
});

const company = generateCompany({ seed: 3, customers: 3000 });
const customers = [...company.customers()];
const customerIds = customers.map((c) => c.customer_id);
const orderIds = [...company.orders()].map((o) => o.order_id);

describe('learnIdFormat', () => {
  it('learns the house customer id: prefix, padded digits, range and Luhn', () => {
    const format = learnIdFormat(customerIds);
    expect(format.learnedFrom).toBe(3000);
    expect(format.coverage).toBe(1);
    expect(format.shapes[0]?.pattern).toBe('A-9');
    expect(format.shapes[0]?.tokens[0]).toEqual({ kind: 'literal', text: 'SC' });
    const digits = format.shapes[0]?.tokens[2];
    expect(digits).toMatchObject({ kind: 'digits', length: [8, 8], padded: true });
    expect(format.check?.scheme).toBe('luhn');
    expect(describeIdFormat(format)).toBe('"SC" + 8 digits, luhn check digit');
    for (const id of customerIds) expect(fitsIdFormat(format, id)).toBe(true);
  });

  it('learns order numbers with an embedded year and no check digit', () => {
    const format = learnIdFormat(orderIds);
    expect(format.shapes[0]?.pattern).toBe('A-9-9');
    expect(format.shapes[0]?.tokens[2]).toMatchObject({ kind: 'digits', date: 'yyyy' });
    expect(format.check).toBeNull();
    expect(orderIds.every((id) => fitsIdFormat(format, id))).toBe(true);
    expect(checkIdFormat(format, 'ORD-2031-0000123')).toBe('date');
    expect(checkIdFormat(format, 'MP123456789')).toBe('shape');
    expect(checkIdFormat(format, 'XYZ-2020-0000123')).toBe('literal');
  });

  it('rejects what a fabricator imitating the shape produces', () => {
    const format = learnIdFormat(customerIds);
    const fake = fabricated(2000, { seed: 5 });
    const column = fake.fields.indexOf('customer_id');
    const ids = fake.rows.map((r) => r[column]!).filter((v) => v !== null);
    const fits = ids.filter((id) => fitsIdFormat(format, id)).length / ids.length;
    expect(fits).toBeLessThan(0.05);
    const reasons = new Map<string, number>();
    for (const id of ids)
      reasons.set(checkIdFormat(format, id), (reasons.get(checkIdFormat(format, id)) ?? 0) + 1);
    expect(reasons.get('range') ?? 0).toBeGreaterThan(ids.length * 0.3);
    expect(reasons.get('shape') ?? 0).toBeGreaterThan(ids.length * 0.2);
  });

  it('rejects an id of the right shape and range with a wrong check digit', () => {
    const format = learnIdFormat(customerIds);
    const good = customerIds[10]!;
    const bad = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;
    expect(checkIdFormat(format, good)).toBe('fits');
    expect(checkIdFormat(format, bad)).toBe('check');
  });

  it('rejects ids beyond the range we issued and tolerates lost leading zeros of all-digit ids', () => {
    const format = learnIdFormat(['000120', '000450', '000998', '000777']);
    expect(fitsIdFormat(format, '000500')).toBe(true);
    expect(fitsIdFormat(format, '500')).toBe(true);
    expect(checkIdFormat(format, '005000')).toBe('range');
    expect(checkIdFormat(format, 'A00500')).toBe('shape');
  });

  it('detects mod 97-10 and mod 11 schemes when all values pass them', () => {
    const mod97: string[] = [];
    for (let n = 1000; mod97.length < 50; n++) {
      const base = `AB${n}`;
      for (let cd = 0; cd < 100; cd++) {
        const id = `${base}${String(cd).padStart(2, '0')}`;
        if (passesMod97(id)) {
          mod97.push(id);
          break;
        }
      }
    }
    expect(learnIdFormat(mod97).check?.scheme).toBe('mod97-10');
    const mod11: string[] = [];
    for (let n = 100000; mod11.length < 60; n += 7) {
      for (let d = 0; d <= 9; d++) if (passesMod11(`${n}${d}`)) mod11.push(`${n}${d}`);
    }
    expect(learnIdFormat(mod11).check?.scheme).toBe('mod11');
  });

  it('keeps no value: the serialised profile holds shapes, ranges and shares only', () => {
    const format = learnIdFormat(customerIds);
    const json = JSON.stringify(format);
    for (const id of customerIds.slice(0, 200)) expect(json).not.toContain(id);
    expect(fitsIdFormat(JSON.parse(json), customerIds[0]!)).toBe(true);
  });

  it('never throws on arbitrary strings', () => {
    const format = learnIdFormat(customerIds.slice(0, 100));
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        expect(typeof fitsIdFormat(format, s)).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 50 }), (values) => {
        const f = learnIdFormat(values);
        for (const v of values) expect(typeof fitsIdFormat(f, v)).toBe('boolean');
      }),
    );
  });
});
