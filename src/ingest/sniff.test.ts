import { describe, expect, it } from 'vitest';
import { looksBinary, sniffText } from './sniff.js';
import { looksLikeHeader } from './sniff-header.js';

const sniff = (text: string) => sniffText(text, { atEnd: true });

describe('sniffText', () => {
  it('recognises JSON arrays, JSON lines and MongoDB Extended JSON', () => {
    expect(sniff('  [{"a":1},{"a":2}]')).toMatchObject({ format: 'json', jsonMode: 'array' });
    expect(sniff('{"a":1}\n{"a":2}\n')).toMatchObject({ format: 'jsonl', jsonMode: 'lines' });
    expect(sniff('{"_id":{"$oid":"5f1d"},"email":"a@b.c"}\n')).toMatchObject({
      format: 'mongo-json',
      jsonMode: 'lines',
    });
    expect(sniff('[\n  {"_id": { "$oid": "5f1d" }}\n]')).toMatchObject({
      format: 'mongo-json',
      jsonMode: 'array',
    });
    // A pretty-printed document does not end on its first line.
    expect(sniff('{\n  "users": [{"a": 1}]\n}\n')).toMatchObject({ format: 'json', jsonMode: 'array' });
  });

  it('recognises MySQL and PostgreSQL dumps', () => {
    expect(sniff('-- MySQL dump 10.13\nCREATE TABLE `u` (`id` int);\n').format).toBe('mysql-dump');
    expect(sniff("INSERT INTO `users` VALUES (1,'a');\n").format).toBe('mysql-dump');
    expect(sniff('--\n-- PostgreSQL database dump\n--\nSET x = 1;\n').format).toBe('postgres-dump');
    expect(sniff('COPY public.users (id, email) FROM stdin;\n1\ta@b.c\n\\.\n').format).toBe('postgres-dump');
  });

  it('picks the delimiter by consistent field counts, quote-aware', () => {
    expect(sniff('a,b,c\n1,"x,y,z",3\n4,5,6\n').dialect).toEqual({
      delimiter: ',',
      quote: '"',
      hasHeader: true,
    });
    expect(sniff('name\temail\tcity\nAnn\ta@b.it\tRoma\nBob\tb@c.it\tMilano\n').dialect?.delimiter).toBe(
      '\t',
    );
    expect(sniff('nome;importo;citta\nAnn;1,5;Roma\nBob;2,75;Milano\n').dialect?.delimiter).toBe(';');
    expect(sniff('id|name|email\n1|Ann|a@b.it\n2|Bob|b@c.it\n').dialect?.delimiter).toBe('|');
  });

  it('detects the single quote as quote character when the text uses it', () => {
    const text = "id,name,note\n1,'Smith, John','a'\n2,'Doe, Jane','b'\n";
    expect(sniff(text).dialect).toEqual({ delimiter: ',', quote: "'", hasHeader: true });
  });

  it('does not take an apostrophe that never closes for the quote character', () => {
    // Found by the header-name fuzz test: as a quote, the apostrophe swallowed the data row
    // into a fourth header field, and four fields outvoted the real three.
    const text = `"",",,'","; DROP TABLE x; --"\n0,1,2\n`;
    expect(sniffText(text, { atEnd: true, delimiter: ',' }).dialect?.quote).toBe('"');
    expect(sniff(text).dialect).toMatchObject({ delimiter: ',', quote: '"' });
  });

  it('decides header or no header from the shape of the first record', () => {
    expect(sniff('1,Ann,a@b.it\n2,Bob,b@c.it\n').dialect?.hasHeader).toBe(false);
    expect(sniff('Ann,Rossi,Roma\nBob,Bianchi,Milano\n').dialect?.hasHeader).toBe(false);
    expect(sniff('nome,cognome,citta\nAnn,Rossi,Roma\nBob,Bianchi,Milano\n').dialect?.hasHeader).toBe(true);
    expect(sniff('Email,Phone\na@b.it,+39 333 1234567\n').dialect?.hasHeader).toBe(true);
    expect(sniff('"; DROP TABLE x; --",b\n1,2\n3,4\n').dialect?.hasHeader).toBe(false);
    expect(sniff('email,"; DROP TABLE x; --",phone\na@b.it,1,+39 333\n').dialect?.hasHeader).toBe(true);
  });

  it('recognises combolists with :, ; and | and a consistent third field', () => {
    const combo = ['a@x.com:hunter2', 'bob99:p@ss:word', 'c@y.org:123456', 'dave:qwerty!'].join('\n');
    expect(sniff(combo)).toMatchObject({
      format: 'combolist',
      dialect: { delimiter: ':', quote: null, hasHeader: false },
      comboFields: 2,
    });
    expect(sniff('a@x.com;pass1\nb@y.com;pass2\n').dialect?.delimiter).toBe(';');
    expect(sniff('a@x.com|pass1\nb@y.com|pass2\n').format).toBe('combolist');
    expect(sniff('a@x.com:pass1:IT\nb@y.com:pass2:FR\n')).toMatchObject({
      format: 'combolist',
      comboFields: 3,
    });
    // A two-column table of names is not a combolist.
    expect(sniff('Ann;Rossi\nBob;Bianchi\nCarla;Verdi\n').format).toBe('csv');
  });

  it('recognises a forum paste and where its block starts', () => {
    const paste = [
      '==============================',
      '  ShopCo customer database',
      '  Total: 87,000,000 records',
      '==============================',
      '',
      'email,first_name,phone',
      'a@b.it,Ann,+39 333 1234567',
      'c@d.it,Carla,+39 333 7654321',
      '',
      'Leaked by xX_h4x_Xx',
    ].join('\n');
    expect(sniff(paste)).toMatchObject({
      format: 'paste',
      blockStartLine: 6,
      dialect: { delimiter: ',', hasHeader: true },
    });
  });

  it('does not call a plain CSV a paste, and ignores a cut-off last line of a partial head', () => {
    expect(sniff('a,b\n1,2\n').format).toBe('csv');
    expect(sniff('ref,name\n#12,Ann\n#13,Bob\n').format).toBe('csv');
    expect(sniff('1,Ann,a@x.it\n2,Bob\n3,Cy,c@x.it,extra\n')).toMatchObject({
      format: 'csv',
      blockStartLine: 1,
    });
    expect(sniffText('a,b,c\n1,2,3\n4,5', { atEnd: false }).dialect?.delimiter).toBe(',');
  });

  it('lets overrides win over sniffing', () => {
    const text = 'a,b\n1,2\n';
    expect(sniffText(text, { atEnd: true, header: false }).dialect?.hasHeader).toBe(false);
    expect(sniffText(text, { atEnd: true, delimiter: ';' }).dialect?.delimiter).toBe(';');
    expect(sniffText(text, { atEnd: true, format: 'combolist' }).format).toBe('combolist');
    expect(sniffText('a@x.com;pw1\nb@y.com;pw2\n', { atEnd: true, delimiter: ';' }).format).toBe('csv');
    expect(sniffText('[1]', { atEnd: true, format: 'jsonl' })).toMatchObject({
      format: 'jsonl',
      jsonMode: 'array',
    });
  });

  it('treats a text without any delimiter as one column', () => {
    expect(sniff('email\na@b.it\nc@d.it\n')).toMatchObject({
      format: 'csv',
      dialect: { delimiter: ',', hasHeader: true },
    });
  });
});

