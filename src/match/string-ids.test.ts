import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString, type StringHasher, StringIds } from './string-ids.js';

type Op = { kind: 'get'; value: string } | { kind: 'set'; value: string; id: number };

/** Runs `ops` on a StringIds and a Map side by side; every get must agree. */
function agreesWithMap(ops: readonly Op[], hasher?: StringHasher): void {
  const ids = new StringIds(hasher);
  const map = new Map<string, number>();
  for (const op of ops) {
    if (op.kind === 'set') {
      ids.set(op.value, op.id);
      map.set(op.value, op.id);
    } else {
      expect(ids.get(op.value)).toBe(map.get(op.value) ?? -1);
    }
    expect(ids.size).toBe(map.size);
  }
  for (const [value, id] of map) expect(ids.get(value)).toBe(id);
}

// Short strings from a small alphabet repeat often; any UTF-16 code unit (lone surrogates too).
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é'), maxLength: 4 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 6 }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  value.map((v): Op => ({ kind: 'get', value: v })),
  fc.record({ kind: fc.constant('set' as const), value, id: fc.nat() }),
);

describe('StringIds', () => {
  it('answers like a Map for any sequence of gets and sets', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => agreesWithMap(ops)),
      { numRuns: 500 },
    );
  });

  it('tells values apart by the string itself when every hash collides', () => {
    const constant: StringHasher = (_, out) => {
      out[0] = 7;
      out[1] = 7;
    };
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => agreesWithMap(ops, constant)),
      { numRuns: 200 },
    );
  });

  it('keeps every value through many doublings', () => {
    const ids = new StringIds();
    const n = 50_000;
    for (let i = 0; i < n; i++) ids.set(`v${i}`, i + 1);
    expect(ids.size).toBe(n);
    for (let i = 0; i < n; i++) expect(ids.get(`v${i}`)).toBe(i + 1);
    expect(ids.get('v-1')).toBe(-1);
    expect(ids.get('')).toBe(-1);
    ids.set('', 0);
    expect(ids.get('')).toBe(0);
  });

  it('hashes by code units: equal strings alike however they were built, near ones apart', () => {
    const a = new Uint32Array(2);
    const b = new Uint32Array(2);
    hashString('jean dupont', a);
    hashString(['jean', 'dupont'].join(' '), b);
    expect([...b]).toEqual([...a]);
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      hashString(`1978-04-${i}`, a);
      seen.add(`${a[0]}:${a[1]}`);
    }
    expect(seen.size).toBe(10_000);
  });
});
