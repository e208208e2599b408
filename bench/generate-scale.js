// Writes a synthetic company (customers, orders) and a claimed leak with a known genuine share, at
// any scale, for the issue-6 benchmarks. All row generation is DuckDB SQL over a materialised id
// table (both cores), picking from name/street/city pools with seeded hashes of the row number, so
// a seed always gives the same bytes (with the same DuckDB version). Run with --help for usage.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { allLocales } from '@faker-js/faker';
import { tsImport } from 'tsx/esm/api';

const HELP = `Usage: node bench/generate-scale.js --customers N --leak M --genuine-share G --out DIR [options]

Writes into DIR:
  customers.csv    N customers: customer_id (C00000001...), first_name, last_name, email (unique),
                   phone (national format of the country), date_of_birth (YYYY-MM-DD), street (with
                   house number), postcode, city, country (ISO 3166 alpha-2), created_at, signup_ip
  orders.csv       about K orders per customer (0..2K each): order_id, customer_id, email, ship_name,
                   ship_street, ship_postcode, ship_city, ship_country, phone (E.164), order_date, total
  leak.csv         M rows "claimed to be ours", in random order, with a leak's own schema: username,
                   full_name, user_email, dob (DD/MM/YYYY), mobile, address, zip, town, country_code,
                   ip_address. round(G*M) rows are distinct customers drawn uniformly without replacement
                   (with replacement only if G*M > N), perturbed as real copies are: ~4% name typos,
                   ~8% middle initials, ~3% upper case, phone re-formatted, ~10% without email, ~5% moved
                   address, ~40% another IP. The others are people who are not customers, drawn from the
                   same pools (plausible names, addresses and phones; emails never ours).
  leak-truth.csv   row (1-based data row of leak.csv), customer_id (empty: not a customer)
  generate.json    parameters, seed, DuckDB version, row counts, bytes, seconds and CPU seconds
                   per file and step, peak RSS

Options:
  --customers N              customers (suffixes k, M, G allowed: 10M)
  --leak M                   rows of the claimed leak
  --genuine-share G          share of leak rows that are our customers, 0..1
  --orders-per-customer K    average orders per customer (default 1; 0 writes only the header)
  --seed S                   integer seed (default 1); same seed and sizes give the same bytes
  --out DIR                  output directory; refused if it exists and is not empty, unless --force
  --force                    overwrite the files above in a non-empty DIR
  --threads T                DuckDB threads (default: all cores)
  --memory-limit SIZE        DuckDB memory limit (default 8GB); spills to DIR/.generate-tmp
  --help                     this text

People: 7 countries (IT 20%, DE 20%, FR 17%, ES 13%, GB 13%, US 11%, NL 6%). Names come from the
project's frequency-ordered lists (src/synth/locales) followed by @faker-js/faker's locale lists,
drawn with a Zipf-Mandelbrot skew (a few names common, most rare); cities with real postcodes,
mobile prefixes, email domains and ISP address blocks come from src/synth/locales, plus faker's
real town names with a fixed postcode each. Emails are unique: when two people would share one, the
first keeps it and the others add a number (or, if that is taken too, ".<index>").

Size and speed: about 147 bytes per customer, 140 per order, 130 per leak row (10M customers with
10M orders and a 1M-row leak: 3.0 GB). About 6 us of CPU per written row, 2 cores in parallel;
peak RSS 1.7 GB at 10M customers, 7.2 GB when deduplicating the emails of 80M people; beyond
--memory-limit DuckDB spills to DIR/.generate-tmp (removed at the end).
generate.json is written last: a directory without it holds an interrupted run.`;

const COUNTRIES = ['IT', 'DE', 'FR', 'ES', 'GB', 'US', 'NL'];
const COUNTRY_WEIGHTS = [20, 20, 17, 13, 13, 11, 6];
const FAKER = { IT: 'it', DE: 'de', FR: 'fr', ES: 'es', GB: 'en_GB', US: 'en_US', NL: 'nl' };
const CALLING = { IT: '39', DE: '49', FR: '33', ES: '34', GB: '44', US: '1', NL: '31' };
/** Countries whose national numbers are written with a trunk 0. */
const TRUNK = ['DE', 'FR', 'GB', 'NL'];
/** Salts of the hashes (< 1024): one per independent choice, so fields never correlate by accident. */
const S = Object.fromEntries(
  'country origin origin2 first last last2 double dob1 dob2 estyle enum enum2 enum2b edom mobile created ocount ocount2 oname ofirst odate ototal oalt pick shuffle ph1 ph2 ph3 typo typo2 which middle middle2 upper noemail moved fmt nophone nodob newip user unum'
    .split(' ')
    .map((k, n) => [k, n + 1]),
);
/**
 * Salt bases of choices that use several salts: addresses (16 each: the person's, a moved one, an
 * order's other one) and IP addresses (3 each: the signup one, another one in the leak).
 */
const ADDR = { a: 100, b: 200, o: 300, leakIp: 400, ip: 500 };
/** A SQL string literal (exported as `sqlString` for bench/linkage.js). */
const q = (text) => `'${String(text).replaceAll("'", "''")}'`;

export { q as sqlString };

const list = (xs) => `[${xs.map((x) => (typeof x === 'number' ? String(x) : q(x))).join(',')}]`;
const NAME = /^\p{L}[\p{L}'’ .-]*$/u;

/** 32-bit FNV-1a of a string: fixed choices made in JS, independent of the seed. */
function fnv(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h;
}

/** A fixed order for faker's alphabetical lists, so that a rank says nothing about the spelling. */
function shuffleFixed(names) {
  const keyed = names.map((n) => [fnv(n), n]);
  return keyed.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)).map(([, n]) => n);
}

