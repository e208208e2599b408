import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IngestLimits, withLimits } from '../core/limits.js';
import { createJsonParser } from './json.js';
import { feedInPieces, RecordCollector } from './test-support/record-collector.js';

type Mode = 'array' | 'lines';

function parse(
  text: string,
  mode: Mode,
  limits: Partial<IngestLimits> = {},
  cuts: number[] = [],
): RecordCollector {
  const sink = new RecordCollector();
  feedInPieces(createJsonParser(sink, withLimits(limits), { mode }), text, cuts);
  return sink;
}

function outcomes(sink: RecordCollector): string[] {
  return sink.records.map((r) => (r.kind === 'row' ? `row@${r.line}` : `${r.code}@${r.line}`));
}

const USERS_ARRAY = `[
  {"id": 1, "email": "anna@example.it", "address": {"zip": "20100", "city": "Milano"},
   "tags": ["vip", "newsletter"], "phones": [{"type": "mobile", "number": "+39 333 1234567"}]},
  {"id": 0012345, "email": "bob@example.com", "score": 1.10, "big": 12345678901234567890123,
   "active": true, "deleted": false, "note": null, "text": "a \\"quoted\\" \\u00e8 word\\n"},
  {"id": 3, "email": "c@example.org", "nested": {"deep": {"er": "x"}}, "empty": [], "obj": {}}
]
`;

const MONGO_LINES = `{"_id":{"$oid":"5f1d7f0b8e4b2a3c4d5e6f70"},"email":"a@x.it","created":{"$date":"2020-01-02T03:04:05.006Z"},"n":{"$numberLong":"9007199254740993"}}
{"_id":{"$oid":"5f1d7f0b8e4b2a3c4d5e6f71"},"created":{"$date":{"$numberLong":"1577923200000"}},"i":{"$numberInt":"42"},"d":{"$numberDouble":"1.5"},"dec":{"$numberDecimal":"10.50"}}
{"_id":{"$oid":"5f1d7f0b8e4b2a3c4d5e6f72"},"u":{"$binary":{"base64":"ASNFZ4mrze8BI0VniavN7w==","subType":"04"}},"b":{"$binary":{"base64":"Sm9obg==","subType":"00"}},"uuid":{"$uuid":"01234567-89ab-cdef-0123-456789abcdef"}}
{ "_id" : ObjectId("5f1d7f0b8e4b2a3c4d5e6f73"), "created" : ISODate("2021-05-06T07:08:09Z"), "n" : NumberLong(77), "m": NumberLong("88") }
`;

