import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCompany, otherPlatform } from '../synth/index.js';
import {
  handleRelatesToName,
  handleTemplate,
  namePartsOf,
  nameVariants,
  otherNameIn,
} from './name-derivation.js';
import { fitsUsernameProfile, learnUsernameProfile, usernameShape } from './username-profile.js';

describe('name derivation', () => {
  it('folds names the ways handles write them', () => {
    expect(nameVariants('Müller')).toEqual(expect.arrayContaining(['muller', 'mueller']));
    expect(nameVariants('García Rodríguez')).toEqual(expect.arrayContaining(['garciarodriguez', 'garcia']));
    expect(nameVariants(undefined)).toEqual([]);
  });

  it('reads handles as templates over the name', () => {
    const mario = namePartsOf('Mario', 'Rossi');
    expect(handleTemplate('mrossi84', mario)).toBe('{f}{last}##');
    expect(handleTemplate('mario.rossi', mario)).toBe('{first}.{last}');
    expect(handleTemplate('Mario_Rossi12', mario)).toBe('{first}_{last}##');
    expect(handleTemplate('rossimario', mario)).toBe('{last}{first}');
    expect(handleTemplate('sunshine84', mario)).toBeNull();
    expect(handleTemplate('hschneide07', namePartsOf('Hans', 'Schneider'))).toBe('{f}{last-}##');
    expect(handleTemplate('jmueller', namePartsOf('Jürgen', 'Müller'))).toBe('{f}{last}');
  });

  it('tells handles of the row’s own name from handles built from another name', () => {
    const own = namePartsOf('Lourdes', 'Delapaz Pagan');
    const firsts = new Set(['oscar', 'lourdes', 'maria']);
    const lasts = new Set(['perez', 'delapaz', 'pagan']);
    expect(handleRelatesToName('lourdes.d', own)).toBe(true);
    expect(otherNameIn('oscar.perez77', own, firsts, lasts)).toBe('{first}.{last}');
    expect(otherNameIn('oscarperez', own, firsts, lasts)).toBe('{first}{last}');
    expect(otherNameIn('operez', own, firsts, lasts)).toBe('{f}{last}');
    expect(otherNameIn('sunshine84', own, firsts, lasts)).toBeNull();
    expect(otherNameIn('ldelapaz', own, firsts, lasts)).toBeNull();
  });

  it('never throws and stays fast on hostile handles', () => {
    const names = namePartsOf('Anna', 'Annanas');
    const started = performance.now();
    expect(handleTemplate('anna'.repeat(16), names)).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(200);
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (h, f, l) => {
          const parts = namePartsOf(f, l);
          handleTemplate(h, parts);
          handleRelatesToName(h, parts);
          otherNameIn(h, parts, new Set([f.toLowerCase()]), new Set([l.toLowerCase()]));
        },
      ),
    );
  });
});

describe('username profile', () => {
  const company = generateCompany({ seed: 11, customers: 4000 });
  const customers = [...company.customers()];
  const profile = learnUsernameProfile(
    customers.map((c) => ({ username: c.username, firstName: c.first_name, lastName: c.last_name })),
  );

  it('learns the house style: lower case, initial + surname + two digits', () => {
    expect(usernameShape('mrossi84')).toBe('a9');
    expect(usernameShape('Noemi.Capogna')).toBe('Aa.Aa');
    expect(profile.lowercaseShare).toBe(1);
    expect(profile.digitSuffixShare).toBe(1);
    expect(profile.suffixWidths['2']).toBeGreaterThan(0.9);
    expect(profile.shapes[0]).toMatchObject({ pattern: 'a9' });
    expect(profile.templates?.[0]?.template).toBe('{f}{last}##');
    expect(profile.templates?.[0]?.share).toBeGreaterThan(0.8);
  });

  it('accepts our usernames and rejects another platform’s', () => {
    const ours = customers
      .slice(0, 500)
      .filter((c) =>
        fitsUsernameProfile(profile, c.username, { firstName: c.first_name, lastName: c.last_name }),
      );
    expect(ours.length / 500).toBeGreaterThan(0.95);
    const theirs = otherPlatform(company, { n: 600, seed: 4 });
    const [u, f, l] = ['username', 'first_name', 'last_name'].map((k) => theirs.fields.indexOf(k as never));
    const fitting = theirs.rows.filter((r) =>
      fitsUsernameProfile(profile, r[u!]!, { firstName: r[f!] ?? undefined, lastName: r[l!] ?? undefined }),
    );
    expect(fitting.length / theirs.rows.length).toBeLessThan(0.05);
  });

  it('serialises without usernames', () => {
    const json = JSON.stringify(profile);
    for (const c of customers.slice(0, 100)) expect(json).not.toContain(c.username);
  });
});
