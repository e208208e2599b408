import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseRows } from './linked-rows.js';

describe('denseRows', () => {
  it('numbers the listed ordinals 1..n and nothing else, sorted or not', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1e9 }), { maxLength: 50 }),
        fc.boolean(),
        (list, sort) => {
          const ordinals = sort ? [...list].sort((a, b) => a - b) : list;
          const dense = denseRows(ordinals);
          ordinals.forEach((o, i) => {
            expect(dense(o)).toBe(i + 1);
          });
          expect(dense(0)).toBeUndefined();
          expect(dense(1e9 + 1)).toBeUndefined();
        },
      ),
    );
    expect(denseRows([3, 7, 9])(7)).toBe(2);
    expect(denseRows([3, 7, 9])(8)).toBeUndefined();
    expect(denseRows([])(1)).toBeUndefined();
  });
});
