import { describe, expect, it } from 'vitest';
import { isLeakverifyError, type LeakverifyError } from '../core/errors.js';
import { profileColumns } from './infer.js';
import { loadMapping } from './mapping.js';

function errorOf(fn: () => unknown): LeakverifyError {
  try {
    fn();
  } catch (e) {
    if (isLeakverifyError(e, 'fields.mapping')) return e;
    throw e;
  }
  throw new Error('expected a fields.mapping error');
}

describe('loadMapping', () => {
  it('reads kinds and kinds with params', () => {
    const m = loadMapping(
      JSON.stringify({
        columns: {
          tel: 'phone',
          dob: { kind: 'date_of_birth', params: { dateOrder: 'mdy' } },
          mobile: { kind: 'phone', params: { phoneRegion: 'it' } },
          pw: { kind: 'password_hash', params: { hashScheme: 'ntlm' } },
        },
      }),
      'map.json',
    );
    expect(m).toEqual({
      tel: 'phone',
      dob: { kind: 'date_of_birth', params: { dateOrder: 'mdy' } },
      mobile: { kind: 'phone', params: { phoneRegion: 'IT' } },
      pw: { kind: 'password_hash', params: { hashScheme: 'ntlm' } },
    });
  });

  it('rejects unknown kinds, naming the file and the entry and listing valid kinds', () => {
    const e = errorOf(() => loadMapping('{"columns":{"tel":"telephone"}}', 'maps/shop.json'));
    expect(e.message).toContain('maps/shop.json');
    expect(e.message).toContain("'tel'");
    expect(e.message).toContain("'telephone'");
    expect(e.hint).toContain('email');
    expect(e.hint).toContain('date_of_birth');
  });

  it.each([
    ['not json', 'not valid JSON'],
    ['[]', '"columns"'],
    ['{"cols":{}}', '"columns"'],
    ['{"columns":{"a":{"kind":"nope"}}}', "unknown kind 'nope'"],
    ['{"columns":{"a":{"params":{}}}}', "unknown kind 'undefined'"],
    ['{"columns":{"a":42}}', 'expected a kind name'],
    ['{"columns":{"a":{"kind":"date","params":{"dateOrder":"dym"}}}}', 'params.dateOrder'],
    ['{"columns":{"a":{"kind":"phone","params":{"phoneRegion":"Italy"}}}}', 'params.phoneRegion'],
    ['{"columns":{"a":{"kind":"password_hash","params":{"hashScheme":"rot13"}}}}', 'params.hashScheme'],
    ['{"columns":{"a":{"kind":"phone","params":{"region":"IT"}}}}', "unknown parameter 'region'"],
    ['{"columns":{"a":{"kind":"phone","param":{}}}}', "unknown key 'param'"],
    ['{"columns":{"":"phone"}}', 'empty'],
  ])('rejects %s', (text, fragment) => {
    const e = errorOf(() => loadMapping(text, 'm.json'));
    expect(e.code).toBe('fields.mapping');
    expect(e.message).toContain('m.json');
    expect(e.message).toContain(fragment);
  });
});

describe('profileColumns with a mapping', () => {
  const columns = ['tel', 'when', 'x'];
  const rows = Array.from({ length: 50 }, (_, i) => [
    `+39 333 12345${String(i).padStart(2, '0')}`,
    `03/0${(i % 9) + 1}/1985`,
    `v${i}`,
  ]);

  it('gives mapped columns confidence 1 and keeps inferred params unless overridden', () => {
    const mapping = loadMapping(
      '{"columns":{"when":{"kind":"date_of_birth","params":{"dateOrder":"mdy"}},"x":"username"}}',
      'm.json',
    );
    const [tel, when, x] = profileColumns(columns, rows, { mapping });
    expect(tel).toMatchObject({ kind: 'phone', params: { phoneRegion: 'IT' } });
    expect(tel!.mapped).toBeUndefined();
    expect(when).toMatchObject({
      kind: 'date_of_birth',
      confidence: 1,
      mapped: true,
      params: { dateOrder: 'mdy' },
    });
    expect(x).toMatchObject({ kind: 'username', confidence: 1, mapped: true });
  });

  it('gives mapped composite kinds their splits and names the mapping in the evidence', () => {
    const [, , x] = profileColumns(columns, rows, {
      mapping: { x: 'full_name' },
      mappingSource: 'shop.json',
    });
    expect(x).toMatchObject({
      kind: 'full_name',
      splits: ['first_name', 'last_name'],
      evidence: 'set by shop.json',
    });
  });

  it('matches column names case-insensitively when unambiguous', () => {
    const [tel] = profileColumns(columns, rows, { mapping: { TEL: 'text' } });
    expect(tel).toMatchObject({ kind: 'text', mapped: true });
  });

  it('rejects a mapping that names a column the sample lacks', () => {
    const e = errorOf(() =>
      profileColumns(columns, rows, { mapping: { phone: 'phone' }, mappingSource: 'm.json' }),
    );
    expect(e.message).toContain('m.json');
    expect(e.message).toContain("'phone'");
    expect(e.hint).toContain("'tel'");
  });
});
