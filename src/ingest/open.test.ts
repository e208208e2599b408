import { existsSync, mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isLeakverifyError } from '../core/errors.js';
import type { Cell } from '../core/types.js';
import { type OpenSampleOptions, openSample } from './open.js';

const dir = mkdtempSync(join(tmpdir(), 'lv-open-'));
let counter = 0;
function write(content: Uint8Array | string, name = `s${counter++}`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Opens and drains a sample; rows as objects keyed by column name (absent cells left out). */
async function read(path: string, options: OpenSampleOptions = {}) {
  const sample = await openSample(path, options);
  const rows: Record<string, Cell>[] = [];
  const ordinals: number[] = [];
  const sizes: number[] = [];
  for await (const batch of sample.batches()) {
    sizes.push(batch.rows.length);
    batch.rows.forEach((values, i) => {
      const row: Record<string, Cell> = {};
      values.forEach((v, j) => {
        if (v !== null && v !== undefined) row[batch.columns[j]!] = v;
      });
      rows.push(row);
      ordinals.push(batch.ordinals[i]!);
    });
  }
  return { info: sample.info, summary: sample.summary(), rows, ordinals, sizes };
}

async function failure(
  path: string,
  options: OpenSampleOptions = {},
): Promise<{ code: string; message: string }> {
  try {
    await read(path, options);
  } catch (error) {
    if (isLeakverifyError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  return { code: 'no error', message: '' };
}

const cp1252 = (text: string) => Buffer.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
const PEOPLE = 'email,name,city\nann@x.it,Ann,Zürich\nbob@y.fr,Bob,Besançon\n';
const EXPECTED = [
  { email: 'ann@x.it', name: 'Ann', city: 'Zürich' },
  { email: 'bob@y.fr', name: 'Bob', city: 'Besançon' },
];

describe('openSample: encodings and compression', () => {
  it('reads UTF-8 with and without BOM', async () => {
    const plain = await read(write(PEOPLE));
    expect(plain.rows).toEqual(EXPECTED);
    expect(plain.info).toMatchObject({ encoding: 'utf-8', bom: false, format: 'csv', compression: 'none' });
    const bom = await read(write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PEOPLE)])));
    expect(bom.rows).toEqual(EXPECTED);
    expect(bom.summary.columns).toEqual(['email', 'name', 'city']);
    expect(bom.info.bom).toBe(true);
  });

  it('reads UTF-16LE and UTF-16BE with BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PEOPLE, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(PEOPLE, 'utf16le').swap16()]);
    expect((await read(write(le))).rows).toEqual(EXPECTED);
    const big = await read(write(be));
    expect(big.rows).toEqual(EXPECTED);
    expect(big.info).toMatchObject({ encoding: 'utf-16be', bom: true });
  });

  it('reads cp1252 with é ü ß €', async () => {
    const out = await read(write(cp1252('name;street;price\nRené;Müllerstraße;€5\n')));
    expect(out.info.encoding).toBe('windows-1252');
    expect(out.rows).toEqual([{ name: 'René', street: 'Müllerstraße', price: '€5' }]);
  });

  it('switches to windows-1252 when legacy bytes first appear past the sniffed head', async () => {
    const head = 'id,name\n' + Array.from({ length: 40_000 }, (_, i) => `${i},ascii`).join('\n');
    const out = await read(write(Buffer.concat([Buffer.from(head), cp1252('\n40000,Müller€\n')])));
    expect(out.info.encoding).toBe('utf-8');
    expect(out.summary.info.encoding).toBe('windows-1252');
    expect(out.rows.at(-1)).toEqual({ id: '40000', name: 'Müller€' });
    expect(out.summary.notes.join(' ')).toContain('read as windows-1252');
  });

  it('counts invalid UTF-8 met late in a UTF-8 file instead of rejecting the file', async () => {
    const head = 'id,name\n' + Array.from({ length: 30_000 }, (_, i) => `${i},Zoë`).join('\n');
    const out = await read(
      write(Buffer.concat([Buffer.from(head), Buffer.from([0x0a, 0x39, 0x2c, 0xff, 0x0a])])),
    );
    expect(out.summary.info.encoding).toBe('utf-8');
    expect(out.rows.at(-1)).toEqual({ id: '9', name: '\uFFFD' });
    expect(out.summary.notes.join(' ')).toContain('1 undecodable byte sequences');
  });

  it('honours an encoding override', async () => {
    const out = await read(write(cp1252('a,b\nx,é\n')), { encoding: 'utf-8' });
    expect(out.rows).toEqual([{ a: 'x', b: '\uFFFD' }]);
    expect(out.summary.notes.join(' ')).toContain('U+FFFD');
  });

  it('reads gzip regardless of the file name', async () => {
    const out = await read(write(gzipSync(PEOPLE), 'looks-plain.csv'));
    expect(out.info.compression).toBe('gzip');
    expect(out.rows).toEqual(EXPECTED);
  });

  it('reads a zip of several members in order, merging columns by name, ordinals continuing', async () => {
    const zip = zipSync({
      'a/part1.csv': strToU8('email,name\nann@x.it,Ann\n'),
      '__MACOSX/a/._part1.csv': strToU8('\0\0junk'),
      'a/part2.tsv': strToU8('name\temail\tphone\nBob\tbob@y.fr\t+33 1 23\nbroken\t\0\t\n'),
      'a/logo.png': Buffer.from('\x89PNG\r\n\x1a\n\0\0\0', 'latin1'),
    });
    const out = await read(write(zip, 'leak.zip'));
    expect(out.info).toMatchObject({ compression: 'zip', format: 'csv', dialect: { delimiter: ',' } });
    expect(out.summary.columns).toEqual(['email', 'name', 'phone']);
    expect(out.rows).toEqual([
      { email: 'ann@x.it', name: 'Ann' },
      { email: 'bob@y.fr', name: 'Bob', phone: '+33 1 23' },
    ]);
    expect(out.ordinals).toEqual([1, 2]);
    expect(out.summary.rejectionExamples).toEqual([
      { ordinal: 3, line: 3, code: 'nul-bytes', detail: 'NUL byte in record: broken\\t\\x00\\t' },
    ]);
    expect(out.summary.members.map((m) => [m.name, m.rows, m.rejected])).toEqual([
      ['a/part1.csv', 1, 0],
      ['a/part2.tsv', 1, 1],
      ['a/logo.png', 0, 0],
    ]);
    expect(out.summary.notes.join('\n')).toContain('skipped archive member a/logo.png: a PNG image');
  });
});