function uniqueNames(head, tail) {
  const seen = new Set();
  const out = [];
  for (const n of [...head, ...shuffleFixed(tail)]) {
    const k = n.toLowerCase();
    // Names must keep two letters once folded: emails are built from them (see `fold`).
    if (!NAME.test(n) || fold(n).length < 2 || seen.has(k)) continue;
    seen.add(k);
    out.push(n);
  }
  return out;
}

/** Pools per country, flattened into one list each with offsets, for constant SQL lists. */
async function buildPools() {
  const { LOCALES } = await tsImport('../src/synth/locales.ts', import.meta.url);
  const { postcodeFitsCity } = await tsImport('../src/analyze/signals/postcode-regions.ts', import.meta.url);
  const pools = { bigCities: [], doubleSurname: [] };
  const add = (kind, country, items) => {
    pools[kind] ??= { items: [], off: [], n: [] };
    const p = pools[kind];
    p.off[COUNTRIES.indexOf(country)] = p.items.length;
    p.n[COUNTRIES.indexOf(country)] = items.length;
    p.items.push(...items);
  };
  for (const cc of COUNTRIES) {
    const L = LOCALES[cc];
    const fk = allLocales[FAKER[cc]];
    const person = fk.person?.first_name ? fk.person : allLocales.en.person;
    const interleaved = L.femaleNames.flatMap((f, k) => [f, L.maleNames[k]].filter(Boolean));
    add('first', cc, uniqueNames(interleaved, Object.values(person.first_name).flat()));
    add('last', cc, uniqueNames(L.surnames, Object.values(person.last_name).flat()));
    const typed = L.streetTypes.flatMap(([t, w]) => L.streetNames.map((n) => [L.composeStreet(t, n), w]));
    const composed = typed.sort((a, b) => b[1] - a[1]).map(([s]) => s);
    add('street', cc, uniqueNames(composed, fk.location?.street_name ?? []));
    // Cities: the big ones with their real postcode ranges, then faker's real towns, each with one
    // fixed postcode (dropped if the analysis knows the town under other postcodes).
    const entries = [];
    const base = pools.entry?.items.length ?? 0;
    const cities = L.cities.map((c) => {
      const first = base + entries.length;
      for (const e of c.postcodes) entries.push(postcodeEntry(cc, e));
      return { name: c.name, first, count: base + entries.length - first };
    });
    const big = cities.length;
    const known = new Set(cities.map((c) => c.name.toLowerCase()));
    const towns = cc === 'US' ? allLocales.en.location.city_name : (fk.location?.city_name ?? []);
    for (const town of shuffleFixed(towns)) {
      if (known.has(town.toLowerCase()) || !NAME.test(town)) continue;
      const code = townPostcode(cc, town);
      if (postcodeFitsCity(cc, code, town) === false) continue;
      known.add(town.toLowerCase());
      cities.push({ name: town, first: base + entries.length, count: 1 });
      entries.push({ kind: 0, from: Number(code), span: 1, width: code.length, prefix: '' });
    }
    add('city', cc, cities);
    pools.bigCities.push(big);
    pools.doubleSurname.push(L.doubleSurname);
    add('entry', cc, entries);
    // Mobile number templates (`333xxxxxxx`); US numbers use the cities' area codes.
    const areaCodes = [...new Set(L.cities.flatMap((c) => c.areaCodes ?? []))];
    const templates = cc === 'US' ? areaCodes.map((a) => `${a}xxxxxxx`) : L.mobiles;
    add(
      'mobile',
      cc,
      templates.map((t) => ({
        prefix: t.replace(/x+$/, ''),
        digits: t.length - t.replace(/x+$/, '').length,
      })),
    );
    const total = L.emailDomains.reduce((s, [, w]) => s + w, 0);
    add(
      'domain',
      cc,
      L.emailDomains
        .flatMap(([d, w]) => Array(Math.max(1, Math.round((w / total) * 100))).fill(d))
        .slice(0, 100),
    );
    add('ip', cc, L.ipBlocks.map(parseCidr));
  }
  return pools;
}

function postcodeEntry(cc, entry) {
  if (cc === 'GB') return { kind: 1, from: 0, span: 1, width: 0, prefix: entry };
  const [from, to = from] = entry.split('-');
  return {
    kind: cc === 'NL' ? 2 : 0,
    from: Number(from),
    span: Number(to) - Number(from) + 1,
    width: from.length,
    prefix: '',
  };
}

function townPostcode(cc, town) {
  const h = fnv(town);
  const pick = (lo, hi) => lo + (h % (hi - lo + 1));
  const dept = (hi) =>
    String(1 + (h % hi)).padStart(2, '0') + String(Math.floor(h / 97) % 1000).padStart(3, '0');
  if (cc === 'FR') return dept(95);
  if (cc === 'ES') return dept(52);
  return String(pick(cc === 'US' ? 1001 : 1067, 98999)).padStart(5, '0');
}

function parseCidr(cidr) {
  const [addr, bits] = cidr.split('/');
  const base = addr.split('.').reduce((v, p) => v * 256 + Number(p), 0);
  return { base, size: 2 ** (32 - Number(bits)) };
}

/** splitmix64 of the seed: every hash key is xor-ed with it, so seeds give unrelated streams. */
function seedMix(seed) {
  const m = (1n << 64n) - 1n;
  let z = (BigInt(seed) + 0x9e3779b97f4a7c15n) & m;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & m;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & m;
  return (z ^ (z >> 31n)) & ((1n << 62n) - 1n);
}

/** Lower-case ASCII letters of a name, as emails and usernames are built: `Müller-Lüdenscheidt` → `muellerluedenscheidt`. */
function fold(name) {
  return name
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}

/**
 * The pools as list columns of a one-row table. Queries cross-join it: DuckDB then passes each list
 * by reference, whereas a list literal in the query is copied into every 2048-row vector (measured:
 * 4x slower generation with 9,000-name literals).
 */
