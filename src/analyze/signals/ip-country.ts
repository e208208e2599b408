import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';

/**
 * IP address → country, offline, from @ip-location-db/geo-whois-asn-country (CC0; its NRO
 * statistics part is CC BY 4.0, attribution to nro.net): sorted inclusive ranges per
 * ISO 3166-1 alpha-2 country. Loaded on first use (~0.4 s for IPv4, the IPv6 table only
 * when an IPv6 address is asked for) and kept for the process.
 */

const PACKAGE = '@ip-location-db/geo-whois-asn-country';

interface Table<T> {
  readonly starts: T;
  readonly ends: T;
  readonly countries: Uint16Array;
  readonly size: number;
}

let v4: Table<Uint32Array> | null | undefined;
let v6: { hi: Table<BigUint64Array>; lo: BigUint64Array; loEnd: BigUint64Array } | null | undefined;

function readCsv(file: string): string | null {
  try {
    const require = createRequire(import.meta.url);
    return readFileSync(require.resolve(`${PACKAGE}/${file}`), 'latin1');
  } catch {
    // Without the database the country signal is simply not computed.
    return null;
  }
}

function code(text: string, at: number): number {
  return (text.charCodeAt(at) << 8) | text.charCodeAt(at + 1);
}

type AddRange = (n: number, start: string, end: string, country: number) => void;

/**
 * Reads the ranges of one CSV file (`start,end,CC` per line) in file order: `prepare` gets
 * the number of lines (an upper bound on the ranges) and returns where each goes. Returns
 * how many ranges there were, or null when the package is missing.
 */
function readRanges(file: string, prepare: (capacity: number) => AddRange): number | null {
  const text = readCsv(file);
  if (text === null) return null;
  const lines = text.split('\n');
  const add = prepare(lines.length);
  let n = 0;
  for (const line of lines) {
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    if (a < 0 || b < 0) continue;
    add(n++, line.slice(0, a), line.slice(a + 1, b), code(line, b + 1));
  }
  return n;
}

function loadV4(): Table<Uint32Array> | null {
  if (v4 !== undefined) return v4;
  let table = { starts: new Uint32Array(0), ends: new Uint32Array(0), countries: new Uint16Array(0) };
  const size = readRanges('geo-whois-asn-country-ipv4-num.csv', (capacity) => {
    table = {
      starts: new Uint32Array(capacity),
      ends: new Uint32Array(capacity),
      countries: new Uint16Array(capacity),
    };
    return (n, start, end, country) => {
      table.starts[n] = Number(start);
      table.ends[n] = Number(end);
      table.countries[n] = country;
    };
  });
  v4 = size === null ? null : { ...table, size };
  return v4;
}

const MASK64 = (1n << 64n) - 1n;

function loadV6(): typeof v6 {
  if (v6 !== undefined) return v6;
  let hiStart = new BigUint64Array(0);
  let hiEnd = new BigUint64Array(0);
  let lo = new BigUint64Array(0);
  let loEnd = new BigUint64Array(0);
  let countries = new Uint16Array(0);
  const size = readRanges('geo-whois-asn-country-ipv6-num.csv', (capacity) => {
    hiStart = new BigUint64Array(capacity);
    hiEnd = new BigUint64Array(capacity);
    lo = new BigUint64Array(capacity);
    loEnd = new BigUint64Array(capacity);
    countries = new Uint16Array(capacity);
    return (n, start, end, country) => {
      const s = BigInt(start);
      const e = BigInt(end);
      hiStart[n] = s >> 64n;
      lo[n] = s & MASK64;
      hiEnd[n] = e >> 64n;
      loEnd[n] = e & MASK64;
      countries[n] = country;
    };
  });
  v6 = size === null ? null : { hi: { starts: hiStart, ends: hiEnd, countries, size }, lo, loEnd };
  return v6;
}

function v4Number(ip: string): number {
  let n = 0;
  for (const part of ip.split('.')) n = n * 256 + Number(part);
  return n;
}

function v6Number(ip: string): bigint {
  const [head = '', tail] = ip.split('::') as [string, string | undefined];
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => BigInt(Number.parseInt(g, 16))));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = [...left, ...new Array<bigint>(8 - left.length - right.length).fill(0n), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

function letters(c: number): string {
  return String.fromCharCode(c >> 8, c & 255);
}

/**
 * Country of a canonical IP address (as normalizeIp writes it), or undefined when the
 * address is in no range (reserved space) or the database is unavailable.
 * @example ipCountry('151.18.254.40') === 'IT'
 */
export function ipCountry(ip: string): string | undefined {
  const version = isIP(ip);
  if (version === 4) {
    const table = loadV4();
    if (!table) return undefined;
    const x = v4Number(ip);
    let lo = 0;
    let hi = table.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (table.starts[mid]! <= x) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && x <= table.ends[hi]! ? letters(table.countries[hi]!) : undefined;
  }
  if (version === 6) {
    const table = loadV6();
    if (!table) return undefined;
    const x = v6Number(ip);
    const xh = x >> 64n;
    const xl = x & MASK64;
    const le = (i: number, h: bigint, l: bigint) =>
      h > table.hi.starts[i]! || (h === table.hi.starts[i]! && l >= table.lo[i]!);
    let lo = 0;
    let hi = table.hi.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (le(mid, xh, xl)) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0) return undefined;
    const eh = table.hi.ends[hi]!;
    const inside = xh < eh || (xh === eh && xl <= table.loEnd[hi]!);
    return inside ? letters(table.hi.countries[hi]!) : undefined;
  }
  return undefined;
}
