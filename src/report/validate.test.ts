import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unsupportedKeywords, validateAgainst } from './json-schema.js';
import { exampleReport, hostileReport } from './test-support/fixtures.js';
import type { RenderableReport } from './types.js';
import { reportSchema, validateReport } from './validate.js';

/** A deep copy with one path changed (or deleted when value is undefined). */
function mutate(report: RenderableReport, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

function minimal(): RenderableReport {
  const { linkage, rowsSample, records, claim, ...core } = exampleReport();
  return core;
}

describe('validateReport', () => {
  it('accepts the example report, a report without extensions, and a hostile one', () => {
    for (const report of [exampleReport(), minimal(), hostileReport()]) {
      expect(validateReport(report)).toEqual({ valid: true, errors: [] });
    }
  });

  it('accepts unknown top-level fields (the contract may grow)', () => {
    expect(validateReport({ ...exampleReport(), futureField: { anything: [1, 2] } }).valid).toBe(true);
  });

  it('uses only keywords the validator implements', () => {
    expect(unsupportedKeywords(reportSchema())).toEqual([]);
    expect(() => validateAgainst({ type: 'object', oneOf: [] }, {})).toThrow(
      /unsupported keywords: #\/oneOf/,
    );
  });

  const bad: [string, (string | number)[], unknown, RegExp][] = [
    ['missing verdict', ['verdict'], undefined, /^\/: missing required property "verdict"/],
    ['wrong schema version', ['schemaVersion'], 2, /\/schemaVersion: must be 1/],
    ['share above 1', ['estimate', 'identityShare'], 1.2, /\/estimate\/identityShare: must be <= 1/],
    ['negative share', ['columns', 0, 'filled'], -0.1, /\/columns\/0\/filled: must be >= 0/],
    [
      'CI of three',
      ['estimate', 'identityShareCi95'],
      [0.1, 0.2, 0.3],
      /identityShareCi95: must have at most 2 items/,
    ],
    [
      'CI of one',
      ['estimate', 'fromRecordsShareCi95'],
      [0],
      /fromRecordsShareCi95: must have at least 2 items/,
    ],
    [
      'CI as strings',
      ['estimate', 'identityShareCi95'],
      ['0.1', '0.5'],
      /identityShareCi95\/0: must be number/,
    ],
    ['unknown label', ['verdict', 'label'], 'probably-fake', /\/verdict\/label: must be one of "authentic"/],
    ['bad sha256', ['sample', 'sha256'], 'ABC', /\/sample\/sha256: must match/],
    ['uppercase sha256', ['sample', 'sha256'], 'A'.repeat(64), /\/sample\/sha256: must match/],
    ['fractional rows', ['sample', 'rows'], 10.5, /\/sample\/rows: must be integer/],
    [
      'NaN confidence',
      ['verdict', 'confidence'],
      Number.NaN,
      /\/verdict\/confidence: must be number, got null/,
    ],
    ['unknown format', ['sample', 'format'], 'xlsx', /\/sample\/format: must be one of/],
    ['unknown column type', ['columns', 1, 'type'], 'ssn', /\/columns\/1\/type: must be one of/],
    ['signal id not kebab', ['signals', 0, 'id'], 'Reserved IPs', /\/signals\/0\/id: must match/],
    ['unknown family', ['signals', 0, 'family'], 'vibes', /\/signals\/0\/family/],
    ['empty summary', ['verdict', 'summary'], '', /\/verdict\/summary: must have at least 1 characters/],
    ['bad timestamp', ['provenance', 'generatedAt'], 'yesterday', /\/provenance\/generatedAt: must match/],
    ['claimed rows negative', ['estimate', 'claimedRows'], -5, /\/estimate\/claimedRows: must be >= 0/],
    ['claimed rows string', ['estimate', 'claimedRows'], '87M', /claimedRows: must be integer or null/],
    ['rows not masked', ['rowsSample', 'masked'], false, /\/rowsSample\/masked: must be true/],
    ['bad link level', ['rowsSample', 'rows', 0, 'level'], 'certain', /\/rowsSample\/rows\/0\/level/],
    ['bad claim source', ['claim', 'source'], 'rumour', /\/claim\/source/],
    ['m above 1', ['linkage', 'model', 'comparisons', 0, 'levels', 0, 'm'], 3, /levels\/0\/m: must be <= 1/],
    [
      'records without rows',
      ['records', 0, 'rows'],
      undefined,
      /\/records\/0: missing required property "rows"/,
    ],
  ];
  for (const [name, path, value, message] of bad) {
    it(`rejects: ${name}`, () => {
      const result = validateReport(mutate(exampleReport(), path, value));
      expect(result.valid).toBe(false);
      expect(result.errors.join('\n')).toMatch(message);
    });
  }

  it('rejects what the schema cannot express', () => {
    const cases: [(string | number)[], unknown, RegExp][] = [
      [['estimate', 'identityShareCi95'], [0.5, 0.4], /lower end 0.5 is above upper end 0.4/],
      [['estimate', 'identityShare'], 0.9, /identityShare: 0.9 lies outside its interval/],
      [['estimate', 'plausibleOurRowsMax'], 90_000_000, /exceeds claimedRows/],
      [['linkage', 'levels', 'unlinked'], 10_000, /add up to more than the 3000 sample rows/],
      [['linkage', 'histogram', 0, 'hi'], 0, /histogram\/0: lo 0 is not below hi 0/],
      [['rowsSample', 'rows', 0, 'values'], ['a'], /1 values for 7 columns/],
    ];
    for (const [path, value, message] of cases) {
      const result = validateReport(mutate(exampleReport(), path, value));
      expect(result.errors.join('\n')).toMatch(message);
    }
  });

  it('rejects non-objects and cycles without throwing', () => {
    expect(validateReport(null).valid).toBe(false);
    expect(validateReport('report').errors[0]).toMatch(/must be object/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(validateReport(cyclic).errors[0]).toMatch(/not serialisable/);
  });

  it('never throws on arbitrary JSON, and only accepts shares in [0,1]', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(validateReport(value).valid).toBe(false);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (share) => {
        const result = validateReport(mutate(exampleReport(), ['verdict', 'confidence'], share));
        expect(result.valid).toBe(share >= 0 && share <= 1);
      }),
      { numRuns: 300 },
    );
  });
});