function poolsTableSql(pools) {
  const col = (kind, field, type) =>
    `${list(pools[kind].items.map((x) => (field ? x[field] : x)))}::${type}[] AS p_${kind}${field ? `_${field}` : ''}`;
  const folded = (kind) => `${list(pools[kind].items.map(fold))}::VARCHAR[] AS p_${kind}_fold`;
  return `CREATE TABLE pools AS SELECT ${[
    col('first', null, 'VARCHAR'),
    folded('first'),
    col('last', null, 'VARCHAR'),
    folded('last'),
    col('street', null, 'VARCHAR'),
    col('city', 'name', 'VARCHAR'),
    col('city', 'first', 'INTEGER'),
    col('city', 'count', 'INTEGER'),
    col('entry', 'kind', 'INTEGER'),
    col('entry', 'from', 'INTEGER'),
    col('entry', 'span', 'INTEGER'),
    col('entry', 'width', 'INTEGER'),
    col('entry', 'prefix', 'VARCHAR'),
    col('domain', null, 'VARCHAR'),
  ].join(', ')}`;
}

/**
 * SQL macros. Every random choice is `u(key, salt)`: DuckDB's `hash` of one mixed integer (its
 * multi-argument form xors the parts' hashes, which would correlate the fields). Index macros
 * take small per-country arrays inline; the big pools come in as `p_*` columns.
 */
