import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell, TextEncoding } from '../core/types.js';
import { encodeCp1252, fitsCp1252 } from './encode.js';
import type { FormatSpec } from './formats.js';
import { copyValue, mysqlLiteral } from './sql-dump.js';
import type { Table } from './table.js';
import { decode, decodeCp1252, parseCopy, parseCsv, parseMysqlValues } from './test-support/readers.js';
import { fileNameFor, renderSample, writeArchive, writeSample } from './write.js';

const dir = mkdtempSync(join(tmpdir(), 'synth-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TRICKY: Cell[][] = [
  ['SC-00100016', 'Müller, Jürgen', 'say "hi"', '49.90', '2021-03-04 17:22:09'],
  ['SC-00100032', "D'Angelo", 'two\nlines', null, '2019-12-31 23:59:59'],
  ['SC-00100040', 'tab\there|pipe;semi', 'back\\slash\rcr', '1200.00', null],
  ['SC-00100057', '€ Œuvre — “quoted”', '', '0.99', '2016-01-01 00:00:00'],
];
const UNICODE: Cell[][] = [['SC-00100065', '日本 🙂 Ğüçlü', 'Ŧĥïş', '5.00', '2020-02-29 12:00:00']];

const table = (rows: Cell[][], columns = ['customer_id', 'name', 'note', 'amount', 'created_at']): Table => ({
  name: 'users',
  columns,
  types: { amount: 'decimal', created_at: 'timestamp' },
  rows,
});

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

const blank = (rows: Cell[][]) => rows.map((r) => r.map((v) => v ?? ''));

describe('delimited writers', () => {
  const variants: FormatSpec[] = [
    { kind: 'csv' },
    { kind: 'csv', delimiter: ';', quoting: 'all' },
    { kind: 'csv', delimiter: '\t', lineEnding: '\r\n' },
    { kind: 'csv', delimiter: '|', quoteChar: "'" },
  ];
  it.each(variants)('round-trips %j', (format) => {
    const spec = format as Extract<FormatSpec, { kind: 'csv' }>;
    const out = text(renderSample(table([...TRICKY, ...UNICODE]), { format }));
    const parsed = parseCsv(out, spec.delimiter ?? ',', spec.quoteChar ?? '"');
    expect(parsed[0]).toEqual(['customer_id', 'name', 'note', 'amount', 'created_at']);
    expect(parsed.slice(1)).toEqual(blank([...TRICKY, ...UNICODE]));
  });

  it('writes headerless and unquoted files', () => {
    const clean: Cell[][] = [['a', 'b c', '1.00', 'x', 'y']];
    expect(text(renderSample(table(clean), { format: 'headerless' }))).toBe('a,b c,1.00,x,y\n');
    expect(
      text(renderSample(table(TRICKY), { format: { kind: 'csv', quoting: 'none', header: false } })),
    ).toContain('Müller, Jürgen,say "hi"');
  });
});

describe('JSON writers', () => {
  it('writes a JSON array with numbers for decimal columns', () => {
    const parsed = JSON.parse(text(renderSample(table(TRICKY), { format: { kind: 'json', pretty: true } })));
    expect(parsed).toHaveLength(4);
    expect(parsed[0]).toEqual({
      customer_id: 'SC-00100016',
      name: 'Müller, Jürgen',
      note: 'say "hi"',
      amount: 49.9,
      created_at: '2021-03-04 17:22:09',
    });
    expect(parsed[1].amount).toBeNull();
  });

  it('nests dotted columns in JSON lines', () => {
    const nested = table(
      [['1', 'Via Roma 1', '20121', 'x', null]],
      ['id', 'address.street', 'address.postcode', 'meta.ip', 'meta.created_at'],
    );
    const lines = text(renderSample(nested, { format: 'jsonl' }))
      .trimEnd()
      .split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({
      id: '1',
      address: { street: 'Via Roma 1', postcode: '20121' },
      meta: { ip: 'x', created_at: null },
    });
  });

  it('writes mongoexport Extended JSON', () => {
    const lines = text(renderSample(table(TRICKY), { format: 'mongo' }))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]._id.$oid).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set(lines.map((l) => l._id.$oid)).size).toBe(4);
    expect(lines[0].created_at).toEqual({ $date: '2021-03-04T17:22:09.000Z' });
    expect(lines[0].amount).toEqual({ $numberDecimal: '49.90' });
    expect(lines[2].created_at).toBeNull();
    const array = JSON.parse(
      text(renderSample(table(TRICKY), { format: { kind: 'mongo-json', jsonArray: true } })),
    );
    expect(array).toHaveLength(4);
  });
});

