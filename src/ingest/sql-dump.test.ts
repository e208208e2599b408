import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IngestLimits, withLimits } from '../core/limits.js';
import { createSqlDumpParser } from './sql-dump.js';
import { feedInPieces, RecordCollector } from './test-support/record-collector.js';

type Dialect = 'mysql' | 'postgres';

function parse(text: string, dialect: Dialect, limits: Partial<IngestLimits> = {}, cuts: number[] = []) {
  const sink = new RecordCollector();
  feedInPieces(createSqlDumpParser(sink, withLimits(limits), { dialect }), text, cuts);
  return sink;
}

function outcomes(sink: RecordCollector): string[] {
  return sink.records.map((r) => (r.kind === 'row' ? `row@${r.line}` : `${r.code}@${r.line}`));
}

const MYSQLDUMP = `-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS \`users\`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE \`users\` (
  \`id\` int NOT NULL AUTO_INCREMENT,
  \`email\` varchar(255) NOT NULL DEFAULT '',
  \`name\` varchar(100) DEFAULT NULL COMMENT 'full name, (display); it''s',
  \`avatar\` blob,
  \`flags\` bit(4) DEFAULT b'0000',
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`email\` (\`email\`),
  KEY \`idx_name\` (\`name\`(10)),
  CONSTRAINT \`fk_x\` FOREIGN KEY (\`id\`) REFERENCES \`x\` (\`id\`)
) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

--
-- Dumping data for table \`users\`
--

LOCK TABLES \`users\` WRITE;
/*!40000 ALTER TABLE \`users\` DISABLE KEYS */;
INSERT INTO \`users\` VALUES (1,'anna@example.it','O\\'Brien \\"Bob\\"\\n\\ttab\\\\ \\0\\Z',0x4A6F686E,b'0101'),(2,'b@example.com',NULL,0x00FF10,b'1'),
(3,'c@example.org','It''s; a (test), isn''t it',_binary 'xyz',0x01),(4,'d@example.net',-5,X'4A6F',NULL);
/*!40000 ALTER TABLE \`users\` ENABLE KEYS */;
UNLOCK TABLES;
# a hash comment
INSERT IGNORE INTO orders (id, total, placed) VALUES (10, 9.99, NOW()), (11, 1e3, '2020-01-01') ON DUPLICATE KEY UPDATE total=VALUES(total), x=';';
REPLACE INTO \`users\` (\`email\`, \`id\`) VALUES ('e@example.it', 5);
DELIMITER ;;
CREATE PROCEDURE p()
BEGIN
  INSERT INTO users VALUES (99,'not@data','x',NULL,NULL);
END ;;
DELIMITER ;
INSERT INTO t3 VALUES (1,'a'),(2,'b');
-- Dump completed on 2024-03-01 10:00:00
`;

const PG_DUMP = `--
-- PostgreSQL database dump
--

\\restrict 7cGfSgnBzHbwqV1

-- Dumped from database version 16.2
SET statement_timeout = 0;
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
BEGIN
  INSERT INTO x VALUES (1); -- not data; 'quote
  RETURN NEW;
END;
$_$;

/* a /* nested */ comment; */
CREATE TABLE public.users (
    id integer NOT NULL,
    email text,
    "full name" character varying(100),
    key text,
    CONSTRAINT users_id_check CHECK ((id > 0))
);

ALTER TABLE public.users OWNER TO shop;

COPY public.users (id, email, "full name", key) FROM stdin;
1	anna@example.it	Anna\\tRossi	\\N
2	lea@example.fr	L\\303\\251a\\nX	\\x41B
3	back@slash.it	a\\\\b	\\101
\\.

COPY public.empty_table (a) FROM stdin;
\\.

INSERT INTO public.users VALUES (4, 'd@example.it', E'It\\'s\\n\\u00e8', 'k');
INSERT INTO public.users (id, email) OVERRIDING SYSTEM VALUE VALUES (5, 'o''neil@example.ie'), (6, '2020-01-01'::date);
SELECT pg_catalog.setval('public.users_id_seq', 6, true);

\\unrestrict 7cGfSgnBzHbwqV1
`;

