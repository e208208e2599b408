import { createHash, randomUUID } from 'node:crypto';
import { fakerDE, fakerES, fakerFR, fakerIT, fakerEN_US as fakerUS } from '@faker-js/faker';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, FIELD_KINDS, type FieldKind } from '../core/types.js';
import { profileColumns } from './infer.js';

/** A seeded generator so every run sees the same "realistic" sample. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Gen = (r: () => number, i: number) => string | null;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const digits = (r: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const pad = (x: number, n = 2): string => String(x).padStart(n, '0');
const between = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function dob(r: () => number, order: 'dmy' | 'mdy' | 'ymd', sep: string): string {
  const [y, m, d] = [between(r, 1940, 2004), between(r, 1, 12), between(r, 1, 28)];
  if (order === 'ymd') return `${y}${sep}${pad(m)}${sep}${pad(d)}`;
  return order === 'dmy' ? `${pad(d)}${sep}${pad(m)}${sep}${y}` : `${pad(m)}${sep}${pad(d)}${sep}${y}`;
}
const timestamp = (r: () => number): string =>
  `202${between(r, 1, 4)}-${pad(between(r, 1, 12))}-${pad(between(r, 1, 28))} ${pad(between(r, 0, 23))}:${pad(between(r, 0, 59))}:${pad(between(r, 0, 59))}`;

// Real first names and surnames, some of which are not in the faker lists the detector uses.
const IT_FIRST = [
  'Giuseppe',
  'Francesca',
  'Alessandro',
  'Chiara',
  'Lorenzo',
  'Giulia',
  'Matteo',
  'Sofia',
  'Davide',
  'Martina',
];
const IT_LAST = [
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
];
const name = (r: () => number, f: readonly string[], gen: () => string): string =>
  r() < 0.3 ? pick(r, f) : gen();

const email = (r: () => number, first: string, last: string): string =>
  `${first}.${last}${r() < 0.5 ? between(r, 1, 99) : ''}@${pick(r, ['gmail.com', 'libero.it', 'yahoo.fr', 'gmx.de', 'hotmail.es', 'outlook.com'])}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f\s']/g, '');

interface Golden {
  readonly name: string;
  readonly columns: readonly (readonly [string, FieldKind, Gen])[];
  readonly rows?: number;
}

const itPhone: Gen = (r) =>
  pick(r, [
    `3${between(r, 20, 49)} ${digits(r, 7)}`,
    `+39 3${between(r, 20, 49)} ${digits(r, 3)} ${digits(r, 4)}`,
    `3${between(r, 20, 49)}${digits(r, 7)}`,
  ]);
const frPhone: Gen = (r) =>
  pick(r, [
    `06 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    `+33 7 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  ]);
const dePhone: Gen = (r) =>
  pick(r, [`0151 ${digits(r, 8)}`, `+49 171 ${digits(r, 7)}`, `0176 ${digits(r, 8)}`]);
const esPhone: Gen = (r) =>
  pick(r, [`6${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`, `+34 6${digits(r, 8)}`]);
const usPhone: Gen = (r) =>
  `(${pick(r, ['212', '415', '312', '617'])}) ${between(r, 200, 899)}-${digits(r, 4)}`;

const GOLDEN: readonly Golden[] = [
  {
    name: 'Italian shop export',
    columns: [
      ['nome', 'first_name', (r) => name(r, IT_FIRST, () => fakerIT.person.firstName())],
      ['cognome', 'last_name', (r) => name(r, IT_LAST, () => fakerIT.person.lastName())],
      ['codice fiscale', 'national_id', (r) => `RSSMRA${digits(r, 2)}A${digits(r, 2)}H${digits(r, 3)}Z`],
      ['email', 'email', (r) => email(r, fakerIT.person.firstName(), fakerIT.person.lastName())],
      ['cellulare', 'phone', itPhone],
      ['data di nascita', 'date_of_birth', (r) => dob(r, 'dmy', '/')],
      [
        'indirizzo',
        'street',
        (r) =>
          `${pick(r, ['Via', 'Viale', 'Piazza', 'Corso'])} ${fakerIT.person.lastName()} ${between(r, 1, 200)}`,
      ],
      ['cap', 'postcode', (r) => pad(between(r, 100, 98168), 5)],
      ['città', 'city', () => fakerIT.location.city()],
      ['provincia', 'region', (r) => pick(r, ['MI', 'RM', 'TO', 'NA', 'BO', 'FI', 'BA', 'PA', 'VE', 'GE'])],
    ],
  },
  {
    name: 'French customer list',
    columns: [
      ['prénom', 'first_name', () => fakerFR.person.firstName()],
      ['nom', 'last_name', () => fakerFR.person.lastName()],
      ['courriel', 'email', (r) => email(r, fakerFR.person.firstName(), fakerFR.person.lastName())],
      ['téléphone', 'phone', frPhone],
      ['date de naissance', 'date_of_birth', (r) => dob(r, 'dmy', '/')],
      [
        'adresse',
        'street',
        (r) =>
          `${between(r, 1, 120)} ${pick(r, ['rue', 'avenue', 'boulevard'])} ${fakerFR.person.lastName()}`,
      ],
      ['code postal', 'postcode', (r) => pad(between(r, 1000, 95999), 5)],
      ['ville', 'city', () => fakerFR.location.city()],
    ],
  },
  {
    name: 'German CRM export',
    columns: [
      ['Vorname', 'first_name', () => fakerDE.person.firstName()],
      ['Nachname', 'last_name', () => fakerDE.person.lastName()],
      ['E-Mail', 'email', (r) => email(r, fakerDE.person.firstName(), fakerDE.person.lastName())],
      ['Telefon', 'phone', dePhone],
      ['Geburtstag', 'date_of_birth', (r) => dob(r, 'dmy', '.')],
      [
        'Straße',
        'street',
        (r) =>
          `${pick(r, ['Haupt', 'Bahnhof', 'Garten', 'Schiller'])}${pick(r, ['straße', 'str.', 'weg'])} ${between(r, 1, 99)}`,
      ],
      ['PLZ', 'postcode', (r) => pad(between(r, 1067, 99998), 5)],
      ['Ort', 'city', () => fakerDE.location.city()],
    ],
  },
  {
    name: 'Spanish orders',
    columns: [
      ['nombre', 'first_name', () => fakerES.person.firstName()],
      ['apellidos', 'last_name', () => fakerES.person.lastName()],
      ['correo', 'email', (r) => email(r, fakerES.person.firstName(), fakerES.person.lastName())],
      ['móvil', 'phone', esPhone],
      ['fecha de nacimiento', 'date_of_birth', (r) => dob(r, 'dmy', '/')],
      [
        'dirección',
        'street',
        (r) => `${pick(r, ['Calle', 'Avenida', 'C/'])} ${fakerES.person.lastName()} ${between(r, 1, 150)}`,
      ],
      ['código postal', 'postcode', (r) => pad(between(r, 1001, 52080), 5)],
      ['ciudad', 'city', () => fakerES.location.city()],
      ['número de pedido', 'order_id', (_r, i) => `PED-${2023}-${pad(i + 1, 6)}`],
      ['importe', 'amount', (r) => `${between(r, 5, 900)},${pad(between(r, 0, 99))}`],
    ],
  },
  {
    name: 'English breach dump',
    columns: [
      ['id', 'internal_id', (_r, i) => String(100000 + i)],
      [
        'username',
        'username',
        (r) => `${fakerUS.person.firstName().toLowerCase()}${pick(r, ['_', '.', ''])}${between(r, 1, 999)}`,
      ],
      ['email', 'email', (r) => email(r, fakerUS.person.firstName(), fakerUS.person.lastName())],
      [
        'password_hash',
        'password_hash',
        (r) =>
          `$2y$10$${Array.from({ length: 53 }, () => pick(r, [...'./ABCDEFGHIJabcdefghij0123456789'])).join('')}`,
      ],
      ['full_name', 'full_name', () => fakerUS.person.fullName({ firstName: fakerUS.person.firstName() })],
      ['dob', 'date_of_birth', (r) => dob(r, 'mdy', '/')],
      ['phone', 'phone', usPhone],
      [
        'last_login_ip',
        'ip',
        (r) => `${between(r, 1, 223)}.${between(r, 0, 255)}.${between(r, 0, 255)}.${between(r, 1, 254)}`,
      ],
      ['created_at', 'date', timestamp],
      ['country', 'country', (r) => pick(r, ['US', 'US', 'US', 'CA', 'GB'])],
      ['state', 'region', (r) => pick(r, ['CA', 'NY', 'TX', 'FL', 'WA', 'IL', 'MA'])],
      ['zip', 'postcode', (r) => pad(between(r, 1001, 99950), 5)],
    ],
  },
  {
    name: 'headerless columns typed from values',
    columns: [
      ['col_1', 'email', (r) => email(r, fakerIT.person.firstName(), fakerIT.person.lastName())],
      ['col_2', 'phone', (r) => `+39 3${between(r, 20, 49)} ${digits(r, 7)}`],
      ['col_3', 'full_name', () => `${fakerIT.person.firstName()} ${fakerIT.person.lastName()}`],
      [
        'col_4',
        'ip',
        (r) => `${between(r, 1, 223)}.${between(r, 0, 255)}.${between(r, 0, 255)}.${between(r, 1, 254)}`,
      ],
      ['col_5', 'date_of_birth', (r) => dob(r, 'ymd', '-')],
      [
        'col_6',
        'password_hash',
        (r) => Array.from({ length: 32 }, () => pick(r, [...'0123456789abcdef'])).join(''),
      ],
      ['col_7', 'order_id', (_r, i) => `ORD-2023-${pad(i + 1, 6)}`],
      ['col_8', 'amount', (r) => `${between(r, 5, 900)}.${pad(between(r, 0, 99))}`],
      ['col_9', 'country', (r) => pick(r, ['Italia', 'Italia', 'Francia', 'Germania'])],
      ['col_10', 'card_number', (r) => luhnComplete(`4${digits(r, 14)}`)],
      ['col_11', 'internal_id', (_r, i) => `CUST-${pad(i + 1, 6)}`],
      ['col_12', 'date', timestamp],
      ['col_13', 'gender', (r) => pick(r, ['M', 'F'])],
      ['col_14', 'street', (r) => `Via ${fakerIT.person.lastName()} ${between(r, 1, 200)}`],
      [
        'col_15',
        'address',
        (r) =>
          `Via ${fakerIT.person.lastName()} ${between(r, 1, 200)}, ${pad(between(r, 100, 98168), 5)} ${fakerIT.location.city()}`,
      ],
    ],
  },
  {
    name: 'misleading headers',
    columns: [
      ['telefono', 'email', (r) => email(r, fakerIT.person.firstName(), fakerIT.person.lastName())],
      ['notes', 'phone', itPhone],
      ['id', 'email', (r) => email(r, fakerUS.person.firstName(), fakerUS.person.lastName())],
      ['name', 'first_name', () => fakerUS.person.firstName()],
      ['data', 'date_of_birth', (r) => dob(r, 'dmy', '/')],
      ['field', 'ip', (r) => `10.${between(r, 0, 255)}.${between(r, 0, 255)}.${between(r, 1, 254)}`],
    ],
  },
  {
    name: 'Italian ERP with one-line addresses',
    columns: [
      [
        'nominativo',
        'full_name',
        () => `${fakerIT.person.lastName().toUpperCase()} ${fakerIT.person.firstName().toUpperCase()}`,
      ],
      [
        'indirizzo',
        'address',
        (r) =>
          `Via ${fakerIT.person.lastName()} ${between(r, 1, 90)}, ${pad(between(r, 10, 98168), 5)} ${pick(r, ['Roma', 'Milano', 'Torino', 'Bari'])} (${pick(r, ['RM', 'MI', 'TO', 'BA'])})`,
      ],
      ['telefono', 'phone', (r) => `0${pick(r, ['6', '2', '11', '81'])} ${digits(r, 4)} ${digits(r, 4)}`],
      ['sesso', 'gender', (r) => pick(r, ['M', 'F'])],
      [
        'data registrazione',
        'date',
        (r) =>
          `${pad(between(r, 1, 28))}/${pad(between(r, 1, 12))}/202${between(r, 0, 4)} ${pad(between(r, 0, 23))}:${pad(between(r, 0, 59))}`,
      ],
      ['importo', 'amount', (r) => `${between(r, 1, 9)}.${between(r, 100, 999)},${pad(between(r, 0, 99))} €`],
      ['n. ordine', 'order_id', (_r, i) => String(20230000 + i * 7)],
      ['valuta', 'currency', () => 'EUR'],
      ['regione', 'region', (r) => pick(r, ['Lazio', 'Lombardia', 'Piemonte', 'Puglia', 'Campania'])],
    ],
  },
  {
    name: 'French marketplace',
    columns: [
      ['nom complet', 'full_name', () => `${fakerFR.person.firstName()} ${fakerFR.person.lastName()}`],
      ['portable', 'phone', (r) => `+33 6 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`],
      ['pays', 'country', (r) => pick(r, ['France', 'France', 'Belgique', 'Suisse'])],
      [
        'adresse IP',
        'ip',
        (r) => `2a01:cb00:${between(r, 100, 999)}:${between(r, 1000, 9999)}::${between(r, 1, 99)}`,
      ],
      [
        'mot de passe',
        'password',
        (r) =>
          pick(r, [
            'azerty',
            'soleil',
            '123456',
            `Chouette${between(r, 1, 99)}!`,
            `doudou${between(r, 1, 99)}`,
          ]),
      ],
      [
        'identifiant',
        'username',
        (r) =>
          `${fakerFR.person
            .firstName()
            .toLowerCase()
            .replace(/[^a-z]/g, '')}${between(r, 1, 99)}`,
      ],
      ['montant', 'amount', (r) => `${between(r, 5, 400)},${pad(between(r, 0, 99))}`],
      ['devise', 'currency', (r) => pick(r, ['EUR', 'EUR', 'CHF'])],
      [
        'date de commande',
        'date',
        (r) => `202${between(r, 2, 4)}-${pad(between(r, 1, 12))}-${pad(between(r, 1, 28))}`,
      ],
    ],
  },
  {
    name: 'German webshop',
    columns: [
      ['Kundennummer', 'internal_id', (_r, i) => `K-${pad(i + 1, 6)}`],
      [
        'Benutzername',
        'username',
        (r) =>
          `${fakerDE.person
            .lastName()
            .toLowerCase()
            .replace(/[^a-z]/g, '')}_${between(r, 1, 999)}`,
      ],
      ['Passwort-Hash', 'password_hash', (_r, i) => createHash('sha1').update(`pw${i}`).digest('hex')],
      ['Geschlecht', 'gender', (r) => pick(r, ['männlich', 'weiblich', 'divers'])],
      [
        'Bundesland',
        'region',
        (r) => pick(r, ['Bayern', 'Berlin', 'Hessen', 'Sachsen', 'Nordrhein-Westfalen']),
      ],
      ['Land', 'country', (r) => pick(r, ['Deutschland', 'Österreich'])],
      ['Handynummer', 'phone', (r) => `+49 1${pick(r, ['51', '60', '70', '76'])} ${digits(r, 7)}`],
      ['Bestellnummer', 'order_id', (_r, i) => `BE-${2024}-${pad(i + 11, 5)}`],
      ['Betrag', 'amount', (r) => `${between(r, 1, 300)},${pad(between(r, 0, 99))}`],
      ['Währung', 'currency', () => 'EUR'],
      [
        'IP-Adresse',
        'ip',
        (r) => `${between(r, 80, 95)}.${between(r, 0, 255)}.${between(r, 0, 255)}.${between(r, 1, 254)}`,
      ],
      [
        'Anschrift',
        'address',
        (r) =>
          `${pick(r, ['Hauptstraße', 'Lindenweg', 'Am Markt'])} ${between(r, 1, 60)}, ${pad(between(r, 1067, 99998), 5)} ${pick(r, ['Berlin', 'München', 'Köln', 'Hamburg'])}`,
      ],
    ],
  },
  {
    name: 'Spanish telecom',
    columns: [
      ['DNI', 'national_id', (r) => `${digits(r, 8)}${pick(r, [...'TRWAGMYFPDXBNJZSQVHLCKE'])}`],
      [
        'usuario',
        'username',
        (r) =>
          `${fakerES.person
            .firstName()
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z]/g, '')}.${between(r, 1, 99)}`,
      ],
      [
        'contraseña',
        'password_hash',
        (r) =>
          `$2b$10$${Array.from({ length: 53 }, () => pick(r, [...'./ABCDEFabcdef0123456789'])).join('')}`,
      ],
      [
        'provincia',
        'region',
        (r) => pick(r, ['Álava', 'Asturias', 'Cantabria', 'Barcelona', 'Badajoz', 'Burgos']),
      ],
      ['país', 'country', () => 'España'],
      ['tarjeta', 'card_number', (r) => luhnComplete(`4${digits(r, 14)}`).replace(/(\d{4})(?=\d)/g, '$1-')],
      ['sexo', 'gender', (r) => pick(r, ['hombre', 'mujer'])],
      [
        'teléfono',
        'phone',
        (r) => `9${between(r, 1, 8)}${digits(r, 1)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
      ],
    ],
  },
  {
    name: 'UK retailer',
    columns: [
      ['title', 'gender', (r) => pick(r, ['Mr', 'Mrs', 'Ms', 'Miss'])],
      ['forename', 'first_name', () => fakerUS.person.firstName()],
      ['surname', 'last_name', () => fakerUS.person.lastName()],
      [
        'postcode',
        'postcode',
        (r) =>
          `${pick(r, ['SW1A', 'M1', 'B33', 'LS6', 'EC1V', 'G2'])} ${between(r, 1, 9)}${pick(r, ['AA', 'BD', 'XY', 'NP'])}`,
      ],
      ['county', 'region', (r) => pick(r, ['Bedfordshire', 'Berkshire', 'Cumbria', 'Devon', 'Kent'])],
      ['mobile', 'phone', (r) => `07${between(r, 400, 999)} ${digits(r, 6)}`],
      ['order_ref', 'order_id', (_r, i) => `#${1001 + i}`],
      ['total', 'amount', (r) => `£${between(r, 1, 400)}.${pad(between(r, 0, 99))}`],
      ['card', 'card_number', (r) => `**** **** **** ${digits(r, 4)}`],
      [
        'signup_date',
        'date',
        (r) =>
          `${between(r, 2019, 2024)}-${pad(between(r, 1, 12))}-${pad(between(r, 1, 28))}T${pad(between(r, 0, 23))}:${pad(between(r, 0, 59))}:00Z`,
      ],
    ],
  },
  {
    name: 'flattened JSON export',
    columns: [
      ['user.id', 'internal_id', () => faker4()],
      ['user.name', 'full_name', () => `${fakerUS.person.firstName()} ${fakerUS.person.lastName()}`],
      ['user.email', 'email', (r) => email(r, fakerUS.person.firstName(), fakerUS.person.lastName())],
      [
        'address.street',
        'street',
        (r) => `${between(r, 1, 9999)} ${fakerUS.person.lastName()} ${pick(r, ['St', 'Ave', 'Rd', 'Blvd'])}`,
      ],
      ['address.postalCode', 'postcode', (r) => `${pad(between(r, 1001, 99950), 5)}-${digits(r, 4)}`],
      [
        'address.city',
        'city',
        (r) => pick(r, ['New York', 'Chicago', 'Houston', 'Austin', 'Seattle', 'Denver']),
      ],
      ['address.country', 'country', () => 'US'],
      ['createdAt', 'date', (r) => String(1_650_000_000_000 + between(r, 0, 60_000_000) * 1000)],
      [
        'lastLoginIp',
        'ip',
        (r) => `${between(r, 1, 223)}.${between(r, 0, 255)}.${between(r, 0, 255)}.${between(r, 1, 254)}`,
      ],
    ],
  },
  {
    name: 'more misleading headers',
    columns: [
      ['email', 'username', (r) => `${fakerUS.person.firstName().toLowerCase()}_${between(r, 1, 999)}`],
      ['password', 'password_hash', (_r, i) => createHash('md5').update(`x${i}`).digest('hex')],
      ['nome', 'full_name', () => `${fakerIT.person.firstName()} ${fakerIT.person.lastName()}`],
      ['zip', 'amount', (r) => `${between(r, 1, 400)}.${pad(between(r, 0, 99))}`],
      ['phone', 'date', timestamp],
    ],
  },
];

const faker4 = (): string => randomUUID();

function luhnComplete(body: string): string {
  for (let d = 0; d < 10; d++) {
    const s = body + d;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let x = +s[s.length - 1 - i]!;
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return s;
  }
  return body;
}

function build(g: Golden, seed = 7): { columns: string[]; rows: Cell[][] } {
  const r = rng(seed);
  for (const f of [fakerIT, fakerFR, fakerDE, fakerES, fakerUS]) f.seed(seed);
  const n = g.rows ?? 400;
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) rows.push(g.columns.map(([, , gen]) => (r() < 0.03 ? '' : gen(r, i))));
  return { columns: g.columns.map(([h]) => h), rows };
}

describe('profileColumns on golden samples', () => {
  let correct = 0;
  let total = 0;
  for (const g of GOLDEN) {
    it(g.name, () => {
      const { columns, rows } = build(g);
      const profiles = profileColumns(columns, rows, { defaultRegion: 'IT' });
      const got = profiles.map((p) => `${p.name}=${p.kind}`);
      const want = g.columns.map(([h, kind]) => `${h}=${kind}`);
      for (let i = 0; i < want.length; i++) if (got[i] === want[i]) correct++;
      total += want.length;
      expect(got).toEqual(want);
      for (const p of profiles) {
        expect(p.confidence).toBeGreaterThanOrEqual(0);
        expect(p.confidence).toBeLessThanOrEqual(1);
        expect(p.evidence.length).toBeGreaterThan(0);
      }
    });
  }
  it('reports accuracy', () => {
    console.log(`golden accuracy: ${correct}/${total}`);
    expect(correct).toBe(total);
  });
});

const rowsOf = (n: number, f: (i: number) => Cell[]): Cell[][] => Array.from({ length: n }, (_, i) => f(i));

describe('name columns', () => {
  const first = ['Hans', 'Ursula', 'Jürgen', 'Monika', 'Stefan', 'Petra', 'Klaus', 'Sabine'];
  const last = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker'];

  it('reads German Name next to Vorname as the surname', () => {
    const rows = rowsOf(100, (i) => [first[i % 8]!, last[(i * 3) % 8]!]);
    const [vorname, name] = profileColumns(['Vorname', 'Name'], rows);
    expect(vorname!.kind).toBe('first_name');
    expect(name!.kind).toBe('last_name');
    expect(name!.evidence).toContain('first-name column');
  });

  it('reads name as a full name over two words and as a first name over one', () => {
    const full = profileColumns(
      ['name'],
      rowsOf(100, (i) => [`${first[i % 8]} ${last[(i * 5) % 8]}`]),
    )[0]!;
    expect(full).toMatchObject({ kind: 'full_name', splits: ['first_name', 'last_name'] });
    const single = profileColumns(
      ['name'],
      rowsOf(100, (i) => [first[i % 8]!]),
    )[0]!;
    expect(single.kind).toBe('first_name');
    expect(single.splits).toBeUndefined();
  });

  it('reads a first-name header over full names as a full name', () => {
    const p = profileColumns(
      ['nome'],
      rowsOf(100, (i) => [`${first[i % 8]} ${last[(i * 5) % 8]}`]),
    )[0]!;
    expect(p.kind).toBe('full_name');
  });
});

describe('header and value evidence', () => {
  const emails = rowsOf(200, (i) => [`user${i}@example.com`]);

  it('lowers confidence when values contradict the header, and says so', () => {
    const agree = profileColumns(['email'], emails)[0]!;
    const contradict = profileColumns(['telefono'], emails)[0]!;
    expect(contradict.kind).toBe('email');
    expect(contradict.confidence).toBeLessThan(agree.confidence);
    expect(contradict.evidence).toContain('header suggests phone');
  });

  it('keeps a header-only guess at low confidence when the column is empty', () => {
    const [email, none] = profileColumns(
      ['email', 'col_2'],
      rowsOf(50, () => [null, '  ']),
    );
    expect(email).toMatchObject({ kind: 'email' });
    expect(email!.confidence).toBeLessThanOrEqual(0.3);
    expect(none).toMatchObject({ kind: 'unknown', confidence: 0 });
  });

  it('trusts few values less than many', () => {
    const few = profileColumns(['col_1'], emails.slice(0, 5))[0]!;
    const lots = profileColumns(['col_1'], emails)[0]!;
    expect(few.kind).toBe('email');
    expect(few.confidence).toBeLessThan(lots.confidence);
  });

  it('types flattened JSON paths and Mongo ids', () => {
    const rows = rowsOf(150, (i) => [
      (0x5f0000000000000000000000n + BigInt(i * 7919)).toString(16).padStart(24, '0'),
      ['Anna', 'Marco', 'Luca', 'Giulia'][i % 4]!,
      String(10_100 + ((i * 37) % 900)).padStart(5, '0'),
      ['Roma', 'Milano', 'Torino', 'Napoli'][i % 4]!,
      `+39 06 ${String(1_000_000 + i * 13).slice(0, 4)} ${String(1000 + i)}`,
    ]);
    const kinds = profileColumns(
      ['_id', 'customer.firstName', 'address.zip', 'address.city', 'contact.phone.number'],
      rows,
    ).map((p) => p.kind);
    expect(kinds).toEqual(['internal_id', 'first_name', 'postcode', 'city', 'phone']);
  });

  it('takes the country of postcodes from a country column and the NTLM reading from the header', () => {
    const rows = rowsOf(120, (i) => [
      ['Deutschland', 'DE'][i % 2]!,
      String(10_115 + i * 11),
      '8846f7eaee8fb117ad06bdd830b7586c',
    ]);
    const [, plz, hash] = profileColumns(['land', 'plz', 'nt_hash'], rows);
    expect(plz).toMatchObject({ kind: 'postcode', params: { country: 'DE' } });
    expect(hash).toMatchObject({ kind: 'password_hash', params: { hashScheme: 'ntlm' } });
  });
});

describe('profileColumns on hostile input', () => {
  const kinds = new Set<string>(FIELD_KINDS);
  it('never throws, returns one profile per column and keeps confidences in [0,1]', () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('', ' ', 'null', '+39 333 1234567', 'a@b.co', '1985-03-12', '12345', '$2b$10$x'),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 }),
        fc.constantFrom(undefined, 'IT', 'US', 'XX', ''),
        (columns, rows, defaultRegion) => {
          const profiles = profileColumns(
            columns,
            rows,
            defaultRegion === undefined ? {} : { defaultRegion },
          );
          expect(profiles).toHaveLength(columns.length);
          for (const p of profiles) {
            expect(kinds.has(p.kind)).toBe(true);
            expect(p.confidence).toBeGreaterThanOrEqual(0);
            expect(p.confidence).toBeLessThanOrEqual(1);
            for (const a of p.alternatives) expect(a.score).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('copes with huge values and many columns', () => {
    const columns = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const rows = rowsOf(20, () => columns.map((_, i) => (i === 0 ? 'x'.repeat(100_000) : `v${i}`)));
    const profiles = profileColumns(columns, rows);
    expect(profiles).toHaveLength(200);
  });
});

describe('golden accuracy over other seeds and sample sizes', () => {
  it('stays exact from 30 to 600 rows', () => {
    for (const rows of [30, 600]) {
      let ok = 0;
      let all = 0;
      const misses: string[] = [];
      for (const seed of [11]) {
        for (const g of GOLDEN) {
          const built = build({ ...g, rows }, seed);
          const profiles = profileColumns(built.columns, built.rows, { defaultRegion: 'IT' });
          g.columns.forEach(([h, kind], i) => {
            all++;
            if (profiles[i]!.kind === kind) ok++;
            else misses.push(`${h}:${kind}->${profiles[i]!.kind}`);
          });
        }
      }
      console.log(`rows=${rows} accuracy ${ok}/${all}`);
      expect(misses).toEqual([]);
    }
  });
});