describe('SQL dump writers', () => {
  it('escapes MySQL literals like mysql_real_escape_string', () => {
    expect(mysqlLiteral(`it's "x"\\\n\r\0\x1a`, 'text')).toBe(`'it\\'s \\"x\\"\\\\\\n\\r\\0\\Z'`);
    expect(mysqlLiteral(null, 'text')).toBe('NULL');
    expect(mysqlLiteral('49.90', 'decimal')).toBe('49.90');
    expect(mysqlLiteral('49,90', 'decimal')).toBe("'49,90'");
  });

  it('round-trips rows through multi-row INSERTs', () => {
    const rows = [...TRICKY, ...UNICODE, ...TRICKY];
    const dump = text(renderSample(table(rows), { format: { kind: 'mysql-dump', rowsPerInsert: 4 } }));
    expect(dump).toContain('CREATE TABLE `users`');
    expect(dump.match(/^INSERT INTO/gm)).toHaveLength(3);
    expect(parseMysqlValues(dump)).toEqual(rows);
    const named = text(renderSample(table(TRICKY), { format: { kind: 'mysql-dump', columnNames: true } }));
    expect(named).toContain(
      'INSERT INTO `users` (`customer_id`, `name`, `note`, `amount`, `created_at`) VALUES (',
    );
  });

  it('round-trips rows through COPY, NULLs included', () => {
    const dump = text(renderSample(table([...TRICKY, ...UNICODE]), { format: 'postgres' }));
    expect(dump).toContain('COPY public.users (customer_id, name, note, amount, created_at) FROM stdin;');
    expect(parseCopy(dump)).toEqual([...TRICKY, ...UNICODE]);
    expect(copyValue('a\tb\\c')).toBe('a\\tb\\\\c');
  });
});

describe('combolists and pastes', () => {
  it('writes email:password lines', () => {
    const combo: Table = {
      name: 'combo',
      columns: ['email', 'password'],
      rows: [
        ['a@b.it', 'pw:1'],
        ['c@d.fr', null],
      ],
    };
    expect(text(renderSample(combo, { format: 'combolist' }))).toBe('a@b.it:pw:1\nc@d.fr:\n');
  });

  it('writes a forum paste with a banner and a delimited block', () => {
    const out = text(renderSample(table(TRICKY), { format: { kind: 'paste', claimed: 87_000_000 } }));
    expect(out).toContain('Total: 87,000,000 records');
    const block = out.slice(out.indexOf('FREE SAMPLE:\n\n') + 14, out.lastIndexOf('\n\n='));
    expect(parseCsv(`${block}\n`, '|').slice(1)).toEqual(blank(TRICKY));
  });
});

