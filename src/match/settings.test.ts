import { describe, expect, it } from 'vitest';
import { primitiveSql, primitivesIn } from './comparison-levels.js';
import { levelOf, levelSql } from './levels.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

describe('settings and levels', () => {
  it('fills defaults and rejects meaningless thresholds', () => {
    expect(resolveSettings({ levels: { possible: 0.3 } }).levels).toEqual({
      exact: 0.999,
      probable: 0.95,
      possible: 0.3,
    });
    expect(() => resolveSettings({ levels: { exact: 0.9, probable: 0.95, possible: 0.5 } })).toThrow(
      RangeError,
    );
    expect(() => resolveSettings({ levels: { exact: 1, probable: 0.95, possible: 0.5 } })).toThrow(
      RangeError,
    );
    expect(() =>
      resolveSettings({
        blocking: [{ kind: 'bands', name: 'x', filter: 'name', bands: 9, bits: 8, with: ['postcode'] }],
      }),
    ).toThrow(/bits \* bands/);
    expect(() =>
      resolveSettings({
        blocking: [{ kind: 'bands', name: 'x', filter: 'name', bands: 8, bits: 8, with: [] }],
      }),
    ).toThrow(/at least one exact key/);
    expect(() => resolveSettings({ secondaryBlockSize: 0 })).toThrow(/secondaryBlockSize/);
    expect(resolveSettings({ secondaryBlockSize: 8 }).secondaryBlockSize).toBe(8);
  });

  it('names levels by probability', () => {
    const t = DEFAULT_SETTINGS.levels;
    expect([0.9995, 0.97, 0.6, 0.2].map((p) => levelOf(p, t))).toEqual([
      'exact',
      'probable',
      'possible',
      undefined,
    ]);
    expect(levelSql(t)).toContain("'probable'");
  });

  it('resolves comparison primitives, and only known ones', () => {
    expect(primitiveSql('e_email')).toBe('(s.fp_email = r.fp_email)');
    expect(primitiveSql('d_city')).toContain('bit_count(s.bw_city_0 & r.bw_city_0)');
    expect(primitiveSql('d_city')).toContain('bit_count(s.bw_city_3 & r.bw_city_3)');
    expect(primitiveSql('d_nothing')).toBeUndefined();
    expect(primitivesIn('e_dob OR e_dob_swapped AND d_name >= 0.8 AND x_y')).toEqual([
      'e_dob',
      'e_dob_swapped',
      'd_name',
    ]);
    for (const c of DEFAULT_SETTINGS.comparisons) {
      const text = [c.present, ...c.levels.map((l) => l.when)].join(' ');
      const words = text.match(/\b[end]_\w+/g) ?? [];
      expect(words.filter((w) => primitiveSql(w) === undefined)).toEqual([]);
    }
  });
});
