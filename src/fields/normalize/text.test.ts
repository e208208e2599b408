import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, foldSlow, foldText, lookup, MAX_INPUT_CHARS, wordsOf } from './text.js';

describe('foldText', () => {
  it('folds case, diacritics and special letters', () => {
    expect(foldText('Müller-Łukasz Ærø Straße')).toBe('muller-lukasz aero strasse');
    expect(foldText('ǼĲǅ ﬁ Ｍａ ½')).toBe('aeijdz fi ma 1⁄2');
    expect(foldText('한국 Ωμέγα')).toBe('한국 ωμεγα');
  });

  it('agrees with the full Unicode pipeline on Latin text, whatever the mix', () => {
    const latin = fc.integer({ min: 0, max: 0x24f }).map((c) => String.fromCharCode(c));
    const any = fc.oneof(latin, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.string({ unit: any, maxLength: 20 }), (s) => {
        expect(foldText(s)).toBe(foldSlow(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s));
      }),
    );
  });
});

describe('helpers', () => {
  it('clip trims and refuses empty and oversized values', () => {
    expect(clip('  a ')).toBe('a');
    expect(clip('   ')).toBeUndefined();
    expect(clip('x'.repeat(MAX_INPUT_CHARS + 1))).toBeUndefined();
  });

  it('wordsOf splits on everything but letters and digits', () => {
    expect(wordsOf("o'brien-smith 3rd")).toEqual(['o', 'brien', 'smith', '3rd']);
    expect(wordsOf('μέγα·ωμεγα')).toEqual(['μέγα', 'ωμεγα']);
  });

  it('lookup ignores inherited keys', () => {
    expect(lookup({ a: 1 }, 'constructor')).toBeUndefined();
    expect(lookup({ a: 1 }, 'a')).toBe(1);
  });
});