describe('encodings', () => {
  const safe = table(TRICKY);
  const utf8 = text(renderSample(safe, { format: 'csv' }));
  const cases: [TextEncoding, boolean, number[]][] = [
    ['utf-8', true, [0xef, 0xbb, 0xbf]],
    ['utf-16le', false, [0xff, 0xfe]],
    ['utf-16be', false, [0xfe, 0xff]],
    ['windows-1252', false, []],
  ];
  it.each(cases)('writes %s (BOM %s)', (encoding, bom, mark) => {
    const bytes = renderSample(safe, { format: 'csv', encoding, bom, chunkChars: 7 });
    expect([...bytes.subarray(0, mark.length)]).toEqual(mark);
    expect(decode(bytes.subarray(mark.length), encoding)).toBe(utf8);
  });

  it('keeps astral characters intact in UTF-16 whatever the chunking', () => {
    const bytes = renderSample(table(UNICODE), { format: 'csv', encoding: 'utf-16be', chunkChars: 3 });
    expect(new TextDecoder('utf-16be').decode(bytes.subarray(2))).toContain('日本 🙂 Ğüçlü');
  });

  it('encodes windows-1252 specials and replaces what it cannot hold', () => {
    expect([...encodeCp1252('€Šœ—™é')]).toEqual([0x80, 0x8a, 0x9c, 0x97, 0x99, 0xe9]);
    expect(decodeCp1252(encodeCp1252('Ğ日🙂x'))).toBe('???x');
    expect(fitsCp1252('Müller €')).toBe(true);
    expect(fitsCp1252('Yılmaz')).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ09 ,;"éÿ€Œ—“”™ŸĞ日🙂\u0081\u0080') }), (s) => {
        const decoded = decodeCp1252(encodeCp1252(s));
        if (fitsCp1252(s)) expect(decoded).toBe(s);
        else expect(decoded.length).toBeLessThanOrEqual(s.length);
      }),
    );
  });
});

describe('compression and files', () => {
  const t = table([...TRICKY, ...UNICODE]);
  const plain = renderSample(t, { format: 'csv' });

  it('gzips and zips to the same text, deterministically', () => {
    const gz = renderSample(t, { format: 'csv', compression: 'gzip' });
    expect(Buffer.from(gunzipSync(gz))).toEqual(Buffer.from(plain));
    const zip = renderSample(t, { format: 'csv', compression: 'zip' });
    expect(Object.keys(unzipSync(zip))).toEqual(['users.csv']);
    expect(Buffer.from(unzipSync(zip)['users.csv']!)).toEqual(Buffer.from(plain));
    expect(Buffer.from(renderSample(t, { format: 'csv', compression: 'zip' }))).toEqual(Buffer.from(zip));
  });

  it.each(['none', 'gzip', 'zip'] as const)(
    'streams to disk the bytes it renders (%s)',
    async (compression) => {
      const options = {
        format: 'mysql' as const,
        compression,
        encoding: 'utf-16le' as const,
        chunkChars: 50,
      };
      const path = join(dir, fileNameFor('users', options));
      const result = await writeSample(path, t, options);
      expect(result.rows).toBe(5);
      expect(result.bytes).toBe(readFileSync(path).length);
      expect(readFileSync(path)).toEqual(Buffer.from(renderSample(t, options)));
    },
  );

  it('streams many rows from a generator without holding them', async () => {
    const rows = {
      *[Symbol.iterator]() {
        for (let i = 0; i < 200_000; i++) yield [`SC-${i}`, `name ${i}`, 'x', `${i}.00`, null] as Cell[];
      },
    };
    const result = await writeSample(
      join(dir, 'big.csv.gz'),
      { ...table([]), rows },
      {
        format: 'csv',
        compression: 'gzip',
      },
    );
    expect(result.rows).toBe(200_000);
    const lines = gunzipSync(readFileSync(join(dir, 'big.csv.gz')))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(200_001);
    expect(lines[200_000]).toBe('SC-199999,name 199999,x,199999.00,');
  });

  it('writes several tables into one archive', async () => {
    const path = join(dir, 'export.zip');
    const orders: Table = { name: 'orders', columns: ['order_id'], rows: [['ORD-2024-0000001']] };
    const result = await writeArchive(path, [
      { table: t, options: { format: 'csv' } },
      { table: orders, options: { format: 'jsonl' } },
    ]);
    expect(result.rows).toBe(6);
    const entries = unzipSync(readFileSync(path));
    expect(Object.keys(entries)).toEqual(['users.csv', 'orders.jsonl']);
    expect(text(entries['orders.jsonl']!)).toBe('{"order_id":"ORD-2024-0000001"}\n');
  });

  it('names files after their content', () => {
    expect(fileNameFor('users', { format: 'tsv' })).toBe('users.tsv');
    expect(fileNameFor('users', { format: 'postgres', compression: 'gzip' })).toBe('users.sql.gz');
    expect(fileNameFor('users', { format: 'json', compression: 'zip' })).toBe('users.zip');
  });
});