describe('mysqldump', () => {
  it('reads CREATE TABLE columns, extended inserts, escapes, NULL, hex and bit literals', () => {
    const sink = parse(MYSQLDUMP, 'mysql');
    expect(sink.rejects).toEqual([]);
    expect(sink.objectsWithNulls().slice(0, 4)).toEqual([
      {
        id: '1',
        email: 'anna@example.it',
        name: 'O\'Brien "Bob"\n\ttab\\ \0\x1a',
        avatar: 'John',
        flags: '5',
      },
      { id: '2', email: 'b@example.com', name: null, avatar: '0x00FF10', flags: '1' },
      { id: '3', email: 'c@example.org', name: "It's; a (test), isn't it", avatar: 'xyz', flags: '0x01' },
      { id: '4', email: 'd@example.net', name: '-5', avatar: 'Jo', flags: null },
    ]);
    expect(sink.objects().slice(4)).toEqual([
      { id: '10', total: '9.99', placed: 'NOW()' },
      { id: '11', total: '1e3', placed: '2020-01-01' },
      { id: '5', email: 'e@example.it' },
      { col_1: '1', col_2: 'a' },
      { col_1: '2', col_2: 'b' },
    ]);
    expect(outcomes(sink)).toEqual([
      'row@27',
      'row@27',
      'row@28',
      'row@28',
      'row@32',
      'row@32',
      'row@33',
      'row@40',
      'row@40',
    ]);
    expect(sink.notes.map((n) => n.text)).toEqual([
      'MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)',
      'Host: localhost    Database: shop',
      'table users: id, email, name, avatar, flags',
      'Dumping data for table `users`',
      'table orders: id, total, placed',
      'table t3: col_1, col_2',
    ]);
  });

  it('rejects mismatched, malformed and cut-off tuples and resyncs', () => {
    const text = [
      'CREATE TABLE u (a int, b text);',
      "INSERT INTO u VALUES (1,'x'),(2),(3,,'z'),(4,'ok') junk (5,'y'),(6,'w');",
      "INSERT INTO u VALUES (7,'x';",
      "INSERT INTO u VALUES (8,'fine');",
      "INSERT INTO u VALUES (10,'b'),(11,'cut",
    ].join('\n');
    const sink = parse(text, 'mysql');
    expect(outcomes(sink)).toEqual([
      'row@2',
      'column-count-mismatch@2',
      'invalid-sql@2',
      'row@2',
      'invalid-sql@2',
      'row@2',
      'row@2',
      'invalid-sql@3',
      'row@4',
      'row@5',
      'truncated@5',
    ]);
    expect(sink.objects().map((o) => o.a)).toEqual(['1', '4', '5', '6', '8', '10']);
  });

  it('takes a hostile column name as a plain name', () => {
    const sink = parse('INSERT INTO `t` (`"; DROP TABLE x; --`, `a``b`) VALUES (1, 2);', 'mysql');
    expect(sink.columns).toEqual(['"; DROP TABLE x; --', 'a`b']);
    expect(sink.rows).toHaveLength(1);
  });

  it('merges columns by name across tables and accepts ANSI-quoted names', () => {
    const sink = parse(
      'INSERT INTO "a" ("id","email") VALUES (1,"x@y.z");\nINSERT INTO db.b (email, phone) VALUES (\'p@q.r\', \'+39\');',
      'mysql',
    );
    expect(sink.columns).toEqual(['id', 'email', 'phone']);
    expect(sink.objects()).toEqual([
      { id: '1', email: 'x@y.z' },
      { email: 'p@q.r', phone: '+39' },
    ]);
  });

  it('skips an over-long tuple without keeping it, and rejects over-long values', () => {
    const big = 'x'.repeat(5000);
    const text = `INSERT INTO t (a) VALUES ('${big}'),('ok'),(REPEAT('${'y'.repeat(600)}', 2)),('fine');`;
    const cuts = Array.from({ length: 60 }, (_, i) => 7 + i * 97);
    const sink = parse(text, 'mysql', { maxRecordChars: 1000, maxFieldChars: 500 }, cuts);
    expect(outcomes(sink)).toEqual(['line-too-long@1', 'row@1', 'field-too-long@1', 'row@1']);
  });

  it('streams an extended insert of many tuples', () => {
    const tuples = Array.from({ length: 20_000 }, (_, i) => `(${i},'user${i}@example.com',NULL)`).join(',');
    const text = `INSERT INTO t (id,email,phone) VALUES ${tuples};`;
    const cuts = Array.from({ length: 200 }, (_, i) => i * 4099);
    const sink = parse(text, 'mysql', {}, cuts);
    expect(sink.rejects).toEqual([]);
    expect(sink.rows).toHaveLength(20_000);
    expect(sink.rows[19_999]?.values).toEqual(['19999', 'user19999@example.com', null]);
  });
});

