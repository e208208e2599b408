/**
 * Does the first record of a delimited text name the columns? A header's cells are distinct
 * words that look like identifiers, and they differ in shape from the values below them
 * (no `@`, no digits-only); known column vocabulary settles the case where every value is a
 * word too (a file of names and cities).
 */

type Shape = 'empty' | 'number' | 'email' | 'date' | 'word' | 'other';

const WORD = /^[\p{L}_][\p{L}\p{N} _.\-#/()'&]*$/u;

function shapeOf(value: string): Shape {
  const v = value.trim();
  if (v.length === 0) return 'empty';
  if (/^[+-]?[\d\s]+(?:[.,]\d+)?$/.test(v)) return 'number';
  if (v.includes('@')) return 'email';
  if (/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(v)) return 'date';
  if (v.length <= 64 && WORD.test(v)) return 'word';
  return 'other';
}

// Whole tokens that name columns in the languages samples come in (en, it, fr, de, es, pt, nl).
const TOKENS = new Set(
  (
    'id uid guid key no nr num number code ref user username login nick nickname handle account name names ' +
    'first last middle surname family given full display nome cognome nom prenom nombre apellido apellidos ' +
    'vorname nachname naam voornaam achternaam email mail correo courriel phone tel telephone telefono ' +
    'telefone mobile mobil cell cellulare celular portable handy fax password passwd pass pwd pw hash salt ' +
    'secret address addr street road via rue strasse calle rua house civic city citta ville town stadt ' +
    'ciudad cidade ort zip zipcode postcode postal post cap plz cp country nation paese pays land pais ' +
    'state region province provincia county dob birth birthday birthdate born nascita naissance geburt ' +
    'geburtsdatum date data datum fecha created updated modified time timestamp registered last_login ' +
    'ip ipaddress gender sex sesso genre geschlecht sexo order orders ordine amount total price prezzo ' +
    'currency card iban company azienda title age status type note notes comment url website lang ' +
    'language locale vat ssn cf codice fiscale tax balance points role group level active enabled verified'
  ).split(' '),
);
const STEMS = [
  'mail',
  'phone',
  'name',
  'user',
  'pass',
  'addr',
  'birth',
  'street',
  'city',
  'country',
  'postal',
];

function tokensOf(cell: string): string[] {
  return cell
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** True when `cell` reads like a column name (`first_name`, `E-Mail`, `telefono`). */
export function isVocabularyName(cell: string): boolean {
  return tokensOf(cell).some((t) => TOKENS.has(t) || (t.length >= 4 && STEMS.some((s) => t.includes(s))));
}

/**
 * Decides whether `first` is a header, given up to a few hundred `below` records.
 * @example looksLikeHeader(['email', 'name'], [['a@b.c', 'Ann']]) // true
 */
export function looksLikeHeader(first: readonly string[], below: readonly (readonly string[])[]): boolean {
  const cells = first.map((c) => c.trim());
  const named = cells.filter((c) => c.length > 0);
  if (named.length === 0 || named.length < cells.length / 2) return false;
  const shapes = named.map(shapeOf);
  // Values (numbers, emails, dates) never name columns; odd punctuation may, in a minority.
  if (shapes.some((s) => s === 'number' || s === 'email' || s === 'date')) return false;
  if (shapes.filter((s) => s !== 'word').length * 3 > named.length) return false;
  if (new Set(named.map((c) => c.toLowerCase())).size !== named.length) return false;
  const vocabulary = named.filter(isVocabularyName).length;
  let differing = 0;
  for (let j = 0; j < cells.length; j++) {
    const cell = cells[j]!;
    const values = below.map((r) => (r[j] ?? '').trim()).filter((v) => v.length > 0);
    if (values.length === 0) continue;
    // A header cell repeated as a value of its own column is data (`M`, `Italy`, `active`).
    if (cell.length > 0 && values.includes(cell)) return false;
    const nonWords = values.filter((v) => shapeOf(v) !== 'word').length;
    if (nonWords >= values.length / 2) differing++;
  }
  if (below.length === 0) return vocabulary >= Math.max(1, Math.ceil(named.length / 2));
  return differing >= 1 || vocabulary >= Math.max(1, Math.ceil(named.length / 3));
}
