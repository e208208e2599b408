import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEmail, canonicalPhone, exposureOf } from './exposure.js';

/**
 * The browser's canonical forms must equal the server's, or a person in the sample is told
 * they are not. static/exposure.js runs here as the browser runs it: as a classic script,
 * next to the libphonenumber-js browser bundle the page loads, in a fresh global scope.
 */

interface Browser {
  canonicalEmail(raw: string): string | null;
  canonicalPhone(raw: string, region: string | undefined, lib: unknown): string | null;
  sha256Bytes(bytes: Uint8Array): string;
  exposureOf(raw: string, region: string | undefined, lib: unknown): Promise<unknown>;
}

const bundle = join(
  dirname(createRequire(import.meta.url).resolve('libphonenumber-js/package.json')),
  'bundle/libphonenumber-min.js',
);

function loadBrowser(withSubtle: boolean): { api: Browser; lib: unknown } {
  const sandbox: Record<string, unknown> = { TextEncoder };
  if (withSubtle) sandbox.crypto = webcrypto;
  runInNewContext(readFileSync(bundle, 'utf8'), sandbox);
  runInNewContext(readFileSync(new URL('./static/exposure.js', import.meta.url), 'utf8'), sandbox);
  return { api: sandbox.LeakverifyExposure as Browser, lib: sandbox.libphonenumber };
}

const { api, lib } = loadBrowser(false);
const REGIONS = ['IT', 'FR', 'DE', 'GB', 'US', 'ES', 'BR', 'IN', 'it', 'XX', undefined] as const;

const phoneLike = fc
  .array(fc.constantFrom(...'0123456789 +-().', '00', '+39', '+1', '０', '٣', 'ext. 12', 'tel:'), {
    minLength: 1,
    maxLength: 24,
  })
  .map((parts) => parts.join(''));

/** Numbers as people write them, most of them possible in some region. */
const written = fc
  .tuple(
    fc.constantFrom('', '', '+39 ', '0039 ', '+33 ', '+1 ', '+44 ', '+49 ', '(0)', '0', '+', '00'),
    fc.constantFrom('3', '6', '7', '2', '1', '0', '9'),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 12 }),
    fc.constantFrom('', ' ', '-', '.', ' / '),
  )
  .map(
    ([prefix, lead, digits, sep]) =>
      prefix + lead + digits.map((d, i) => (i % 3 === 2 ? sep : '') + d).join(''),
  );

const emailLike = fc.oneof(
  fc.emailAddress(),
  fc.emailAddress().map((e) => ` ${e.toUpperCase()}\t`),
  fc
    .tuple(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 }))
    .map(([a, b]) => `${a}@${b}`),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

describe('static/exposure.js matches src/server/exposure.ts', () => {
  it('canonical emails', () => {
    fc.assert(
      fc.property(emailLike, (raw) => {
        expect(api.canonicalEmail(raw)).toBe(canonicalEmail(raw));
      }),
      { numRuns: 3000 },
    );
    for (const raw of ['Ǆ@X.com', 'İstanbul@x.tr', 'ﬁ@x.com', 'e\u0301@x.com', '\ufeffa@b.c\u200b'])
      expect(api.canonicalEmail(raw)).toBe(canonicalEmail(raw));
  });

  it('canonical phones, for every region choice', () => {
    let possible = 0;
    fc.assert(
      fc.property(
        fc.oneof(written, written, phoneLike, fc.string({ maxLength: 30 })),
        fc.constantFrom(...REGIONS),
        (raw, region) => {
          const expected = canonicalPhone(raw, region);
          if (expected !== null) possible++;
          expect(api.canonicalPhone(raw, region, lib)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
    // The comparison means something only if many inputs are numbers.
    expect(possible).toBeGreaterThan(400);
  });

  it('SHA-256 in plain JavaScript, at every padding boundary', () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 255);
      expect(api.sha256Bytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(api.sha256Bytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('whole exposure hashes, with and without crypto.subtle', async () => {
    const subtle = loadBrowser(true);
    const inputs = [
      'Mario.Rossi@Example.com ',
      '+39 333 123 4567',
      '333 123 4567',
      '06 12 34 56 78',
      'nope',
      'jos\u00e9@x.es',
    ];
    for (const raw of inputs)
      for (const region of ['IT', 'FR', undefined]) {
        const expected = exposureOf(raw, region);
        for (const side of [{ api, lib }, subtle]) {
          const got = await side.api.exposureOf(raw, region, side.lib);
          expect(JSON.parse(JSON.stringify(got))).toEqual(expected);
        }
      }
  });
});
