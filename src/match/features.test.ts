import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeValue } from '../fields/normalize/index.js';
import { bloomFromBytes, dice } from '../protect/bloom.js';
import { SecretKey } from '../protect/key.js';
import {
  bloomBytesOf,
  buildFeatures,
  buildFeaturesFromValues,
  collectValues,
  FeatureKeys,
  featureRowValues,
} from './features.js';
import { BLOOMS, bwColumn, FEATURE_TABLE_COLUMNS, FINGERPRINTS, fpColumn, lbColumn } from './schema.js';
import { TEST_KEY } from './test-support/febrl4.js';
import { tempWorkspace, writeEntities } from './test-support/workspace.js';

const keys = new FeatureKeys(TEST_KEY);
const fp = (
  row: ReturnType<typeof buildFeaturesFromValues>,
  name: (typeof FINGERPRINTS)[number],
): string | undefined => (row[fpColumn(name)] as bigint | null)?.toString(16);

describe('buildFeatures', () => {
  it('fingerprints are the first 64 bits of HMAC-SHA-256, keyed per field and per master key', () => {
    const a = buildFeaturesFromValues({ firstName: 'rossi', lastName: 'rossi' }, keys);
    const subkey = keys.subkeyFor('first_name');
    const hmac = createHmac('sha256', subkey.bytes()).update('rossi').digest();
    expect(a[fpColumn('first_name')]).toBe(hmac.readBigUInt64BE(0));
    expect(fp(a, 'first_name')).not.toBe(fp(a, 'last_name'));
    const again = buildFeaturesFromValues({ firstName: 'rossi' }, new FeatureKeys(TEST_KEY));
    expect(fp(again, 'first_name')).toBe(fp(a, 'first_name'));
    const other = buildFeaturesFromValues(
      { firstName: 'rossi' },
      new FeatureKeys(new SecretKey(Buffer.alloc(32, 9), 'test')),
    );
    expect(fp(other, 'first_name')).not.toBe(fp(a, 'first_name'));
  });

  it('derives the keys the comparisons need: provider email, swapped and partial dates, sorted names', () => {
    const tagged = buildFeatures([['email', normalizeValue('email', 'M.Rossi+shop@gmail.com')]], keys);
    const plain = buildFeatures([['email', normalizeValue('email', 'mrossi@gmail.com')]], keys);
    expect(fp(tagged, 'email')).not.toBe(fp(plain, 'email'));
    expect(fp(tagged, 'email_provider')).toBe(fp(plain, 'email_provider'));
    // Without a provider rule the variant is the address itself, fingerprinted the same way.
    expect(fp(plain, 'email_provider')).toBe(fp(plain, 'email'));

    const eu = buildFeaturesFromValues({ dob: '1985-03-04' }, keys);
    const us = buildFeaturesFromValues({ dob: '1985-04-03' }, keys);
    expect(fp(eu, 'dob_swapped')).toBe(fp(us, 'dob'));
    expect(fp(eu, 'dob_yd')).toBe(fp(buildFeaturesFromValues({ dob: '1985-09-04' }, keys), 'dob_yd'));
    expect(fp(buildFeaturesFromValues({ dob: '1985-03-25' }, keys), 'dob_swapped')).toBeUndefined();

    const ab = buildFeaturesFromValues({ firstName: 'anna', lastName: 'de luca' }, keys);
    const ba = buildFeaturesFromValues({ firstName: 'de luca', lastName: 'anna' }, keys);
    expect(fp(ab, 'name_tokens')).toBe(fp(ba, 'name_tokens'));
  });

  it('encodes Bloom filters whose Dice tracks similarity, with popcount and LSH bits', () => {
    const row = (last: string) => buildFeaturesFromValues({ lastName: last }, keys);
    const filter = (r: ReturnType<typeof row>) => bloomFromBytes(bloomBytesOf(r, 'last_name')!);
    const a = row('fitzpatrick');
    expect(dice(filter(a), filter(row('fitzpagrick')))).toBeGreaterThan(0.8);
    expect(dice(filter(a), filter(row('nguyen')))).toBeLessThan(0.7);
    const bytes = bloomBytesOf(a, 'last_name')!;
    expect(bytes).toHaveLength(32);
    expect(a[lbColumn('last_name')]).toBe(bytes.readBigUInt64BE(0));
    expect(a[bwColumn('last_name', 3)]).toBe(bytes.readBigUInt64BE(24));
    expect(a['bc_last_name']).toBeGreaterThan(64);
    expect(a[bwColumn('street', 0)]).toBeNull();
    expect(bloomBytesOf(a, 'street')).toBeNull();
  });

  it('collects values from normaliser results: parts, keys, first value wins', () => {
    const v = collectValues([
      ['full_name', normalizeValue('full_name', 'ROSSI Mario')],
      ['phone', normalizeValue('phone', '+39 333 123 4567')],
      ['phone', normalizeValue('phone', '+39 06 1234 5678')],
      ['address', normalizeValue('address', 'Via Roma 12, 00184 Roma RM', { country: 'IT' })],
      ['email', { ok: false, reason: 'no @' }],
      ['username', null],
    ]);
    expect(v).toMatchObject({
      firstName: 'mario',
      lastName: 'rossi',
      phone: '+393331234567',
      phoneNational: '3331234567',
    });
    expect(v).toMatchObject({ street: 'via roma', houseNumber: '12', postcode: '00184', city: 'roma' });
    expect(v.email).toBeUndefined();
  });

  it('lays values out in table order', () => {
    const values = featureRowValues(7, 'C1', buildFeaturesFromValues({ email: 'a@b.it' }, keys));
    expect(values).toHaveLength(FEATURE_TABLE_COLUMNS.length);
    expect(values.slice(0, 2)).toEqual([7, 'C1']);
    // Per filter: 256 or 512 bits as 4 or 8 words, and the popcount.
    expect(BLOOMS.length + 28 + FINGERPRINTS.length + 2).toBe(FEATURE_TABLE_COLUMNS.length);
    expect(FEATURE_TABLE_COLUMNS.slice(-5)).toEqual([
      'bw_city_0',
      'bw_city_1',
      'bw_city_2',
      'bw_city_3',
      'bc_city',
    ]);
  });

  it('writes no plaintext value to the workspace', async () => {
    const { ws, dispose } = await tempWorkspace();
    try {
      const people = [
        {
          email: 'giuseppina.verdastro@example.org',
          firstName: 'giuseppina',
          lastName: 'verdastro',
          dob: '1961-07-23',
        },
        {
          phone: '+393471234567',
          street: 'via dei mille',
          houseNumber: '44',
          city: 'castelfranco emilia',
          postcode: '41013',
        },
      ];
      await writeEntities(
        ws,
        'f',
        people.map((values, i) => ({ values, recordId: `C${i}` })),
      );
      await ws.checkpoint();
      const dir = ws.dir;
      await ws.close();
      const bytes = readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => readFileSync(join(e.parentPath, e.name)));
      expect(bytes.length).toBeGreaterThan(0);
      for (const value of [
        'verdastro',
        'giuseppina',
        '3471234567',
        'castelfranco',
        'dei mille',
        '1961-07-23',
        '41013',
      ]) {
        for (const b of bytes) expect(b.includes(value)).toBe(false);
      }
    } finally {
      await dispose();
    }
  });
});
