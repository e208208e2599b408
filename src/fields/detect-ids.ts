import { dominant, type Evidence, pct, put, shareOf } from './evidence.js';

/** Value evidence for identifiers: internal ids, order numbers, house numbers. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_BARE_V4 = /^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/i;
const OBJECT_ID = /^[0-9a-f]{24}$/i;
const NUMERIC = /^\d{1,19}$/;
const PREFIXED_ID = /^([A-Za-z]{1,8})[-_#/.]?(\d{2,})(?:[-_/]\d+)*$/;
const ORDER_PREFIX =
  /^(?:#|ord|order|ordine|ordn?|cmd|com|commande|bst|best|bestell|auf|ped|pedido|inv|fac|fa|rg|so|po)[-_#/.]?\d/i;
const YEAR_SERIAL = /^[A-Za-z]{1,6}[-_/]?(?:19|20)\d{2}[-_/]\d{3,}$/;

export function detectIds(
  values: readonly string[],
  distinct: number,
  uniqueness: number,
  ev: Evidence,
): void {
  let shaped = 0;
  let numeric = 0;
  let order = 0;
  let yearSerial = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const prefixes: string[] = [];
  for (const v of values) {
    const prefixed = PREFIXED_ID.exec(v);
    if (NUMERIC.test(v)) {
      numeric++;
      shaped++;
      const x = Number(v);
      if (x < min) min = x;
      if (x > max) max = x;
    } else if (UUID.test(v) || OBJECT_ID.test(v) || UUID_BARE_V4.test(v)) shaped++;
    else if (prefixed) prefixes.push(`${prefixed[1]!.toUpperCase()}:${prefixed[2]!.length}`);
    if (ORDER_PREFIX.test(v)) order++;
    else if (YEAR_SERIAL.test(v)) yearSerial++;
  }
  // Prefixed ids share one prefix and one digit count (CUST-000123); handles such as
  // "david123" or "mary_45" vary in both.
  const top = dominant(prefixes);
  const consistent = top === undefined ? 0 : prefixes.filter((p) => p === top).length;
  if (consistent >= prefixes.length * 0.8) shaped += prefixes.length;
  // Other house formats (rec-1070-org, CUST/000123/A): the same letters and separators
  // around runs of three or more digits, nearly every value distinct. Usernames vary their
  // letters; ids keep them.
  if (shaped < values.length * 0.5 && uniqueness >= 0.95) {
    const shapes = values.map((v) =>
      /\d{3}/.test(v) && v.length <= 40 ? v.toLowerCase().replace(/\d{3,}/g, '#') : '',
    );
    const shape = dominant(shapes.filter((x) => x !== '' && /[-_/.]/.test(x)));
    const count = shape === undefined ? 0 : shapes.filter((x) => x === shape).length;
    if (count >= values.length * 0.9) shaped = Math.max(shaped, count);
  }
  const n = values.length;
  const orderLike = (order + yearSerial) / n;
  if (shaped === 0 && orderLike === 0) return;
  // Ids grow one by one: their span is close to their count. Phone numbers, amounts and
  // postcodes spread over a range far wider than the sample.
  const dense = numeric / n > 0.9 && n >= 20 && uniqueness >= 0.95 && (max - min + 1) / n <= 10;
  const uniq = uniqueness >= 0.98 ? 1 : 0.45 + 0.45 * uniqueness;
  // A column with a handful of repeated values (0/1 flags, status codes) holds no ids; a
  // handful of distinct values in a handful of rows (a tiny sample) still may.
  const few = distinct < 10 && uniqueness < 0.9 ? 0.2 : 1;
  const idScore = (shaped / n) * uniq * few * (dense ? 0.95 : numeric === shaped ? 0.6 : 0.85);
  const fact = dense
    ? `${pct(uniqueness)} unique numbers in a dense sequence`
    : `${pct(shaped / n)} look like ids`;
  // Order numbers are ids too: the more specific reading wins when the values show it, and
  // otherwise an id-like column is an order number only if its header says so.
  put(ev, 'internal_id', idScore * (1 - 0.25 * orderLike), shaped / n, fact);
  const orderScore = ((order / n) * 0.95 + (yearSerial / n) * 0.7) * (0.6 + 0.4 * uniqueness);
  const orderFact = orderLike > 0 ? `${pct(orderLike)} look like order numbers` : fact;
  put(ev, 'order_id', Math.max(orderScore, idScore * 0.85), Math.max(shaped / n, orderLike), orderFact);
}

/**
 * Small numbers that repeat (1-9999, maybe with a letter) fit house numbers, but as well
 * fit quantities and codes: the values alone score low, so the header must say so.
 */
export function detectHouseNumbers(values: readonly string[], uniqueness: number, ev: Evidence): void {
  const fit = shareOf(values, (v) => /^\d{1,4}\s?[a-zA-Z]?$/.test(v) && v !== '0');
  if (fit < 0.5) return;
  put(ev, 'house_number', fit * (uniqueness < 0.5 ? 0.35 : 0.2), fit, `${pct(fit)} are house-number-like`);
}
