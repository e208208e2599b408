import { CHANCE_PASS, CHECK_SCHEMES, type CheckScheme, passesCheck } from './check-digits.js';
import {
  DATE_BY_LENGTH,
  type IdFormat,
  type IdShape,
  type IdToken,
  isDate,
  MAX_ID_CHARS,
  patternOf,
  tokenizeId,
} from './id-format.js';

/**
 * Learning an id format from our values, one value at a time and in constant memory per
 * shape, so that indexing millions of records costs one pass and a few kilobytes.
 */

/** Running statistics of one token position of one shape. */
class TokenStats {
  count = 0;
  first: string | undefined;
  same = true;
  minLen = Number.POSITIVE_INFINITY;
  maxLen = 0;
  upper = true;
  lower = true;
  readonly letters = new Set<string>();
  padded = false;
  lo = Number.POSITIVE_INFINITY;
  hi = Number.NEGATIVE_INFINITY;
  long = false;
  dates = 0;

  constructor(readonly cls: 'L' | 'D' | 'S') {}

  add(text: string): void {
    this.count++;
    if (this.first === undefined) this.first = text;
    else if (this.same && text !== this.first) this.same = false;
    if (this.cls === 'S') return;
    this.minLen = Math.min(this.minLen, text.length);
    this.maxLen = Math.max(this.maxLen, text.length);
    if (this.cls === 'L') {
      if (text !== text.toUpperCase()) this.upper = false;
      if (text !== text.toLowerCase()) this.lower = false;
      if (this.letters.size < 52) for (const ch of text.toUpperCase()) this.letters.add(ch);
      return;
    }
    if (text.length > 1 && text[0] === '0') this.padded = true;
    if (text.length > 15) this.long = true;
    else {
      const n = Number(text);
      if (n < this.lo) this.lo = n;
      if (n > this.hi) this.hi = n;
    }
    const dateKind = DATE_BY_LENGTH[text.length];
    if (dateKind && isDate(text, dateKind)) this.dates++;
  }

  finish(): IdToken {
    if (this.cls === 'S' || (this.cls === 'L' && this.same))
      return { kind: 'literal', text: this.first ?? '' };
    if (this.cls === 'L') {
      return {
        kind: 'letters',
        case: this.upper ? 'upper' : this.lower ? 'lower' : 'mixed',
        length: [this.minLen, this.maxLen],
        alphabet: [...this.letters].sort().join(''),
      };
    }
    const fixed = this.minLen === this.maxLen;
    const dateKind = fixed ? DATE_BY_LENGTH[this.minLen] : undefined;
    // A run is a date only when (nearly) every value reads as one; sequence numbers rarely do.
    const dated = dateKind !== undefined && this.dates >= this.count * 0.99;
    return {
      kind: 'digits',
      length: [this.minLen, this.maxLen],
      padded: this.padded && fixed,
      range: this.long || this.count === 0 ? null : [this.lo, this.hi],
      ...(dated ? { date: dateKind } : {}),
    };
  }
}

const MIN_SHAPE_SHARE = 0.005;
const MAX_SHAPES = 20;
/** Distinct shapes tracked while learning; a column with more is not id-like past the first ones. */
const MAX_TRACKED_SHAPES = 1000;
/** Values needed before a check-digit scheme is believed: 20 random values all passing Luhn happen 1 in 1e20. */
const MIN_CHECK_VALUES = 20;
const CHECK_SHARE = 0.98;

/**
 * Learns an id format one value at a time, in constant memory per shape: for indexing
 * millions of records. `learnIdFormat` is the one-call form.
 */
export class IdFormatLearner {
  private readonly shapes = new Map<string, { count: number; tokens: TokenStats[] }>();
  private total = 0;
  private minLen = Number.POSITIVE_INFINITY;
  private maxLen = 0;
  private withDigits = 0;
  private readonly passes = new Map<CheckScheme, number>(CHECK_SCHEMES.map((s) => [s, 0]));

  add(value: string): void {
    const v = value.trim();
    if (v === '' || v.length > MAX_ID_CHARS) return;
    this.total++;
    this.minLen = Math.min(this.minLen, v.length);
    this.maxLen = Math.max(this.maxLen, v.length);
    const tokens = tokenizeId(v);
    const key = patternOf(tokens);
    let shape = this.shapes.get(key);
    if (shape === undefined && this.shapes.size < MAX_TRACKED_SHAPES) {
      shape = { count: 0, tokens: tokens.map((t) => new TokenStats(t.cls)) };
      this.shapes.set(key, shape);
    }
    if (shape) {
      shape.count++;
      for (let i = 0; i < tokens.length; i++) shape.tokens[i]!.add(tokens[i]!.text);
    }
    if (/\d.*\d/.test(v)) {
      this.withDigits++;
      for (const scheme of CHECK_SCHEMES)
        if (passesCheck(scheme, v)) this.passes.set(scheme, this.passes.get(scheme)! + 1);
    }
  }

  finish(): IdFormat {
    const total = this.total;
    const sorted = [...this.shapes.entries()].sort((a, b) => b[1].count - a[1].count);
    const shapes: IdShape[] = [];
    let covered = 0;
    for (const [pattern, shape] of sorted) {
      if (shapes.length >= MAX_SHAPES || shape.count < Math.max(2, total * MIN_SHAPE_SHARE)) break;
      shapes.push({ pattern, share: shape.count / total, tokens: shape.tokens.map((t) => t.finish()) });
      covered += shape.count;
    }
    return {
      kind: 'id-format',
      version: 1,
      learnedFrom: total,
      length: total === 0 ? [0, 0] : [this.minLen, this.maxLen],
      shapes,
      coverage: total === 0 ? 0 : covered / total,
      check: this.detectCheck(),
    };
  }

  private detectCheck(): IdFormat['check'] {
    if (this.withDigits < MIN_CHECK_VALUES) return null;
    let best: IdFormat['check'] = null;
    for (const scheme of CHECK_SCHEMES) {
      const share = this.passes.get(scheme)! / this.withDigits;
      if (share >= CHECK_SHARE && share > CHANCE_PASS[scheme] * 5 && (best === null || share > best.share)) {
        best = { scheme, share };
      }
    }
    return best;
  }
}

/**
 * Learns the format of an id column from our values.
 * @example learnIdFormat(['SC-00012348', 'SC-00012355']).shapes[0].pattern === 'A-9'
 */
export function learnIdFormat(values: Iterable<string>): IdFormat {
  const learner = new IdFormatLearner();
  for (const v of values) learner.add(v);
  return learner.finish();
}