describe('openSample: delimited dialects', () => {
  it('reads TSV, semicolon with quotes, and pipe', async () => {
    expect((await read(write('email\tname\na@x.it\tAnn\n'))).rows).toEqual([
      { email: 'a@x.it', name: 'Ann' },
    ]);
    const semi = await read(write('nome;note\r\nAnn;"a; ""b"""\r\n'));
    expect(semi.rows).toEqual([{ nome: 'Ann', note: 'a; "b"' }]);
    expect(semi.info.dialect).toEqual({ delimiter: ';', quote: '"', hasHeader: true });
    expect((await read(write('id|email\n1|a@x.it\n'))).rows).toEqual([{ id: '1', email: 'a@x.it' }]);
  });

  it('reads headerless and ragged files', async () => {
    const out = await read(write('1,Ann,a@x.it\n2,Bob\n3,Cy,c@x.it,extra\n'));
    expect(out.info.dialect?.hasHeader).toBe(false);
    expect(out.summary.columns).toEqual(['col_1', 'col_2', 'col_3', 'col_4']);
    expect(out.rows).toEqual([
      { col_1: '1', col_2: 'Ann', col_3: 'a@x.it' },
      { col_1: '2', col_2: 'Bob' },
      { col_1: '3', col_2: 'Cy', col_3: 'c@x.it', col_4: 'extra' },
    ]);
  });

  it('treats a header cell like "; DROP TABLE x; --" as a plain column name', async () => {
    const out = await read(write('email,"; DROP TABLE x; --"\na@x.it,1\n'), { header: true });
    expect(out.summary.columns).toEqual(['email', '; DROP TABLE x; --']);
    expect(out.rows).toEqual([{ email: 'a@x.it', '; DROP TABLE x; --': '1' }]);
  });

  it('puts paste banners in notes, not rows, and numbers rows from the block', async () => {
    const paste = [
      '=============================',
      ' ShopCo FULL customer db',
      ' Total: 87,000,000 records',
      '=============================',
      '',
      'email,first_name,phone',
      'a@b.it,Ann,+39 333 1234567',
      'c@d.it,Carla,+39 333 7654321',
      '',
      'Leaked by xX_h4x_Xx',
    ].join('\n');
    const out = await read(write(paste));
    expect(out.info.format).toBe('paste');
    expect(out.rows).toHaveLength(2);
    expect(out.ordinals).toEqual([1, 2]);
    expect(out.summary.notes).toEqual([
      '=============================',
      ' ShopCo FULL customer db',
      ' Total: 87,000,000 records',
      '=============================',
      'Leaked by xX_h4x_Xx',
    ]);
  });

  it('reads combolists', async () => {
    const out = await read(write('a@x.com:hunter2\nb@y.com:p:w\nnosep\nc@z.org:123456\n'));
    expect(out.info).toMatchObject({ format: 'combolist', dialect: { delimiter: ':' } });
    expect(out.rows).toEqual([
      { login: 'a@x.com', password: 'hunter2' },
      { login: 'b@y.com', password: 'p:w' },
      { login: 'c@z.org', password: '123456' },
    ]);
    expect(out.ordinals).toEqual([1, 2, 4]);
    expect(out.summary.rejectedByReason).toEqual({ 'no-separator': 1 });
  });

  it('applies format, delimiter and header overrides', async () => {
    const path = write('a;b\n1;2\n');
    const out = await read(path, { format: 'csv', delimiter: ',', header: false });
    expect(out.rows).toEqual([{ col_1: 'a;b' }, { col_1: '1;2' }]);
    expect((await read(path, { delimiter: 'semicolon' })).rows).toEqual([{ a: '1', b: '2' }]);
    expect(await failure(path, { delimiter: 'x' })).toMatchObject({ code: 'cli.usage' });
  });
});