function macrosSql(pools, seed, customers) {
  const arr = (values) => `${list(values)}[ci + 1]`;
  const off = (kind) => arr(pools[kind].off);
  const n = (kind) => arr(pools[kind].n);
  const big = arr(pools.bigCities);
  const total = COUNTRY_WEIGHTS.reduce((a, b) => a + b, 0);
  const cumulative = COUNTRY_WEIGHTS.map((_, k) =>
    COUNTRY_WEIGHTS.slice(0, k + 1).reduce((a, b) => a + b, 0),
  );
  const cuts = cumulative.slice(0, -1).map((c, k) => `WHEN x < ${c / total} THEN ${k}`);
  const ipK = `1 + ${off('ip')} + floor(u(i, salt) * ${n('ip')})::BIGINT`;
  const mobile = (field) => list(pools.mobile.items.map((m) => m[field]));
  const GB = q('ABDEFGHJLNPQRSTUWXYZ');
  const NL = q('ABCDEGHJKLMNPRSTVWXZ');
  const numeric = (width) => `lpad((ef[e + 1] + hm(i, salt, es[e + 1]))::VARCHAR, ${width}, '0')`;
  return [
    `CREATE MACRO h(i, salt) AS hash(xor(i * 1024 + salt, ${seedMix(seed)}))`,
    `CREATE MACRO u(i, salt) AS h(i, salt) / 18446744073709551616.0`,
    // A hash modulo m as BIGINT: a non-constant divisor of another type would make it HUGEINT, 20x slower.
    `CREATE MACRO hm(i, salt, m) AS (h(i, salt) % (m)::UBIGINT)::BIGINT`,
    // Zipf-Mandelbrot rank in [0, n), p(r) ~ 1/(r + qq): the inverse of its continuous CDF.
    `CREATE MACRO zipf(x, n, qq) AS least(n - 1, floor(qq * pow((n + qq) / qq, x) - qq))::BIGINT`,
    `CREATE MACRO country_of(x) AS CASE ${cuts.join(' ')} ELSE ${COUNTRIES.length - 1} END`,
    // 1-based indexes into the pools.
    `CREATE MACRO first_k(i, ci, salt) AS 1 + ${off('first')} + zipf(u(i, salt), ${n('first')}, 5)`,
    // Short surname lists get a steeper head, so names stay more concentrated than a uniform draw
    // (generators draw uniformly; the analysis tells them apart by that).
    `CREATE MACRO last_k(i, ci, salt) AS 1 + ${off('last')} + zipf(u(i, salt), ${n('last')}, greatest(3, least(8, ${n('last')} / 200)))`,
    `CREATE MACRO street_k(i, ci, salt) AS 1 + ${off('street')} + zipf(u(i, salt), ${n('street')}, 5)`,
    `CREATE MACRO domain_k(i, ci, salt) AS 1 + ${off('domain')} + floor(u(i, salt) * ${n('domain')})::BIGINT`,
    // Big cities hold 62% of a country's people (all of them in GB and NL), faker's towns the rest.
    `CREATE MACRO city_k(i, ci, salt) AS 1 + ${off('city')} + CASE WHEN ${n('city')} = ${big} OR u(i, salt) < 0.62
       THEN zipf(u(i, salt + 1), ${big}, 2) ELSE ${big} + zipf(u(i, salt + 2), ${n('city')} - ${big}, 20) END`,
    `CREATE MACRO entry_k(i, k, salt, cf, cn) AS 1 + cf[k] + floor(u(i, salt) * cn[k])::BIGINT`,
    `CREATE MACRO letter(i, salt, abc) AS abc[1 + hm(i, salt, length(abc))]`,
    `CREATE MACRO nl_pair(p) AS CASE WHEN p IN ('SA', 'SD', 'SS') THEN 'ZB' ELSE p END`,
    `CREATE MACRO postcode_of(i, e, salt, ek, ef, es, ew, ep) AS CASE ek[e]
       WHEN 0 THEN ${numeric('ew[e]').replaceAll('[e + 1]', '[e]')}
       WHEN 1 THEN ep[e] || ' ' || hm(i, salt + 1, 10)::VARCHAR || letter(i, salt + 2, ${GB}) || letter(i, salt + 3, ${GB})
       ELSE ${numeric(4).replaceAll('[e + 1]', '[e]')} || ' ' || nl_pair(letter(i, salt + 2, ${NL}) || letter(i, salt + 3, ${NL})) END`,
    `CREATE MACRO house_number(i, ci, salt) AS CASE WHEN ci = ${COUNTRIES.indexOf('US')} THEN (100 + hm(i, salt, 9800))::VARCHAR
       ELSE (1 + hm(i, salt, CASE WHEN u(i, salt + 1) < 0.8 THEN 60 ELSE 240 END))::VARCHAR END`,
    `CREATE MACRO address_line(cc, street, hn) AS CASE WHEN cc IN ('FR', 'GB', 'US') THEN hn || ' ' || street
       WHEN cc = 'ES' THEN street || ', ' || hn ELSE street || ' ' || hn END`,
    `CREATE MACRO mobile_k(i, ci) AS 1 + ${off('mobile')} + floor(u(i, ${S.mobile}) * ${n('mobile')})::BIGINT`,
    // Subscriber digits: an affine map of the person index then a 3-round Feistel network on
    // [0, 10^d), both bijections, so two people share a number only when their indexes agree
    // modulo 10^d and they drew the same prefix; the Feistel rounds hide the arithmetic progression.
    `CREATE MACRO ph3(hi, lo, a, b) AS ((hi + hm(lo, ${S.ph3}, a)) % a) * b + lo`,
    `CREATE MACRO ph2(hi, lo, a, b) AS ph3(hi, (lo + hm(hi, ${S.ph2}, b)) % b, a, b)`,
    `CREATE MACRO ph1(x, a, b) AS ph2((x // b + hm(x % b, ${S.ph1}, a)) % a, x % b, a, b)`,
    `CREATE MACRO pow10(d) AS ${list([1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10])}[d + 1]`,
    `CREATE MACRO digits_of(i, d) AS lpad(ph1(((i % pow10(d)) * 387420489 + ${seedMix(seed) % 9999999967n}) % pow10(d),
       pow10(d // 2), pow10(d - d // 2))::VARCHAR, d, '0')`,
    `CREATE MACRO nsn_of(i, k) AS ${mobile('prefix')}[k] || digits_of(i, ${mobile('digits')}[k])`,
    // North American exchanges never start with 0 or 1.
    `CREATE MACRO nanp(n) AS n[1:3] || (2 + n[4]::INTEGER % 8)::VARCHAR || n[5:]`,
    `CREATE MACRO nat_phone(cc, n) AS CASE cc
       WHEN 'IT' THEN n[1:3] || ' ' || n[4:6] || ' ' || n[7:]
       WHEN 'FR' THEN '0' || n[1] || ' ' || n[2:3] || ' ' || n[4:5] || ' ' || n[6:7] || ' ' || n[8:9]
       WHEN 'DE' THEN '0' || n[1:3] || ' ' || n[4:]
       WHEN 'ES' THEN n[1:3] || ' ' || n[4:6] || ' ' || n[7:9]
       WHEN 'GB' THEN '0' || n[1:4] || ' ' || n[5:]
       WHEN 'US' THEN '(' || n[1:3] || ') ' || n[4:6] || '-' || n[7:10]
       ELSE '0' || n[1] || '-' || n[2:] END`,
    `CREATE MACRO calling(cc) AS ${list(COUNTRIES.map((c) => CALLING[c]))}[list_position(${list(COUNTRIES)}, cc)]`,
    `CREATE MACRO e164(cc, n) AS '+' || calling(cc) || n`,
    `CREATE MACRO intl(cc, n) AS '+' || calling(cc) || ' ' || CASE WHEN cc IN (${TRUNK.map(q)}) THEN substr(nat_phone(cc, n), 2) ELSE nat_phone(cc, n) END`,
    `CREATE MACRO compact(cc, n) AS CASE WHEN cc IN (${TRUNK.map(q)}) THEN '0' || n ELSE n END`,
    `CREATE MACRO ip_num(i, ci, salt) AS (${list(pools.ip.items.map((b) => b.base))}[${ipK}] + hm(i, salt + 1, ${list(pools.ip.items.map((b) => b.size))}[${ipK}]))::BIGINT`,
    `CREATE MACRO dotted(x, last) AS ((x >> 24) & 255)::VARCHAR || '.' || ((x >> 16) & 255)::VARCHAR || '.' || ((x >> 8) & 255)::VARCHAR || '.' || last::VARCHAR`,
    `CREATE MACRO ip_of(i, ci, salt) AS dotted(ip_num(i, ci, salt), 1 + hm(i, salt + 2, 254))`,
    `CREATE MACRO local_of(x, i, f, l, dob) AS CASE
       WHEN x < 0.25 THEN f || '.' || l
       WHEN x < 0.35 THEN f || l
       WHEN x < 0.40 THEN f || '_' || l
       WHEN x < 0.55 THEN f || '.' || l || strftime(dob, '%y')
       WHEN x < 0.67 THEN f || l || (1 + hm(i, ${S.enum}, 999))::VARCHAR
       WHEN x < 0.75 THEN f[1] || l
       WHEN x < 0.82 THEN f[1] || l || (10 + hm(i, ${S.enum}, 90))::VARCHAR
       WHEN x < 0.87 THEN l || '.' || f
       WHEN x < 0.95 THEN f || strftime(dob, '%Y')
       ELSE l || f[1] || (10 + hm(i, ${S.enum}, 90))::VARCHAR END`,
    `CREATE MACRO user_of(x, i, f, l, dob) AS CASE
       WHEN x < 0.30 THEN f || '_' || l || (1 + hm(i, ${S.unum}, 999))::VARCHAR
       WHEN x < 0.50 THEN f || '.' || l
       WHEN x < 0.70 THEN l || f || (10 + hm(i, ${S.unum}, 90))::VARCHAR
       WHEN x < 0.85 THEN f || strftime(dob, '%Y')
       ELSE f[1] || l || hm(i, ${S.unum}, 100)::VARCHAR END`,
    `CREATE MACRO typo_at(s, x, p) AS CASE x % 4
       WHEN 0 THEN left(s, p - 1) || substr(s, p + 1)
       WHEN 1 THEN left(s, p - 1) || substr(s, p + 1, 1) || substr(s, p, 1) || substr(s, p + 2)
       WHEN 2 THEN left(s, p) || substr(s, p)
       ELSE left(s, p - 1) || chr((97 + (x // 4) % 26)::INTEGER) || substr(s, p + 1) END`,
    `CREATE MACRO typo(s, x) AS CASE WHEN length(s) < 4 THEN s ELSE typo_at(s, x, 2 + (x // 104) % (length(s) - 2)) END`,
    `CREATE MACRO cid(i) AS 'C' || lpad((i + 1)::VARCHAR, ${Math.max(8, String(customers).length)}, '0')`,
    // Signup times grow with the customer id, over 2012-2025, as a real table's do.
    `CREATE MACRO created_of(i) AS TIMESTAMP '2012-01-01' + to_seconds(floor((i + u(i, ${S.created})) / ${customers} * 441763200)::BIGINT)`,
  ];
}

