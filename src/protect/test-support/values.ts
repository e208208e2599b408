/** Realistic normalised test values: deterministic Faker names, streets and cities in four locales. */
import { fakerDE, fakerEN_US, fakerFR, fakerIT } from '@faker-js/faker';

export interface PersonValues {
  readonly first_name: string;
  readonly last_name: string;
  readonly full_name: string;
  readonly street: string;
  readonly city: string;
}

/** Lowercase, accents stripped, punctuation to spaces: roughly what the field normalisers produce. */
export function roughNormalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function people(count: number, seed = 42): PersonValues[] {
  const fakers = [fakerEN_US, fakerDE, fakerFR, fakerIT];
  for (const [i, f] of fakers.entries()) f.seed(seed + i);
  return Array.from({ length: count }, (_, i) => {
    const f = fakers[i % fakers.length]!;
    const first = roughNormalize(f.person.firstName());
    const last = roughNormalize(f.person.lastName());
    return {
      first_name: first,
      last_name: last,
      full_name: `${first} ${last}`,
      street: roughNormalize(f.location.streetAddress()),
      city: roughNormalize(f.location.city()),
    };
  });
}