describe('JSON array mode', () => {
  it('streams objects, flattening nested objects and arrays, keeping numbers as written', () => {
    const sink = parse(USERS_ARRAY, 'array');
    expect(sink.rejects).toEqual([]);
    expect(sink.objects()).toEqual([
      {
        id: '1',
        email: 'anna@example.it',
        'address.zip': '20100',
        'address.city': 'Milano',
        tags: 'vip; newsletter',
        'phones.0.type': 'mobile',
        'phones.0.number': '+39 333 1234567',
      },
      {
        id: '0012345',
        email: 'bob@example.com',
        score: '1.10',
        big: '12345678901234567890123',
        active: 'true',
        deleted: 'false',
        text: 'a "quoted" è word\n',
      },
      { id: '3', email: 'c@example.org', 'nested.deep.er': 'x' },
    ]);
    expect(sink.rows.map((r) => r.line)).toEqual([2, 4, 6]);
    // null and empty arrays are present but absent-valued; empty objects add no column.
    expect(sink.objectsWithNulls()[1]?.note).toBeNull();
    expect(sink.objectsWithNulls()[2]?.empty).toBeNull();
    expect(sink.columns).not.toContain('obj');
  });

  it.each([
    ['{"users":[{"a":1},{"a":2}]}', ['1', '2']],
    ['{"data":{"rows":[{"a":1},{"a":2}]}}', ['1', '2']],
    [
      '{"meta":{"tags":["x","y"],"count":2},"errors":[],"items":[{"a":1},{"a":2}],"more":[{"a":9}]}',
      ['1', '2'],
    ],
    ['{"page":1,"results":[[1,2]],"rows":[{"a":"1"}]}', ['1']],
    ['[{"a":1}]\n[{"a":2}]', ['1', '2']],
  ])('finds the array of objects inside a wrapper: %s', (text, expected) => {
    const sink = parse(text, 'array');
    expect(sink.rejects).toEqual([]);
    expect(sink.objects().map((o) => o.a)).toEqual(expected);
  });

  it('takes a top-level object that wraps no array of objects as one record', () => {
    expect(parse('{"email":"a@b.c","tags":["x"]}\n{"email":"d@e.f"}', 'array').objects()).toEqual([
      { email: 'a@b.c', tags: 'x' },
      { email: 'd@e.f' },
    ]);
    expect(parse('{"users":[]}', 'array').records).toEqual([]);
  });

  it('rejects non-objects, invalid elements and resyncs at the next element', () => {
    const text = '[{"a":1}, 42, "str", [1,2], null, {"a":2,}, {"a" 3}, {"a":[1}, {"a":4}, @@, {"a":5}]';
    const sink = parse(text, 'array');
    expect(sink.records.map((r) => (r.kind === 'row' ? 'row' : r.code))).toEqual([
      'row',
      'not-an-object',
      'not-an-object',
      'not-an-object',
      'not-an-object',
      'row', // a trailing comma is tolerated
      'invalid-json',
      'invalid-json',
      'row',
      'invalid-json',
      'row',
    ]);
    expect(sink.objects().map((o) => o.a)).toEqual(['1', '2', '4', '5']);
  });

  it('rejects a cut-off last element as truncated', () => {
    const sink = parse('[\n{"a":1},\n{"a":"unfinished', 'array');
    expect(outcomes(sink)).toEqual(['row@2', 'truncated@3']);
    expect(outcomes(parse('{"users":[{"a":1},{"a":', 'array'))).toEqual(['row@1', 'truncated@1']);
    expect(outcomes(parse('{"a":1,"b":', 'array'))).toEqual(['truncated@1']);
  });

  it('survives 200k levels of nesting without recursion', () => {
    const deep = '['.repeat(200_000);
    expect(outcomes(parse(`[${deep}`, 'array'))).toEqual(['too-deep@1']);
    expect(outcomes(parse(`[${deep}${']'.repeat(200_000)}, {"a":1}]`, 'array'))).toEqual([
      'too-deep@1',
      'row@1',
    ]);
    const objects = '{"a":'.repeat(200_000);
    expect(outcomes(parse(`[${objects}1${'}'.repeat(200_000)}, {"a":1}]`, 'array'))).toEqual([
      'too-deep@1',
      'row@1',
    ]);
    expect(outcomes(parse(`${objects}1${'}'.repeat(200_000)}`, 'array'))).toEqual(['line-too-long@1']);
  });

  it('skips an element over maxRecordChars without keeping it', () => {
    const huge = `{"a":"${'x'.repeat(5000)}"}`;
    const cuts = Array.from({ length: 50 }, (_, i) => 10 + i * 100);
    const sink = parse(`[{"a":1},${huge},{"a":2}]`, 'array', { maxRecordChars: 1000 }, cuts);
    expect(outcomes(sink)).toEqual(['row@1', 'line-too-long@1', 'row@1']);
    expect(outcomes(parse(`[{"a":"${'y'.repeat(300)}"}]`, 'array', { maxFieldChars: 100 }))).toEqual([
      'field-too-long@1',
    ]);
  });

  it('caps the columns a hostile key set can create, and says so once', () => {
    const text = `[${Array.from({ length: 500 }, (_, i) => `{"k${i}":${i},"id":${i}}`).join(',')}]`;
    const sink = parse(text, 'array', { maxColumns: 10 });
    expect(sink.columns).toHaveLength(10);
    expect(sink.rows).toHaveLength(500);
    expect(sink.notes.filter((n) => n.text.includes('limit of 10'))).toHaveLength(1);
  });

  it('keeps odd keys as plain names and shortens huge ones', () => {
    const long = 'k'.repeat(5000);
    const sink = parse(`[{"__proto__":"p","constructor":"c","":"e","${long}":"l","${long}x":"m"}]`, 'array');
    expect(sink.columns.slice(0, 3)).toEqual(['__proto__', 'constructor', '']);
    expect(sink.columns.slice(3).map((name) => name.length)).toEqual([256, 256]);
    expect(new Set(sink.columns).size).toBe(5);
  });

  it('flattens at most 10 objects of an array and counts the rest', () => {
    const phones = Array.from({ length: 15 }, (_, i) => `{"n":"${i}"}`).join(',');
    const sink = parse(`[{"phones":[${phones}]}]`, 'array');
    expect(Object.keys(sink.objects()[0]!)).toHaveLength(10);
    expect(sink.notes.map((n) => n.text)).toEqual([expect.stringContaining('5 nested array elements')]);
  });
});