/**
 * A person (customer or not) as layers of projections over `src` (which has `i`, `tier` and any
 * extra columns); `addrs` are [prefix, key, salt base] of the addresses to compute. 12% of people
 * carry names from another of the countries (`oi`), as residents of foreign origin do.
 */
function personSql(src, pools, addrs) {
  const each = (f) => addrs.map(([p, k, s]) => f(p, k, s)).join('');
  const doubles = list(pools.doubleSurname);
  const surname = (pool, sep) =>
    `CASE WHEN NOT dbl THEN ${pool}[l1k] ELSE ${pool}[l1k] || ${sep} || ${pool}[CASE WHEN l2k = l1k THEN l3k ELSE l2k END] END`;
  return `
  SELECT *, CASE tier WHEN 0 THEN local WHEN 1 THEN local || n2 ELSE local || '.' || (i + 1)::VARCHAR END || '@' || domain AS email,
    local || '@' || domain AS email_raw, local || n2 || '@' || domain AS email_2 FROM (
  SELECT *, local_of(es, i, f, l, dob) AS local,
    CASE WHEN u(i, ${S.enum2}) < 0.5 THEN strftime(dob, '%y') ELSE (1 + hm(i, ${S.enum2} + 1, 999))::VARCHAR END AS n2, CASE WHEN cc = 'US' THEN nanp(nsn0) ELSE nsn0 END AS nsn,
    dotted(ipn, 1 + hm(i, ${ADDR.ip} + 2, 254)) AS ip
    ${each((p, k, s) => `, postcode_of(${k}, ${p}_e, ${s} + 5, p_entry_kind, p_entry_from, p_entry_span, p_entry_width, p_entry_prefix) AS ${p}_postcode`)} FROM (
  SELECT *, p_first[fk] AS fname, p_first_fold[fk] AS f, ${surname('p_last', "' '")} AS lname, ${surname('p_last_fold', "''")} AS l,
    p_domain[dk] AS domain, nsn_of(i, mk) AS nsn0, ip_num(i, ci, ${ADDR.ip}) AS ipn
    ${each((p, k, s) => `, p_city_name[${p}_ck] AS ${p}_city, entry_k(${k}, ${p}_ck, ${s} + 4, p_city_first, p_city_count) AS ${p}_e, address_line(cc, p_street[${p}_sk], ${p}_hn) AS ${p}_line`)} FROM (
  SELECT *, ${list(COUNTRIES)}[ci + 1] AS cc, first_k(i, oi, ${S.first}) AS fk, last_k(i, oi, ${S.last}) AS l1k,
    last_k(i, oi, ${S.last2}) AS l2k, last_k(i, oi, ${S.last2} + 500) AS l3k, u(i, ${S.double}) < ${doubles}[oi + 1] AS dbl,
    DATE '2007-12-31' - (6570 + floor(24455 * pow((u(i, ${S.dob1}) + u(i, ${S.dob2})) / 2, 1.4)))::INTEGER AS dob,
    mobile_k(i, ci) AS mk, domain_k(i, ci, ${S.edom}) AS dk, u(i, ${S.estyle}) AS es
    ${each((p, k, s) => `, city_k(${k}, ci, ${s}) AS ${p}_ck, street_k(${k}, ci, ${s} + 3) AS ${p}_sk, house_number(${k}, ci, ${s} + 9) AS ${p}_hn`)} FROM (
  SELECT *, CASE WHEN u(i, ${S.origin}) < 0.12 THEN ((ci + 1 + hm(i, ${S.origin} + 1, ${COUNTRIES.length - 1})) % ${COUNTRIES.length})::INTEGER ELSE ci END AS oi FROM (
  SELECT *, country_of(u(i, ${S.country})) AS ci FROM (${src}) CROSS JOIN pools)))))`;
}

const FILES = ['customers.csv', 'orders.csv', 'leak.csv', 'leak-truth.csv', 'generate.json'];