describe('pg_dump', () => {
  it('reads COPY data, \\N, escapes, --inserts statements and skips functions and meta-commands', () => {
    const sink = parse(PG_DUMP, 'postgres');
    expect(sink.rejects).toEqual([]);
    expect(sink.objectsWithNulls()).toEqual([
      { id: '1', email: 'anna@example.it', 'full name': 'Anna\tRossi', key: null },
      { id: '2', email: 'lea@example.fr', 'full name': 'Léa\nX', key: 'AB' },
      { id: '3', email: 'back@slash.it', 'full name': 'a\\b', key: 'A' },
      { id: '4', email: 'd@example.it', 'full name': "It's\nè", key: 'k' },
      { id: '5', email: "o'neil@example.ie" },
      { id: '6', email: '2020-01-01' },
    ]);
    expect(outcomes(sink)).toEqual(['row@33', 'row@34', 'row@35', 'row@41', 'row@42', 'row@42']);
    expect(sink.notes.map((n) => n.text)).toEqual([
      'PostgreSQL database dump',
      'Dumped from database version 16.2',
      'table public.users: id, email, full name, key',
      'table public.empty_table: a',
    ]);
  });

  it('rejects COPY lines with the wrong field count, and a cut-off last line as truncated', () => {
    const text = 'COPY t (a, b) FROM stdin;\n1\tx\n2\n3\ty\n4';
    expect(outcomes(parse(text, 'postgres'))).toEqual([
      'row@2',
      'column-count-mismatch@3',
      'row@4',
      'truncated@5',
    ]);
    expect(outcomes(parse('COPY t (a, b) FROM stdin;\n1\tx\n2\tlast', 'postgres'))).toEqual([
      'row@2',
      'row@3',
    ]);
  });

  it('names columns col_1..n when neither a column list nor CREATE TABLE is known', () => {
    const sink = parse("COPY t FROM stdin;\n1\ta\n\\.\nINSERT INTO t VALUES (2, 'b'), (3);", 'postgres');
    expect(sink.columns).toEqual(['col_1', 'col_2']);
    expect(outcomes(sink)).toEqual(['row@2', 'row@4', 'column-count-mismatch@4']);
  });

  it('rejects csv-format COPY lines it cannot read', () => {
    const sink = parse(
      'COPY t (a) FROM stdin WITH (FORMAT csv);\n"x"\n\\.\nINSERT INTO t VALUES (\'y\');',
      'postgres',
    );
    expect(outcomes(sink)).toEqual(['invalid-sql@2', 'row@4']);
  });
});

