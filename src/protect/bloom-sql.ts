import type { FieldKind } from '../core/types.js';
import { quoteIdent } from '../store/sql.js';
import type { SqlStep } from '../store/types.js';
import { type BloomLayout, bloomSubkeyLabel, checkLayout } from './bloom.js';
import { hmacHexSql } from './fingerprint.js';
import { deriveSubkey, type SecretKey } from './key.js';

/** A SQL string literal; only used for our own field names, which are never hostile. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * DuckDB SQL for the bigrams of a VARCHAR expression (repeats kept), padded with a space at
 * both ends, by code point (DuckDB's `substr` and `length` count code points, like `Array.from`).
 */
export function bigramsSql(valueExpr: string): string {
  const padded = `(' ' || (${valueExpr}) || ' ')`;
  return `list_transform(range(1, length(${padded})), i -> substr(${padded}, i, 2))`;
}

/**
 * SQL selecting `(field, bigram, pos)` for every distinct `(field, bigram)` of `source`
 * (a relation with those columns), computing exactly the positions of bloom.ts: one HMAC
 * per bigram and 16-position block, positions = 16-bit words mod l.
 */
export function bloomPositionsSql(master: SecretKey, layout: BloomLayout, source: string): string {
  checkLayout(layout);
  const parts = (Object.entries(layout.k) as [FieldKind, number][]).map(([field, k]) => {
    const subkey = deriveSubkey(master, bloomSubkeyLabel(layout, field));
    const blocks = Math.ceil(k / 16);
    const mac = hmacHexSql(subkey, `block::VARCHAR || ':' || bigram`);
    return `SELECT ${literal(field)} AS field, bigram,
        (('0x' || substr(mac, 4 * slot + 1, 4))::INTEGER % ${layout.bits})::INTEGER AS pos
      FROM (SELECT bigram, block, ${mac} AS mac
            FROM (SELECT DISTINCT bigram FROM ${source} WHERE field = ${literal(field)}) AS b,
                 range(${blocks}) AS r(block)) AS m,
           range(16) AS s(slot)
      WHERE block * 16 + slot < ${k}`;
  });
  return parts.join('\nUNION ALL\n');
}

export interface BloomStepsInput {
  readonly master: SecretKey;
  readonly layout: BloomLayout;
  /** A relation with columns `record_id`, `field` (a FieldKind) and `value` (normalised). */
  readonly input: string;
  /** Output table: `record_id`, `bloom` (BIT of l bits), `bits` (its popcount). */
  readonly output: string;
}

/**
 * Steps (for `Workspace.runSteps`) encoding every record of `input` with `layout`,
 * identical bit for bit to `BloomEncoder.encode` in JS. Each distinct bigram's positions
 * are folded into one mask, so a record's filter is the OR of its bigrams' masks. The
 * mask table is a codebook (with it anyone could decode filters), so it only ever lives
 * as a temp table; the bigram relation is a view, never stored.
 */
export function bloomStepsSql({ master, layout, input, output }: BloomStepsInput): SqlStep[] {
  const fields = Object.keys(layout.k).map(literal).join(', ');
  const bigramView = `${output}_bigrams`;
  const distinctTable = `${output}_distinct_bigrams`;
  const maskTable = `${output}_masks`;
  return [
    {
      outputTable: bigramView,
      // Repeated bigrams are kept: OR-ing a mask twice changes nothing, and de-duplicating
      // per value (list_distinct) costs more than the duplicates do.
      sql: `SELECT record_id, field, substr(padded, unnest(range(1, length(padded))), 2) AS bigram
            FROM (SELECT record_id, field, ' ' || value || ' ' AS padded FROM ${quoteIdent(input)}
                  WHERE value IS NOT NULL AND value <> '' AND field IN (${fields}))`,
    },
    // Materialised once (a few thousand rows), so the per-field HMAC queries below do not
    // each re-split every value.
    {
      outputTable: distinctTable,
      materialise: true,
      sql: `SELECT DISTINCT field, bigram FROM ${quoteIdent(bigramView)}`,
    },
    {
      outputTable: maskTable,
      materialise: true,
      sql: `SELECT field, bigram, bitstring_agg(pos, 0, ${layout.bits - 1}) AS mask
            FROM (${bloomPositionsSql(master, layout, quoteIdent(distinctTable))})
            GROUP BY field, bigram`,
    },
    {
      outputTable: output,
      sql: `SELECT record_id, bloom, bit_count(bloom)::SMALLINT AS bits
            FROM (SELECT b.record_id, bit_or(m.mask) AS bloom
                  FROM ${quoteIdent(bigramView)} AS b
                  JOIN ${quoteIdent(maskTable)} AS m USING (field, bigram)
                  GROUP BY b.record_id)`,
    },
  ];
}

/**
 * Dice in SQL from two BIT columns and their stored popcounts.
 * Example: `diceSql('s.bloom', 'r.bloom', 's.bits', 'r.bits')`.
 */
export function diceSql(a: string, b: string, aBits: string, bBits: string): string {
  return `(CASE WHEN (${aBits}) + (${bBits}) = 0 THEN 0.0 ELSE 2.0 * bit_count((${a}) & (${b})) / ((${aBits}) + (${bBits})) END)`;
}