/** Generates the data set into `out`; returns what generate.json records. */
export async function generateScale(opts) {
  const { customers: N, leak: M, genuineShare: G, ordersPerCustomer: K = 1, seed = 1, out } = opts;
  const log = opts.log ?? ((line) => process.stderr.write(`[generate-scale] ${line}\n`));
  const genuine = Math.round(G * M);
  const others = M - genuine;
  const started = performance.now();
  const tmp = join(out, '.generate-tmp');
  mkdirSync(tmp, { recursive: true });
  const pools = await buildPools();
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(opts.threads ?? availableParallelism()),
    memory_limit: opts.memoryLimit ?? '8GB',
    temp_directory: tmp,
    preserve_insertion_order: 'true',
  });
  const db = await instance.connect();
  const files = {};
  const steps = {};
  try {
    for (const sql of [poolsTableSql(pools), ...macrosSql(pools, seed, N)]) await db.run(sql);
    const version = (await db.runAndReadAll('SELECT version()')).getRows()[0][0];
    // CPU seconds (all DuckDB threads run in this process) tell the work apart from waiting on a
    // machine shared with other jobs.
    const cpuSince = (c0) => {
      const c = process.cpuUsage(c0);
      return round((c.user + c.system) / 1e6);
    };
    const timed = async (name, sql) => {
      const t = performance.now();
      const c0 = process.cpuUsage();
      await db.run(sql);
      steps[name] = { seconds: round((performance.now() - t) / 1000), cpuSeconds: cpuSince(c0) };
      log(`${name}: ${steps[name].seconds} s (CPU ${steps[name].cpuSeconds} s)`);
    };
    const copy = async (file, rows, query) => {
      const path = join(out, file);
      const t = performance.now();
      const c0 = process.cpuUsage();
      const timer = setInterval(() => {
        const s = (performance.now() - t) / 1000;
        const bytes = existsSync(path) ? statSync(path).size : 0;
        log(`${file}: ${mb(bytes)} MB after ${s.toFixed(0)} s (${mb(bytes / s)} MB/s)`);
      }, 10_000);
      try {
        await db.run(`COPY (${query}) TO ${q(path)} (FORMAT csv, HEADER, DELIMITER ',')`);
      } finally {
        clearInterval(timer);
      }
      const seconds = round((performance.now() - t) / 1000);
      const cpuSeconds = cpuSince(c0);
      const count = typeof rows === 'number' ? rows : Number((await db.runAndReadAll(rows)).getRows()[0][0]);
      files[file] = {
        rows: count,
        bytes: statSync(path).size,
        seconds,
        cpuSeconds,
        rowsPerSecond: Math.round(count / Math.max(seconds, 0.01)),
      };
      log(
        `${file}: ${count} rows, ${mb(files[file].bytes)} MB in ${seconds} s, CPU ${cpuSeconds} s (${files[file].rowsPerSecond} rows/s)`,
      );
    };

    // People are customers [0, N) and non-customers [N, N + others). Emails must be unique, as one
    // address is one person: when people share a raw email, the first (smallest index) keeps it,
    // the others add a number (`tier` 1) unless that is taken too, and then their index
    // (`local.<index+1>`, a form no other email takes: tier 2).
    log(`customers ${N}, leak ${M} (${genuine} genuine), orders/customer ${K}, seed ${seed}`);
    const person = (src, addrs = [['a', 'i', ADDR.a]]) => personSql(src, pools, addrs);
    // Scanning a materialised id table uses every core; range() as the direct source only one.
    await timed('ids', `CREATE TABLE ids AS SELECT range AS i FROM range(${N + others})`);
    await timed(
      'emails',
      `CREATE TABLE raw AS SELECT i, hash(email_raw) AS hh, hash(email_2) AS h2
       FROM (${person('SELECT i, 0 AS tier FROM ids')});
       DROP TABLE ids`,
    );
    // Collisions are found by aggregating hashes, in slices of the hash space above 40M people so
    // that each slice's hash table stays a few GB (at 100M+ people one table would not fit 8 GB).
    const slices = Math.max(1, Math.ceil((N + others) / 40e6));
    await db.run('CREATE TABLE taken (i BIGINT, h2 UBIGINT); CREATE TABLE taken2 (h2 UBIGINT)');
    for (let part = 0; part < slices; part++) {
      const slice = (col) => (slices === 1 ? 'true' : `${col} % ${slices} = ${part}`);
      await timed(
        `email-collisions${slices === 1 ? '' : ` ${part + 1}/${slices}`}`,
        `INSERT INTO taken SELECT r.i, r.h2 FROM raw r
           JOIN (SELECT hh, min(i) AS first FROM raw WHERE ${slice('hh')} GROUP BY hh HAVING count(*) > 1) g
           ON r.hh = g.hh AND r.i <> g.first`,
      );
    }
    // A second try (tier 1) fails if two people try the same email or if it is anyone's first choice.
    for (let part = 0; part < slices; part++) {
      const slice = (col) => (slices === 1 ? 'true' : `${col} % ${slices} = ${part}`);
      await timed(
        `second-choices${slices === 1 ? '' : ` ${part + 1}/${slices}`}`,
        `INSERT INTO taken2 SELECT x FROM (SELECT hh AS x, true AS first FROM raw WHERE ${slice('hh')}
           UNION ALL SELECT h2, false FROM taken WHERE ${slice('h2')})
         GROUP BY x HAVING count(*) FILTER (NOT first) > 0 AND count(*) > 1`,
      );
    }
    await timed(
      'people',
      `CREATE TABLE people AS SELECT r.i, CASE WHEN t.i IS NULL THEN 0 WHEN t.h2 IN (SELECT h2 FROM taken2) THEN 2 ELSE 1 END::TINYINT AS tier
       FROM raw r LEFT JOIN taken t ON r.i = t.i ORDER BY r.i;
       DROP TABLE raw; DROP TABLE taken; DROP TABLE taken2`,
    );
    const tiers = (
      await db.runAndReadAll('SELECT count(*) FILTER (tier = 1), count(*) FILTER (tier = 2) FROM people')
    )
      .getRows()[0]
      .map(Number);
    const percent = (x) => `${((100 * x) / (N + others)).toFixed(2)}%`;
    log(
      `emails already taken by an earlier person: ${percent(tiers[0])} of people added a number, ${percent(tiers[1])} their index`,
    );

    await copy(
      'customers.csv',
      N,
      `SELECT cid(i) AS customer_id, fname AS first_name, lname AS last_name, email, nat_phone(cc, nsn) AS phone,
         strftime(dob, '%Y-%m-%d') AS date_of_birth, a_line AS street, a_postcode AS postcode, a_city AS city,
         cc AS country, strftime(created_of(i), '%Y-%m-%d %H:%M:%S') AS created_at, ip AS signup_ip
       FROM (${person(`SELECT i, tier FROM people WHERE i < ${N}`)})`,
    );

    // Orders: floor(2K·u + v) per customer has mean K; ids are unique, the address is another
    // one for 10% (gifts, work), the recipient another first name for 5%.
    const perCustomer = Math.floor(2 * K) + 2;
    await copy(
      'orders.csv',
      `SELECT coalesce(sum(floor(2 * ${K} * u(i, ${S.ocount}) + u(i, ${S.ocount2}))::BIGINT), 0) FROM people WHERE i < ${N}`,
      `SELECT 'SO' || lpad((o + 1)::VARCHAR, ${Math.max(9, String(N * perCustomer).length)}, '0') AS order_id, cid(i) AS customer_id, email,
         CASE WHEN u(o, ${S.oname}) < 0.05 THEN p_first[first_k(o, oi, ${S.ofirst})] ELSE fname END || ' ' || lname AS ship_name,
         ${otherAddress(`u(o, ${S.oalt}) < 0.1`, 'o', ADDR.o, ['ship_street', 'ship_postcode', 'ship_city'])},
         cc AS ship_country,
         e164(cc, nsn) AS phone,
         strftime(created_of(i) + to_seconds(floor((1767225599 - epoch(created_of(i))) * u(o, ${S.odate}))::BIGINT),
           '%Y-%m-%d %H:%M:%S') AS order_date,
         round(greatest(2.5, exp(3.4 + 0.8 * sqrt(-2 * ln(1 - u(o, ${S.ototal}))) * cos(2 * pi() * u(o, ${S.ototal} + 1)))), 2)::DECIMAL(12, 2) AS total
       FROM (${person(
         `SELECT i, tier, i * ${perCustomer} + k AS o FROM (SELECT i, tier, unnest(range(floor(2 * ${K} * u(i, ${S.ocount}) + u(i, ${S.ocount2}))::BIGINT)) AS k
          FROM people WHERE i < ${N})`,
       )})`,
    );

    await leakTables(db, { N, genuine, timed, log });
    await copy('leak.csv', M, leakSql(person));
    await copy(
      'leak-truth.csv',
      M,
      `SELECT rowid + 1 AS row, CASE WHEN i < ${N} THEN cid(i) END AS customer_id FROM leak_plan`,
    );
    return { version, files, steps, emailTiers: tiers, genuine, others, started };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/**
 * leak_plan: the leak's rows in file order (its rowid + 1 is the row number): `genuine` customers
 * drawn without replacement (the smallest seeded hashes; with replacement if more than N), and all
 * non-customers, shuffled by another seeded hash.
 */
async function leakTables(db, { N, genuine, timed, log }) {
  if (genuine <= N) {
    // Prefilter by a hash threshold 6 sigma above the needed share, so only a small set is sorted.
    const p = genuine / N;
    const t = Math.min(1, p + 6 * Math.sqrt((p * (1 - p)) / N) + 20 / N);
    const threshold = t >= 1 ? (1n << 64n) - 1n : BigInt(Math.floor(t * 2 ** 53)) << 11n;
    for (const limit of [threshold, (1n << 64n) - 1n]) {
      await db.run('DROP TABLE IF EXISTS picks');
      await timed(
        'leak-picks',
        `CREATE TABLE picks AS SELECT i, tier, i AS k FROM people
         WHERE i < ${N} AND h(i, ${S.pick}) <= ${limit}::UBIGINT ORDER BY h(i, ${S.pick}), i LIMIT ${genuine}`,
      );
      const got = Number((await db.runAndReadAll('SELECT count(*) FROM picks')).getRows()[0][0]);
      if (got === genuine) break;
      log(`prefilter kept ${got} of ${genuine} customers, sorting them all`);
    }
  } else {
    await timed(
      'leak-picks',
      `CREATE TABLE picks AS SELECT p.i, p.tier, s.k FROM (SELECT hm(j, ${S.pick}, ${N}) AS i, (1::BIGINT << 50) + j AS k
         FROM range(${genuine}) t(j)) s JOIN people p USING (i)`,
    );
  }
  await timed(
    'leak-plan',
    `CREATE TABLE leak_plan AS SELECT i, tier FROM (SELECT i, tier, k FROM picks UNION ALL SELECT i, tier, i AS k FROM people WHERE i >= ${N})
     ORDER BY h(k, ${S.shuffle}), k`,
  );
}

/** The leak's own schema, with the perturbations of a copy that went through other hands. */
function leakSql(person) {
  const x = (salt) => `hm(r, ${salt}, 1000000007)`;
  const typoIn = (col, side) =>
    `CASE WHEN u(r, ${S.typo}) < 0.04 AND (u(r, ${S.which}) < 0.5) = ${side} THEN typo(${col}, ${x(S.typo2)}) ELSE ${col} END`;
  const name = `${typoIn('fname', true)} || CASE WHEN u(r, ${S.middle}) < 0.08 THEN ' ' || chr((65 + hm(r, ${S.middle2}, 26))::INTEGER) || '.' ELSE '' END
    || ' ' || ${typoIn('lname', false)}`;
  return `SELECT user_of(u(i, ${S.user}), i, f, l, dob) AS username,
      CASE WHEN u(r, ${S.upper}) < 0.03 THEN upper(${name}) ELSE ${name} END AS full_name,
      CASE WHEN u(r, ${S.noemail}) < 0.10 THEN NULL ELSE email END AS user_email,
      CASE WHEN u(r, ${S.nodob}) < 0.01 THEN NULL ELSE strftime(dob, '%d/%m/%Y') END AS dob,
      CASE WHEN u(r, ${S.nophone}) < 0.03 THEN NULL WHEN u(r, ${S.fmt}) < 0.45 THEN e164(cc, nsn)
        WHEN u(r, ${S.fmt}) < 0.70 THEN intl(cc, nsn) WHEN u(r, ${S.fmt}) < 0.90 THEN nat_phone(cc, nsn)
        ELSE compact(cc, nsn) END AS mobile,
      ${otherAddress(`u(r, ${S.moved}) < 0.05`, 'i', ADDR.b, ['address', 'zip', 'town'])}, cc AS country_code,
      CASE WHEN u(r, ${S.newip}) < 0.40 THEN ip_of(r, ci, ${ADDR.leakIp}) ELSE ip END AS ip_address
    FROM (${person('SELECT rowid + 1 AS r, i, tier FROM leak_plan')})`;
}

/**
 * Street line, postcode and city as `names`: another address of the same country when `when`
 * holds (a move, a gift), else the person's. Written inline rather than as a layer, so that only
 * the few rows that need it compute it.
 */
function otherAddress(when, key, salt, names) {
  const ck = `city_k(${key}, ci, ${salt})`;
  const line = `address_line(cc, p_street[street_k(${key}, ci, ${salt} + 3)], house_number(${key}, ci, ${salt} + 9))`;
  const entry = `entry_k(${key}, ${ck}, ${salt} + 4, p_city_first, p_city_count)`;
  const postcode = `postcode_of(${key}, ${entry}, ${salt} + 5, p_entry_kind, p_entry_from, p_entry_span, p_entry_width, p_entry_prefix)`;
  const [lineName, postcodeName, cityName] = names;
  return [
    `CASE WHEN ${when} THEN ${line} ELSE a_line END AS ${lineName}`,
    `CASE WHEN ${when} THEN ${postcode} ELSE a_postcode END AS ${postcodeName}`,
    `CASE WHEN ${when} THEN p_city_name[${ck}] ELSE a_city END AS ${cityName}`,
  ].join(', ');
}

const round = (x) => Math.round(x * 100) / 100;
const mb = (bytes) => (bytes / 1e6).toFixed(1);

/** `10M` → 10000000; plain numbers, `1e6` and `_` separators too. */
function parseCount(text, name) {
  const m = /^(\d[\d_]*(?:\.\d+)?(?:e\d+)?)([kmg]?)$/i.exec(String(text ?? '').trim());
  const value = m
    ? Number(m[1].replaceAll('_', '')) * { '': 1, k: 1e3, m: 1e6, g: 1e9 }[m[2].toLowerCase()]
    : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 0)
    throw usage(`--${name} must be a non-negative integer, got ${text}`);
  return value;
}

