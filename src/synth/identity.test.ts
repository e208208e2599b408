import { describe, expect, it } from 'vitest';
import { asciiName, emailFor, houseUsername, SeenFilter } from './identity.js';
import { Random } from './random.js';

describe('asciiName', () => {
  it('folds names the way people type them into addresses', () => {
    expect(asciiName("D'Angelo")).toBe('dangelo');
    expect(asciiName('De Luca')).toBe('deluca');
    expect(asciiName('Müller', 'DE')).toBe('mueller');
    expect(asciiName('Müller', 'FR')).toBe('muller');
    expect(asciiName('Weiß', 'DE')).toBe('weiss');
    expect(asciiName('Yılmaz')).toBe('yilmaz');
    expect(asciiName('García Márquez')).toBe('garciamarquez');
    expect(asciiName("van 't Hof")).toBe('vanthof');
  });
});

describe('emailFor and houseUsername', () => {
  const person = {
    firstName: 'María José',
    lastName: 'García Márquez',
    primarySurname: 'García',
    birthYear: 1984,
    country: 'ES' as const,
  };

  it('builds addresses and usernames from the name, adding numbers when taken', () => {
    const rng = new Random(1);
    for (let i = 0; i < 200; i++) {
      const email = emailFor(person, 'gmail.com', rng, i % 6);
      expect(email).toMatch(/^[a-z0-9._+-]+@gmail\.com$/);
      expect(email.includes('maria') || email.includes('garcia')).toBe(true);
      expect(email).not.toContain('marquez');
      if (i % 6 >= 2) expect(email.split('@')[0]).toMatch(/\d/);
    }
    expect(houseUsername(person, rng, 0)).toMatch(/^mgarcia\d{2}$/);
    expect(houseUsername(person, rng, 7)).toMatch(/^mgarcia\d{4}$/);
  });
});

describe('SeenFilter', () => {
  it('never forgets and rarely cries wolf at its rated size', () => {
    const filter = new SeenFilter(200_000);
    let falseAlarms = 0;
    for (let i = 0; i < 200_000; i++) if (!filter.add(`user${i}@example.com`)) falseAlarms++;
    expect(falseAlarms / 200_000).toBeLessThan(0.005);
    for (let i = 0; i < 1000; i++) expect(filter.add(`user${i}@example.com`)).toBe(false);
  });
});
