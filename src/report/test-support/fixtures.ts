/** Reports for tests and screenshots: a realistic one, and one full of hostile strings. */
import type { FieldKind } from '../../core/types.js';
import { buildLinkageSummary, buildRowsSample } from '../extensions.js';
import type { LinkRow, RenderableReport } from '../types.js';

const COLUMNS: { name: string; type: FieldKind }[] = [
  { name: 'email', type: 'email' },
  { name: 'nome', type: 'full_name' },
  { name: 'cellulare', type: 'phone' },
  { name: 'data_nascita', type: 'date_of_birth' },
  { name: 'indirizzo', type: 'address' },
  { name: 'ip', type: 'ip' },
  { name: 'user_id', type: 'internal_id' },
];

const PEOPLE = [
  [
    'mario.rossi@libero.it',
    'Mario Rossi',
    '+39 347 123 4567',
    '1985-03-14',
    'Via Roma 12, 20121 Milano',
    '93.45.12.7',
    'U-88213',
  ],
  [
    'giulia.bianchi@gmail.com',
    'Giulia Bianchi',
    '+39 333 765 4321',
    '1990-11-02',
    'Corso Italia 5, 10121 Torino',
    '151.20.3.99',
    'U-10442',
  ],
  [
    'l.verdi@tiscali.it',
    'Luca Verdi',
    '+39 320 555 0101',
    '1978-07-30',
    'Piazza Duomo 1, 50122 Firenze',
    '10.0.0.12',
    'U-55120',
  ],
  [
    'anna.neri@yahoo.it',
    'Anna Neri',
    '+39 349 222 3344',
    '2001-01-19',
    'Via Po 44, 00198 Roma',
    '192.168.1.5',
    'X-1',
  ],
  [
    'paolo.gallo@outlook.com',
    'Paolo Gallo',
    '+39 345 876 1200',
    '1969-05-05',
    'Via Garibaldi 3, 16124 Genova',
    '79.12.200.4',
    'U-99001',
  ],
  [
    'sara.costa@libero.it',
    'Sara Costa',
    null,
    '1995-09-23',
    'Via Verdi 9, 40121 Bologna',
    '2.36.1.18',
    'U-31337',
  ],
];

/** Links for rows 1, 2, 4 and 5, as linkage would report them. */
export const EXAMPLE_LINKS: LinkRow[] = [
  {
    row: 1,
    record_table: 'customers',
    record_id: 'C-000812',
    probability: 0.998,
    level: 'exact',
    agreeing_fields: ['email', 'last_name', 'first_name', 'dob'],
  },
  {
    row: 2,
    record_table: 'customers',
    record_id: 'C-104455',
    probability: 0.93,
    level: 'probable',
    agreeing_fields: ['email', 'last_name'],
  },
  {
    row: 4,
    record_table: 'customers',
    record_id: 'C-220001',
    probability: 0.71,
    level: 'possible',
    agreeing_fields: ['phone'],
  },
  {
    row: 5,
    record_table: 'orders',
    record_id: 'ORD-2024-0091',
    probability: 0.999,
    level: 'exact',
    agreeing_fields: ['email', 'phone', 'last_name', 'first_name'],
  },
];