describe('JSON lines mode', () => {
  it('reads one document per line, skipping blank lines and resyncing after bad lines', () => {
    const text = '{"a":1,"b":{"c":"x"}}\n\n  \n{"a":2\n{"a":3}\r\n[1,2]\n"s"\n{"a":4}';
    const sink = parse(text, 'lines');
    expect(outcomes(sink)).toEqual([
      'row@1',
      'invalid-json@4',
      'row@5',
      'not-an-object@6',
      'not-an-object@7',
      'row@8',
    ]);
    expect(sink.objects()).toEqual([{ a: '1', 'b.c': 'x' }, { a: '3' }, { a: '4' }]);
  });

  it('tolerates an array printed one object per line', () => {
    expect(parse('[\n{"a":1},\n{"a":2}\n]\n', 'lines').objects()).toEqual([{ a: '1' }, { a: '2' }]);
  });

  it('rejects a cut-off last line as truncated', () => {
    expect(outcomes(parse('{"a":1}\n{"a":"x', 'lines'))).toEqual(['row@1', 'truncated@2']);
  });

  it('unwraps MongoDB Extended JSON and mongo shell constructors', () => {
    const sink = parse(MONGO_LINES, 'lines');
    expect(sink.rejects).toEqual([]);
    expect(sink.objects()).toEqual([
      {
        _id: '5f1d7f0b8e4b2a3c4d5e6f70',
        email: 'a@x.it',
        created: '2020-01-02T03:04:05.006Z',
        n: '9007199254740993',
      },
      {
        _id: '5f1d7f0b8e4b2a3c4d5e6f71',
        created: '2020-01-02T00:00:00.000Z',
        i: '42',
        d: '1.5',
        dec: '10.50',
      },
      {
        _id: '5f1d7f0b8e4b2a3c4d5e6f72',
        u: '01234567-89ab-cdef-0123-456789abcdef',
        b: 'John',
        uuid: '01234567-89ab-cdef-0123-456789abcdef',
      },
      { _id: '5f1d7f0b8e4b2a3c4d5e6f73', created: '2021-05-06T07:08:09Z', n: '77', m: '88' },
    ]);
  });

  it('rejects deep and long lines without crashing', () => {
    const deep = `${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`;
    expect(outcomes(parse(`${deep}\n{"a":1}\n`, 'lines', { maxRecordChars: 4 << 20 }))).toEqual([
      'too-deep@1',
      'row@2',
    ]);
    expect(outcomes(parse(`${'['.repeat(200_000)}\n{"a":1}\n`, 'lines'))).toEqual(['too-deep@1', 'row@2']);
    const long = `{"a":"${'x'.repeat(3000)}"}\n{"a":1}\n`;
    expect(outcomes(parse(long, 'lines', { maxRecordChars: 1000 }, [500, 1500, 2500]))).toEqual([
      'line-too-long@1',
      'row@2',
    ]);
  });
});

describe('chunk boundaries', () => {
  const cases: [string, Mode][] = [
    [USERS_ARRAY, 'array'],
    [MONGO_LINES, 'lines'],
    ['{"x":{"y":[1,2]},"rows":[{"a":"\\\\\\"}"},{"a":"é🎉"}, 5, {"b":[1}, {"a":"\\u00e9"}]}', 'array'],
    ['{"a":1}\r\n\r\n{"a":"b\\"c"}\n{"bad\n{"a":"🎉"}', 'lines'],
  ];

  it.each(cases)('gives the same records wherever one cut falls (%#)', (text, mode) => {
    const whole = parse(text, mode).summary();
    for (let cut = 0; cut <= text.length; cut++)
      expect(parse(text, mode, {}, [cut]).summary()).toEqual(whole);
  });

  it('gives the same records for random multi-cuts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.array(fc.nat(), { maxLength: 8 }), ([text, mode], cuts) => {
        const points = cuts.map((c) => c % (text.length + 1));
        expect(parse(text, mode, {}, points).summary()).toEqual(parse(text, mode).summary());
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile input', () => {
  const jsonish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '"',
          '\\',
          '\n',
          ' ',
          '"a"',
          '1',
          'null',
          '{"$date":',
          '$oid',
          '\uD800',
          '\u0000',
        ),
        fc.string({ maxLength: 5 }),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));

  it.each<Mode>(['array', 'lines'])('never throws and always terminates (%s mode)', (mode) => {
    fc.assert(
      fc.property(
        fc.oneof(jsonish, fc.string({ unit: 'grapheme', maxLength: 30 })),
        fc.array(fc.nat(), { maxLength: 4 }),
        (text, cuts) => {
          const sink = parse(
            text,
            mode,
            { maxRecordChars: 40, maxJsonDepth: 4, maxColumns: 5 },
            cuts.map((c) => c % (text.length + 1)),
          );
          for (const row of sink.rows) expect(row.values.length).toBeLessThanOrEqual(5);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads generated arrays of flat objects exactly, in both modes', () => {
    const record = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 6 }),
      fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()),
      { maxKeys: 5 },
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (records) => {
        const expected = records.map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
        );
        const lines = parse(records.map((r) => JSON.stringify(r)).join('\n'), 'lines');
        const array = parse(JSON.stringify(records, null, 1), 'array');
        // Keys containing dots flatten the same way as nested objects, so compare per name.
        expect(lines.objects()).toEqual(expected);
        expect(array.objects()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