describe('sniffText on hostile heads', () => {
  it('stays fast on heads built to make regexes backtrack', () => {
    const n = 250_000;
    const heads = [
      `x${'\n'.repeat(n)}y`,
      `x\n${' \n'.repeat(n / 2)}`,
      `COPY${' '.repeat(n)}x`,
      `{}${' '.repeat(n)}x`,
      `"${' '.repeat(n)}`,
      `a,"${'\n'.repeat(n)}`,
      `${'{'.repeat(n)}`,
      `x@${'.'.repeat(n)} `,
      `${'a:'.repeat(n / 2)}`,
      `${'#'.repeat(n)}\n`,
    ];
    for (const head of heads) {
      const started = performance.now();
      sniffText(head, { atEnd: false });
      expect(performance.now() - started).toBeLessThan(1500);
    }
  });
});

describe('looksLikeHeader', () => {
  it('wants distinct word-like cells that differ from the values below', () => {
    expect(looksLikeHeader(['id', 'email'], [['1', 'a@b.c']])).toBe(true);
    expect(looksLikeHeader(['a', 'a'], [['1', '2']])).toBe(false);
    expect(looksLikeHeader(['M', 'Rome'], [['M', 'Milan']])).toBe(false);
    expect(looksLikeHeader(['first_name', 'city'], [])).toBe(true);
  });
});

describe('looksBinary', () => {
  it('flags control-character soup and accepts text', () => {
    expect(looksBinary('a,b\n1,2\n')).toBe(false);
    expect(looksBinary('\u0000\u0001\u0002PNG\u0003\u0004')).toBe(true);
  });
});
