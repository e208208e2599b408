import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName, splitFullName } from './name.js';

describe('normalizeName', () => {
  it.each([
    ['Müller-Lüdenscheidt', 'muller ludenscheidt'],
    ['  GARCÍA   MÁRQUEZ ', 'garcia marquez'],
    ["O'Brien", 'o brien'],
    ['D’Angelo', 'd angelo'],
    ['Strauß', 'strauss'],
    ['Ærøskøbing', 'aeroskobing'],
    ['Łukasz Żółć', 'lukasz zolc'],
    ['Đorđević', 'dordevic'],
    ['François', 'francois'],
    ['Ｍａｒｉｏ', 'mario'],
    ['Nuñez', 'nunez'],
    ['Ωμέγα', 'ωμεγα'],
  ])('%j → %j', (raw, value) => {
    expect(normalizeName(raw)).toMatchObject({ ok: true, value });
  });

  it('offers keys without particles, sorted, first word and compact', () => {
    expect(normalizeName('van der Berg')).toEqual({
      ok: true,
      value: 'van der berg',
      keys: { exact: 'van der berg', bare: 'berg', sorted: 'berg', first: 'berg', compact: 'vanderberg' },
    });
    expect(normalizeName('García Márquez')).toMatchObject({
      keys: { sorted: 'garcia marquez', first: 'garcia' },
    });
    expect(normalizeName('Márquez García')).toMatchObject({
      keys: { sorted: 'garcia marquez', first: 'marquez' },
    });
    expect(normalizeName('De Luca').ok && normalizeName('DeLuca').ok).toBe(true);
    const a = normalizeName('De Luca');
    const b = normalizeName('DeLuca');
    expect(a.ok && b.ok && a.keys?.compact === b.keys?.compact).toBe(true);
  });

  it('rejects values without letters', () => {
    expect(normalizeName('12345')).toEqual({ ok: false, reason: 'no letters' });
    expect(normalizeName(' -- ')).toEqual({ ok: false, reason: 'no letters' });
  });

  it('gives the same canonical form to the same name written differently', () => {
    const variants = ['José María', 'JOSE MARIA', 'josé-maría', ' José  María '];
    const values = new Set(variants.map((v) => (normalizeName(v) as { value: string }).value));
    expect([...values]).toEqual(['jose maria']);
  });

  it('is insensitive to case of any Latin-1 or Latin Extended-A letter', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0xc0, max: 0x17f }).map((c) => String.fromCharCode(c)) }),
        (s) => {
          const lower = normalizeName(s.toLowerCase());
          const upper = normalizeName(s.toUpperCase());
          if (lower.ok && upper.ok) expect(upper.value).toBe(lower.value);
        },
      ),
    );
  });
});

describe('splitFullName', () => {
  it.each([
    ['Mario Rossi', 'mario', 'rossi', 'mario rossi'],
    ['Rossi, Mario', 'mario', 'rossi', 'mario rossi'],
    ['MARIO ROSSI', 'mario', 'rossi', 'mario rossi'],
    ['ROSSI Mario', 'mario', 'rossi', 'mario rossi'],
    ['Jean DUPONT', 'jean', 'dupont', 'jean dupont'],
    ['Dr. Mario Rossi Jr.', 'mario', 'rossi', 'mario rossi'],
    ['Dott.ssa Giulia Bianchi', 'giulia', 'bianchi', 'giulia bianchi'],
    ['Mme Claire Lefèvre', 'claire', 'lefevre', 'claire lefevre'],
    ['Herr Hans Müller', 'hans', 'muller', 'hans muller'],
    ['Sra. María García', 'maria', 'garcia', 'maria garcia'],
    ['Mario Alberto Rossi Bianchi', 'mario alberto', 'rossi bianchi', 'mario alberto rossi bianchi'],
    ['García Márquez, Gabriel', 'gabriel', 'garcia marquez', 'gabriel garcia marquez'],
    ['Maria de la Cruz', 'maria', 'de la cruz', 'maria de la cruz'],
    ['Ludwig van Beethoven', 'ludwig', 'van beethoven', 'ludwig van beethoven'],
    ['Jean-Pierre Dupont', 'jean pierre', 'dupont', 'jean pierre dupont'],
    ["Gianluca D'Angelo", 'gianluca', 'd angelo', 'gianluca d angelo'],
    ['Smith, John, Jr.', 'john', 'smith', 'john smith'],
  ])('%j → first %j, last %j', (raw, first_name, last_name, value) => {
    expect(splitFullName(raw)).toMatchObject({ ok: true, value, parts: { first_name, last_name } });
  });

  it('moves middle initials to the middle key and out of the value', () => {
    expect(splitFullName('John Q. Public')).toMatchObject({
      value: 'john public',
      parts: { first_name: 'john', last_name: 'public' },
      keys: { middle: 'q' },
    });
    expect(splitFullName('Public, John Q.')).toMatchObject({ value: 'john public', keys: { middle: 'q' } });
  });

  it('reads three plain words as first, middle, last', () => {
    expect(splitFullName('John Michael Smith')).toMatchObject({
      value: 'john michael smith',
      parts: { first_name: 'john', last_name: 'smith' },
      keys: { middle: 'michael' },
    });
  });

  it('keeps a lone word without splitting it', () => {
    const n = splitFullName('Madonna');
    expect(n).toMatchObject({ ok: true, value: 'madonna' });
    expect(n.ok && n.parts).toBeUndefined();
  });

  it('does not take a first name for a title', () => {
    expect(splitFullName('Don Johnson')).toMatchObject({
      parts: { first_name: 'don', last_name: 'johnson' },
    });
    expect(splitFullName('Dr. Who')).toMatchObject({ value: 'who' });
  });
});