function usage(message) {
  return Object.assign(new Error(message), { exitCode: 2 });
}

function parseOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        customers: { type: 'string' },
        leak: { type: 'string' },
        'genuine-share': { type: 'string' },
        'orders-per-customer': { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean' },
        threads: { type: 'string' },
        'memory-limit': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw usage(`${error.message} (see --help)`);
  }
  const { values } = parsed;
  if (values.help) return { help: true };
  for (const required of ['customers', 'leak', 'genuine-share', 'out']) {
    if (values[required] === undefined) throw usage(`--${required} is required (see --help)`);
  }
  const opts = {
    customers: parseCount(values.customers, 'customers'),
    leak: parseCount(values.leak, 'leak'),
    genuineShare: Number(values['genuine-share']),
    ordersPerCustomer:
      values['orders-per-customer'] === undefined ? 1 : Number(values['orders-per-customer']),
    seed: values.seed === undefined ? 1 : parseCount(values.seed, 'seed'),
    out: resolve(values.out),
    force: values.force === true,
    threads: values.threads === undefined ? undefined : parseCount(values.threads, 'threads'),
    memoryLimit: values['memory-limit'],
  };
  if (opts.customers < 1) throw usage('--customers must be at least 1');
  if (!(opts.genuineShare >= 0 && opts.genuineShare <= 1))
    throw usage('--genuine-share must be between 0 and 1');
  if (!(opts.ordersPerCustomer >= 0 && opts.ordersPerCustomer <= 1000))
    throw usage('--orders-per-customer must be 0..1000');
  if (opts.seed > 2 ** 40) throw usage('--seed must be below 2^40');
  return opts;
}