export function exampleReport(overrides: Partial<RenderableReport> = {}): RenderableReport {
  const rows = PEOPLE.map((values, i) => ({ row: i + 1, values }));
  return {
    schemaVersion: 1,
    sample: {
      file: 'shopco_sample_87M.csv',
      sha256: 'a3f1c2d4e5b6978812345678901234567890abcdef1234567890abcdef123456',
      format: 'csv',
      encoding: 'utf-8',
      rows: 3000,
      rejectedRows: 4,
    },
    columns: COLUMNS.map((c, i) => ({ ...c, confidence: 0.9 + i / 100, filled: 1 - i / 20 })),
    estimate: {
      identityShare: 0.41,
      identityShareCi95: [0.392, 0.428],
      fromRecordsShare: 0,
      fromRecordsShareCi95: [0, 0.001],
      claimedRows: 87_000_000,
      plausibleOurRowsMax: 0,
    },
    signals: [
      {
        id: 'identity-without-corroboration',
        family: 'recycling',
        weight: 4.2,
        value: 0.41,
        detail:
          '41% of rows are our customers, but none carries our customer ids, usernames or order numbers',
      },
      {
        id: 'reserved-ip-addresses',
        family: 'fabrication',
        weight: 0.4,
        value: 0.013,
        detail: '1.3% of IP addresses are private, multicast or reserved',
      },
      {
        id: 'claimed-vs-records',
        family: 'size',
        weight: 1.1,
        value: 87_000_000,
        detail: 'the claim (87 million) is 29 times our customer count (3.0 million)',
      },
      {
        id: 'id-format-mismatch',
        family: 'provenance',
        weight: -2.5,
        value: 0.97,
        detail: '97% of user_id values do not fit the format of our customer ids (C-NNNNNN)',
      },
    ],
    verdict: {
      label: 'recycled',
      confidence: 0.97,
      summary:
        "About 41% of the people in the sample are our customers, but not one row carries data only our systems hold: the customer ids have another platform's format and no username or order number matches. The sample most likely comes from another service's breach or a compiled list that includes many of our customers.",
    },
    provenance: {
      tool: 'leakverify 0.1.0',
      settings: {
        levels: { exact: 0.99, probable: 0.9, possible: 0.6 },
        blocking: ['email', 'phone', 'last_name+dob'],
        seed: 42,
      },
      generatedAt: '2025-06-01T09:30:00.000Z',
    },
    linkage: buildLinkageSummary({
      links: EXAMPLE_LINKS,
      sampleRows: 3000,
      fields: ['email', 'phone', 'first_name', 'last_name', 'dob', 'postcode', 'ip'],
      probabilities: [0.998, 0.93, 0.71, 0.999, 0.02, 0.05, 0.3, 0.61, 0.97, 0.12, 0.08, 0.995, 0.994, 0.45],
      model: {
        lambda: 0.00012,
        iterations: 14,
        converged: true,
        comparisons: [
          {
            name: 'email',
            levels: [
              { label: 'far', m: 0.05, u: 0.999 },
              { label: 'exact', m: 0.95, u: 0.001 },
            ],
          },
        ],
      },
    }),
    rowsSample: buildRowsSample({ columns: COLUMNS, rows, links: EXAMPLE_LINKS, linked: 3, unlinked: 2 }),
    records: [
      { name: 'customers', rows: 3_012_554, key: 'customer_id', file: 'customers.parquet' },
      { name: 'orders', rows: 9_881_020, key: 'order_id' },
    ],
    claim: {
      claimedRows: 87_000_000,
      source: 'banner',
      text: '*** ShopCo 87M customers FULL DB — sample below ***',
    },
    ...overrides,
  };
}

/** Strings that break out of text, attributes, styles, URLs and reading order if unescaped. */
export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=2">',
  "'><svg onload=window.__pwned=3>",
  'javascript:window.__pwned=4',
  '</style><script>window.__pwned=5</script>',
  '</title><script>window.__pwned=6</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template payload, literally.
  '`${window.__pwned=7}`',
  'abc\u202Egnp.exe\u202C & \u2066isolate\u2069 &amp; &#60;b&#62;',
  '<iframe srcdoc="<script>parent.__pwned=8</script>">',
  '<a href="javascript:window.__pwned=9">click</a>',
] as const;

/** Every string field of the example report (and its extensions) replaced by a payload. */
export function hostileReport(): RenderableReport {
  const base = exampleReport();
  let i = 0;
  const next = (): string => PAYLOADS[i++ % PAYLOADS.length]!;
  const hostileColumns = COLUMNS.map((c) => ({ name: next(), type: c.type }));
  return {
    ...base,
    sample: { ...base.sample, file: next(), encoding: next() },
    columns: base.columns.map((c) => ({ ...c, name: next() })),
    signals: base.signals.map((s) => ({ ...s, detail: next() })),
    verdict: { ...base.verdict, summary: PAYLOADS.join(' ') },
    provenance: {
      tool: next(),
      settings: { note: next(), [next()]: next() },
      generatedAt: base.provenance.generatedAt,
    },
    linkage: base.linkage && {
      ...base.linkage,
      fieldAgreement: base.linkage.fieldAgreement.map((f) => ({ ...f, field: next() })),
    },
    rowsSample: {
      masked: true,
      columns: hostileColumns,
      rows: [1, 2, 3].map((row) => ({
        row,
        status: row === 1 ? ('linked' as const) : ('unlinked' as const),
        ...(row === 1 ? { level: 'exact' as const, probability: 0.99, recordTable: next() } : {}),
        values: hostileColumns.map(() => next()),
      })),
    },
    records: [{ name: next(), rows: 10, key: next(), file: next() }],
    claim: { claimedRows: 87_000_000, source: 'banner', text: next() },
  };
}