describe('lexical details', () => {
  it('reads dollar-quoted and cast values in PostgreSQL, and numbers tuples by their first line', () => {
    const sink = parse(
      "INSERT INTO t (a, b) VALUES\n($$it's$$, $x$a$$b$x$),\n(\n'multi\nline', -2.5::numeric);",
      'postgres',
    );
    expect(sink.objects()).toEqual([
      { a: "it's", b: 'a$$b' },
      { a: 'multi\nline', b: '-2.5' },
    ]);
    expect(outcomes(sink)).toEqual(['row@2', 'row@3']);
  });

  it('needs a space after -- for a MySQL comment, but not for a PostgreSQL one', () => {
    expect(parse('INSERT INTO t (a) VALUES (--1\n);', 'mysql').objects()).toEqual([{ a: '--1' }]);
    expect(outcomes(parse('INSERT INTO t (a) VALUES (1 --1\n);', 'postgres'))).toEqual(['row@1']);
  });

  it('bounds COPY lines by maxRecordChars and keeps going', () => {
    const text = `COPY t (a, b) FROM stdin;\n1\t${'x'.repeat(3000)}\n2\tok\n\\.\n`;
    expect(outcomes(parse(text, 'postgres', { maxRecordChars: 1000 }, [100, 2000]))).toEqual([
      'line-too-long@2',
      'row@3',
    ]);
  });

  it('keeps a bounded number of comment notes, only before the data', () => {
    const comments = Array.from({ length: 500 }, (_, i) => `-- comment ${i}`).join('\n');
    const sink = parse(`${comments}\nINSERT INTO t (a) VALUES (1);\n-- after`, 'mysql', { maxNotes: 20 });
    expect(sink.notes.map((n) => n.text)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `comment ${i}`),
      'table t: a',
    ]);
  });
});

describe('chunk boundaries', () => {
  const cases: [string, Dialect][] = [
    [MYSQLDUMP, 'mysql'],
    [PG_DUMP, 'postgres'],
  ];

  it.each(cases)('gives the same records wherever one cut falls (%#)', (text, dialect) => {
    const whole = parse(text, dialect).summary();
    for (let cut = 0; cut <= text.length; cut++)
      expect(parse(text, dialect, {}, [cut]).summary()).toEqual(whole);
  });

  it('gives the same records for random multi-cuts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.array(fc.nat(), { maxLength: 10 }),
        ([text, dialect], cuts) => {
          const points = cuts.map((c) => c % (text.length + 1));
          expect(parse(text, dialect, {}, points).summary()).toEqual(parse(text, dialect).summary());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hostile input', () => {
  const sqlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'INSERT INTO t VALUES ',
          'INSERT INTO t (a,b) VALUES ',
          'CREATE TABLE t (a int, b text);',
          'COPY t (a) FROM stdin;\n',
          '\\.\n',
          '(',
          ')',
          ',',
          ';',
          "'",
          '"',
          '`',
          '\\',
          '\n',
          '\t',
          '-- ',
          '/*',
          '*/',
          '$$',
          '$a$',
          "E'",
          "X'",
          '0x4A',
          'NULL',
          'DELIMITER ;;\n',
          'DELIMITER ;\n',
          '\uD800',
          '\u0000',
        ),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 50 },
    )
    .map((parts) => parts.join(''));

  it.each<Dialect>(['mysql', 'postgres'])('never throws and always terminates (%s)', (dialect) => {
    fc.assert(
      fc.property(
        fc.oneof(sqlish, fc.string({ unit: 'grapheme', maxLength: 30 })),
        fc.array(fc.nat(), { maxLength: 4 }),
        (text, cuts) => {
          const sink = parse(
            text,
            dialect,
            { maxRecordChars: 60, maxFieldChars: 10, maxColumns: 4 },
            cuts.map((c) => c % (text.length + 1)),
          );
          expect(sink.columns.length).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads generated tuples back exactly', () => {
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.constant(null), fc.integer().map(String));
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const mysql = rows
            .map(
              (r) =>
                `(${r.map((v) => (v === null ? 'NULL' : `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`)).join(',')})`,
            )
            .join(',');
          const pg = rows
            .map(
              (r) => `(${r.map((v) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`)).join(', ')})`,
            )
            .join(', ');
          expect(parse(`INSERT INTO t (a,b,c) VALUES ${mysql};`, 'mysql').rows.map((r) => r.values)).toEqual(
            rows,
          );
          expect(parse(`INSERT INTO t (a,b,c) VALUES ${pg};`, 'postgres').rows.map((r) => r.values)).toEqual(
            rows,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