async function main(argv) {
  const opts = parseOptions(argv);
  if (opts.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (existsSync(opts.out) && readdirSync(opts.out).length > 0 && !opts.force) {
    throw usage(`${opts.out} exists and is not empty: choose another --out or add --force to overwrite`);
  }
  mkdirSync(opts.out, { recursive: true });
  for (const file of FILES) rmSync(join(opts.out, file), { force: true });
  rmSync(join(opts.out, '.generate-tmp'), { recursive: true, force: true });
  // generate.json is written last: its presence marks a complete set.
  let result;
  try {
    result = await generateScale(opts);
  } finally {
    rmSync(join(opts.out, '.generate-tmp'), { recursive: true, force: true });
  }
  const seconds = round((performance.now() - result.started) / 1000);
  const summary = {
    generator: 'bench/generate-scale.js',
    duckdb: result.version,
    parameters: {
      customers: opts.customers,
      leak: opts.leak,
      genuineShare: opts.genuineShare,
      ordersPerCustomer: opts.ordersPerCustomer,
      seed: opts.seed,
    },
    rows: {
      customers: opts.customers,
      orders: result.files['orders.csv'].rows,
      leak: opts.leak,
      leakGenuine: result.genuine,
      leakNotCustomers: result.others,
      emailsWithNumberAdded: result.emailTiers[0],
      emailsWithIndex: result.emailTiers[1],
    },
    files: result.files,
    steps: result.steps,
    seconds,
    cpuSeconds: round((process.cpuUsage().user + process.cpuUsage().system) / 1e6),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    threads: opts.threads ?? availableParallelism(),
    generatedAt: new Date().toISOString(),
  };
  writeFileSync(join(opts.out, 'generate.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stderr.write(`[generate-scale] done in ${seconds} s: ${opts.out}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`generate-scale: ${error.message}\n`);
    process.exitCode = error.exitCode ?? 1;
  });
}
