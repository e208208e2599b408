import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_KINDS, type FieldKind } from '../core/types.js';
import { analyzeSample } from './analyze.js';
import type { AnalysisInput, LinkedRow, RecordProfile } from './types.js';

/** Every sample is written by an adversary: the analysis never throws and stays fast on any cells. */

const records: RecordProfile = {
  kind: 'record-profile',
  version: 1,
  tables: { customers: 1000 },
  kinds: ['email', 'internal_id'],
};

const cell = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '10.0.0.1',
    '+39 333 1234567',
    '1980-01-01',
    'a@example.com',
    'SC-00012348',
    'Mario',
    '<script>',
  ),
  fc.string({ minLength: 500, maxLength: 3000 }),
);

describe('analyzeSample on hostile input', () => {
  it('never throws on arbitrary columns, kinds, cells and links', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<FieldKind>(...FIELD_KINDS), { minLength: 0, maxLength: 6 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(cell, { minLength: 400, maxLength: 400 }),
        fc.array(fc.integer({ min: -5, max: 80 }), { maxLength: 20 }),
        (kinds, rows, cells, linkedRows) => {
          const input: AnalysisInput = {
            rows,
            columns: kinds.map((kind, c) => ({
              profile: {
                index: c,
                name: `c${c}`,
                kind,
                confidence: 1,
                params: {},
                evidence: '',
                alternatives: [],
              },
              raw: Array.from({ length: rows }, (_, r) => cells[(r * 7 + c) % cells.length] ?? null),
            })),
            links: linkedRows.map(
              (row): LinkedRow => ({
                row,
                recordTable: 't',
                recordId: 'x',
                probability: 0.9,
                level: 'probable',
                fields: { internal_id: 'agree' },
              }),
            ),
            records,
            notes: cells.filter((x): x is string => typeof x === 'string').slice(0, 3),
            options: { referenceYear: 2025 },
          };
          const started = performance.now();
          const result = analyzeSample(input);
          expect(performance.now() - started).toBeLessThan(2000);
          expect(result.estimate.identityShare).toBeGreaterThanOrEqual(0);
          expect(result.estimate.identityShare).toBeLessThanOrEqual(1);
          expect(typeof result.verdict.summary).toBe('string');
        },
      ),
      { numRuns: 60 },
    );
  });
});
