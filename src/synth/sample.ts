import type { Cell } from '../core/types.js';
import type { ColumnType, Table } from './table.js';

/**
 * A claimed-leak sample with its known truth per row. Builders fill records keyed by the
 * canonical fields below; `shapeSample` then picks the columns and names them the way the
 * poster's source did (English snake case, Italian, German, nested JSON paths...).
 */

export type Truth = 'genuine' | 'fabricated' | 'other-platform' | 'combolist' | 'unrelated';

export interface RowTruth {
  readonly truth: Truth;
  /** Our customer the row's person is, when it is one of ours (whatever the row's provenance). */
  readonly customerId?: string;
}

export type SampleField =
  | 'customer_id'
  | 'username'
  | 'first_name'
  | 'last_name'
  | 'full_name'
  | 'email'
  | 'password'
  | 'phone'
  | 'date_of_birth'
  | 'gender'
  | 'street'
  | 'postcode'
  | 'city'
  | 'region'
  | 'country'
  | 'ip'
  | 'created_at'
  | 'order_id'
  | 'order_date'
  | 'amount'
  | 'currency';

export type SampleRecord = Partial<Record<SampleField, string | null>>;

export type HeaderStyle = 'en' | 'it' | 'fr' | 'de' | 'es' | 'nested';

export interface LeakSample {
  /** What built it: `genuine-export`, `fabricated`, `other-platform`, ... */
  readonly kind: string;
  readonly fields: readonly SampleField[];
  readonly columns: readonly string[];
  readonly types: Readonly<Record<string, ColumnType>>;
  readonly rows: Cell[][];
  readonly truth: readonly RowTruth[];
}

// biome-ignore format: one line per field reads as a dictionary.
const HEADERS: Readonly<Record<SampleField, Readonly<Record<HeaderStyle, string>>>> = {
  customer_id: { en: 'customer_id', it: 'id_cliente', fr: 'id_client', de: 'kundennummer', es: 'id_cliente', nested: 'customer.id' },
  username: { en: 'username', it: 'nome_utente', fr: 'identifiant', de: 'benutzername', es: 'usuario', nested: 'customer.username' },
  first_name: { en: 'first_name', it: 'nome', fr: 'prenom', de: 'vorname', es: 'nombre', nested: 'name.first' },
  last_name: { en: 'last_name', it: 'cognome', fr: 'nom', de: 'nachname', es: 'apellidos', nested: 'name.last' },
  full_name: { en: 'full_name', it: 'nominativo', fr: 'nom_complet', de: 'name', es: 'nombre_completo', nested: 'name.full' },
  email: { en: 'email', it: 'email', fr: 'courriel', de: 'e_mail', es: 'correo', nested: 'contact.email' },
  password: { en: 'password', it: 'password', fr: 'mot_de_passe', de: 'passwort', es: 'contrasena', nested: 'auth.password' },
  phone: { en: 'phone', it: 'cellulare', fr: 'telephone', de: 'telefon', es: 'telefono', nested: 'contact.phone' },
  date_of_birth: { en: 'date_of_birth', it: 'data_nascita', fr: 'date_naissance', de: 'geburtsdatum', es: 'fecha_nacimiento', nested: 'dob' },
  gender: { en: 'gender', it: 'sesso', fr: 'sexe', de: 'geschlecht', es: 'sexo', nested: 'gender' },
  street: { en: 'street', it: 'indirizzo', fr: 'adresse', de: 'strasse', es: 'direccion', nested: 'address.street' },
  postcode: { en: 'postcode', it: 'cap', fr: 'code_postal', de: 'plz', es: 'codigo_postal', nested: 'address.postcode' },
  city: { en: 'city', it: 'citta', fr: 'ville', de: 'ort', es: 'ciudad', nested: 'address.city' },
  region: { en: 'region', it: 'regione', fr: 'region', de: 'bundesland', es: 'provincia', nested: 'address.region' },
  country: { en: 'country', it: 'paese', fr: 'pays', de: 'land', es: 'pais', nested: 'address.country' },
  ip: { en: 'signup_ip', it: 'indirizzo_ip', fr: 'adresse_ip', de: 'ip_adresse', es: 'direccion_ip', nested: 'meta.ip' },
  created_at: { en: 'created_at', it: 'data_registrazione', fr: 'date_inscription', de: 'registriert_am', es: 'fecha_alta', nested: 'meta.created_at' },
  order_id: { en: 'order_id', it: 'numero_ordine', fr: 'numero_commande', de: 'bestellnummer', es: 'numero_pedido', nested: 'order.id' },
  order_date: { en: 'order_date', it: 'data_ordine', fr: 'date_commande', de: 'bestelldatum', es: 'fecha_pedido', nested: 'order.date' },
  amount: { en: 'amount', it: 'importo', fr: 'montant', de: 'betrag', es: 'importe', nested: 'order.amount' },
  currency: { en: 'currency', it: 'valuta', fr: 'devise', de: 'waehrung', es: 'moneda', nested: 'order.currency' },
};

const FIELD_TYPES: Partial<Record<SampleField, ColumnType>> = {
  amount: 'decimal',
  created_at: 'timestamp',
  order_date: 'timestamp',
};

export function headerFor(field: SampleField, style: HeaderStyle): string {
  return HEADERS[field][style];
}

/** Picks `fields` from the records, in that order, under the header style's names. */
export function shapeSample(
  kind: string,
  records: readonly SampleRecord[],
  truth: readonly RowTruth[],
  fields: readonly SampleField[],
  headers: HeaderStyle = 'en',
): LeakSample {
  if (records.length !== truth.length) throw new Error('one truth per record');
  const columns = fields.map((field) => HEADERS[field][headers]);
  const types: Record<string, ColumnType> = {};
  fields.forEach((field, i) => {
    const type = FIELD_TYPES[field];
    if (type !== undefined) types[columns[i]!] = type;
  });
  const rows = records.map((record) => fields.map((field) => record[field] ?? null));
  return { kind, fields, columns, types, rows, truth };
}

/** The sample as a writable table. */
export function sampleTable(sample: LeakSample, name = 'users'): Table {
  return { name, columns: sample.columns, types: sample.types, rows: sample.rows };
}

/** Shuffles rows and truth together, so mixes do not keep their genuine rows in one block. */
export function shuffleSample(sample: LeakSample, order: readonly number[]): LeakSample {
  return {
    ...sample,
    rows: order.map((i) => sample.rows[i]!),
    truth: order.map((i) => sample.truth[i]!),
  };
}

/** Concatenates samples of the same fields (for mixes). */
export function concatSamples(kind: string, samples: readonly LeakSample[]): LeakSample {
  const first = samples[0];
  if (first === undefined) throw new Error('nothing to concatenate');
  for (const s of samples) {
    if (s.columns.join('\u0000') !== first.columns.join('\u0000'))
      throw new Error('samples differ in columns');
  }
  return {
    kind,
    fields: first.fields,
    columns: first.columns,
    types: first.types,
    rows: samples.flatMap((s) => s.rows),
    truth: samples.flatMap((s) => s.truth),
  };
}
