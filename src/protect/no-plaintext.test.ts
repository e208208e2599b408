import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldKind } from '../core/types.js';
import { openWorkspace } from '../store/workspace.js';
import { BloomEncoder, bloomBytes, CLK_LAYOUT, popcount } from './bloom.js';
import { bloomStepsSql } from './bloom-sql.js';
import { fingerprint, fingerprintLabel, hmacSql } from './fingerprint.js';
import { deriveSubkey, generateKey, keyToHex } from './key.js';
import { checkKey } from './key-check.js';
import { people } from './test-support/values.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every needle found in any file under `dir`, as raw UTF-8 bytes. */
function grep(dir: string, needles: readonly string[]): string[] {
  const contents = filesUnder(dir).map((file) => readFileSync(file));
  return needles.filter((needle) => contents.some((bytes) => bytes.includes(Buffer.from(needle, 'utf8'))));
}

const CANARY = 'canary-value-that-must-be-found';

describe('the workspace holds no plaintext', () => {
  it('after indexing known values as fingerprints and Bloom filters, in JS and in SQL', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lv-plain-')), 'ws');
    const ws = await openWorkspace(dir);
    // Uncompressed storage, so that grep would see any string that reached the file.
    await ws.run(`SET force_compression = 'uncompressed'`);
    const master = generateKey();
    await checkKey(ws, master);
    const persons = people(60, 3).map((p, i) => ({
      ...p,
      email: `${p.first_name.replace(/ /g, '.')}.${p.last_name.replace(/ /g, '')}${i}@example.org`,
      phone: `+39333${String(1_000_000 + i * 7919)}`,
    }));
    const jsHalf = persons.slice(0, 30);
    const sqlHalf = persons.slice(30);
    await ws.run(
      `INSERT INTO record_sources (source_id, table_name, file_path, file_sha256, row_count, primary_key, indexed_at)
       VALUES (1, 'customers', '/data/customers.csv', 'ab', 60, 'id', now())`,
    );
    // Long-format tables of fingerprints and filters, written both from JS and in SQL; the
    // pipeline's own wide feature tables are checked in src/pipeline/no-plaintext.test.ts.
    await ws.run(
      `CREATE TABLE record_fingerprints (source_id INTEGER, record_id VARCHAR, kind VARCHAR, key_name VARCHAR DEFAULT '', fp BLOB)`,
    );
    await ws.run(
      `CREATE TABLE record_blooms (source_id INTEGER, record_id VARCHAR, field VARCHAR, bloom BIT, bits SMALLINT)`,
    );
    await ws.run(
      `CREATE TABLE fingerprint_frequencies (source_id INTEGER, kind VARCHAR, key_name VARCHAR DEFAULT '', fp BLOB, n BIGINT)`,
    );

    // JS path: fingerprints and filters computed in Node, appended.
    const kinds: FieldKind[] = ['email', 'phone', 'full_name', 'last_name', 'city'];
    const subkeys = new Map(kinds.map((k) => [k, deriveSubkey(master, fingerprintLabel(k))]));
    const clk = new BloomEncoder(master, CLK_LAYOUT);
    await ws.appendRows(
      'record_fingerprints',
      ['source_id', 'record_id', 'kind', 'fp'],
      jsHalf.flatMap((p, i) =>
        kinds.map((k) => [1, `C${i}`, k, fingerprint(subkeys.get(k)!, p[k as keyof typeof p])]),
      ),
    );
    await ws.appendRows(
      'record_blooms',
      ['source_id', 'record_id', 'field', 'bloom', 'bits'],
      jsHalf.map((p, i) => {
        const filter = clk.encode({ full_name: p.full_name, street: p.street, city: p.city });
        return [1, `C${i}`, 'clk', bloomBytes(filter), popcount(filter)];
      }),
    );

    // SQL path: plaintext only ever in a temp table, hashed and encoded inside DuckDB.
    await ws.run('CREATE TEMP TABLE plain (record_id VARCHAR, field VARCHAR, value VARCHAR)');
    await ws.appendRows(
      'plain',
      ['record_id', 'field', 'value'],
      sqlHalf.flatMap((p, i) =>
        (['email', 'phone', 'full_name', 'last_name', 'city', 'street'] as const).map((k) => [
          `C${30 + i}`,
          k,
          p[k],
        ]),
      ),
    );
    for (const kind of kinds) {
      await ws.run(
        `INSERT INTO record_fingerprints (source_id, record_id, kind, fp)
         SELECT 1, record_id, field, ${hmacSql(subkeys.get(kind)!, 'value')} FROM plain WHERE field = $1`,
        [kind],
      );
    }
    await ws.runSteps(bloomStepsSql({ master, layout: CLK_LAYOUT, input: 'plain', output: 'sql_clk' }));
    await ws.run(`INSERT INTO record_blooms SELECT 1, record_id, 'clk', bloom, bits FROM sql_clk`);
    await ws.run(
      `INSERT INTO fingerprint_frequencies SELECT source_id, kind, key_name, fp, count(*) FROM record_fingerprints
       GROUP BY ALL`,
    );
    // Positive control: a plaintext string in a real table must be found by the same grep.
    await ws.run('CREATE TABLE control (v VARCHAR)');
    await ws.run('INSERT INTO control VALUES ($1)', [CANARY]);

    const counts = await ws.all<{ n: number }>('SELECT count(*) AS n FROM record_fingerprints');
    expect(counts[0]?.n).toBe(300);
    const secrets = [
      ...persons.flatMap((p) => [p.email, p.phone, p.full_name, p.street, p.city, p.last_name]),
      ...persons.flatMap((p) => [p.full_name.toUpperCase(), p.email.toLowerCase()]),
      keyToHex(master),
      ...[...subkeys.values()].map((k) => k.bytes().toString('hex')),
      // The HMAC pads that hmacSql embeds in SQL text must not be persisted either.
      ...[...subkeys.values()].flatMap((k) =>
        [0x36, 0x5c].map((pad) => Buffer.from(k.bytes().map((b) => b ^ pad)).toString('hex')),
      ),
    ].filter((s) => s.length >= 5);
    const binarySecrets = [master, ...subkeys.values()].map((k) => k.bytes());

    // While open (WAL not yet checkpointed), after a checkpoint, and after close.
    expect(grep(dir, [CANARY])).toEqual([CANARY]);
    expect(grep(dir, secrets)).toEqual([]);
    await ws.checkpoint();
    expect(grep(dir, [CANARY])).toEqual([CANARY]);
    expect(grep(dir, secrets)).toEqual([]);
    await ws.close();
    expect(grep(dir, [CANARY])).toEqual([CANARY]);
    expect(grep(dir, secrets)).toEqual([]);
    const files = filesUnder(dir).map((f) => readFileSync(f));
    for (const key of binarySecrets) expect(files.some((bytes) => bytes.includes(key))).toBe(false);
  });
});