describe('openSample: driver', () => {
  it('streams batches of batchSize with ordinals shared by rows and rejections', async () => {
    const lines = ['id,v'];
    for (let i = 1; i <= 25; i++) lines.push(i % 10 === 0 ? `${i},"unterminated` : `${i},x`);
    const out = await read(write(lines.join('\n')), { batchSize: 4 });
    expect(out.sizes).toEqual([4, 4, 4, 4, 4, 3]);
    expect(out.summary.rejected).toBe(2);
    expect(out.summary.rejectionExamples.map((r) => [r.ordinal, r.line, r.code])).toEqual([
      [10, 11, 'unterminated-quote'],
      [20, 21, 'unterminated-quote'],
    ]);
    const kept = Array.from({ length: 25 }, (_, i) => i + 1).filter((i) => i % 10 !== 0);
    expect(out.ordinals).toEqual(kept);
    expect(out.rows.map((r) => r.id)).toEqual(kept.map(String));
    expect(out.summary.rows).toBe(23);
    expect(out.summary.bytesRead).toBeGreaterThan(100);
  });

  it('releases the file when the consumer stops early', async () => {
    const path = write(`id\n${Array.from({ length: 300_000 }, (_, i) => i).join('\n')}\n`);
    const sample = await openSample(path, { batchSize: 10 });
    for await (const batch of sample.batches()) {
      expect(batch.rows).toHaveLength(10);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (existsSync('/proc/self/fd')) {
      const open = readdirSync('/proc/self/fd').map((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return '';
        }
      });
      expect(open).not.toContain(path);
    }
  });

  it('keeps at most maxNotes notes and counts the rest', async () => {
    const text = `${Array.from({ length: 30 }, (_, i) => `# banner ${i}`).join('\n')}\nemail,name\na@x.it,Ann\n`;
    const out = await read(write(text), { limits: { maxNotes: 5 } });
    expect(out.rows).toEqual([{ email: 'a@x.it', name: 'Ann' }]);
    expect(out.summary.notes).toEqual([
      '# banner 0',
      '# banner 1',
      '# banner 2',
      '# banner 3',
      '26 more banner or comment lines not kept',
    ]);
  });

  it('refuses binary files, nested archives, Office files and empty inputs with clear errors', async () => {
    const png = await failure(write(Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1')));
    expect(png).toEqual({ code: 'ingest.format', message: expect.stringContaining('PNG image') });
    const nested = zipSync({ 'inner.zip': zipSync({ 'a.csv': strToU8('a\n1\n') }) });
    expect(await failure(write(nested))).toEqual({
      code: 'ingest.format',
      message: expect.stringContaining('nested'),
    });
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<x/>') });
    expect(await failure(write(xlsx))).toMatchObject({ code: 'ingest.format' });
    expect(await failure(write(''))).toMatchObject({ code: 'input.empty' });
    expect(await failure(write(zipSync({})))).toMatchObject({ code: 'input.empty' });
    expect(await failure(write(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])))).toMatchObject({
      code: 'ingest.format',
    });
  });

  it('dispatches JSON, JSON lines, Extended JSON, MySQL and PostgreSQL dumps', async () => {
    const json = await read(write('[{"email":"a@x.it","address":{"city":"Roma"}}]'));
    expect(json.info.format).toBe('json');
    expect(json.rows).toEqual([{ email: 'a@x.it', 'address.city': 'Roma' }]);
    const jsonl = await read(write('{"email":"a@x.it"}\n{"email":"b@x.it"}\n'));
    expect(jsonl.info.format).toBe('jsonl');
    expect(jsonl.rows).toHaveLength(2);
    const mongo = await read(write('{"_id":{"$oid":"5f1d0c3e8e1b2a0017a1b2c3"},"email":"a@x.it"}\n'));
    expect(mongo.info.format).toBe('mongo-json');
    expect(mongo.rows[0]).toMatchObject({ _id: '5f1d0c3e8e1b2a0017a1b2c3', email: 'a@x.it' });
    const mysql = await read(
      write("-- MySQL dump 10.13\nINSERT INTO `u` (`id`,`email`) VALUES (1,'a@x.it'),(2,'b@x.it');\n"),
    );
    expect(mysql.info.format).toBe('mysql-dump');
    expect(mysql.rows).toEqual([
      { id: '1', email: 'a@x.it' },
      { id: '2', email: 'b@x.it' },
    ]);
    const pg = await read(write('COPY public.u (id, email) FROM stdin;\n1\ta@x.it\n2\t\\N\n\\.\n'));
    expect(pg.info.format).toBe('postgres-dump');
    expect(pg.rows).toEqual([{ id: '1', email: 'a@x.it' }, { id: '2' }]);
  });
});
