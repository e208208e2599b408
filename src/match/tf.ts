/**
 * Term frequencies. Agreeing on a surname half the records share says little; agreeing on
 * one only two records carry says a lot. For an exact agreement on value v, the chance that
 * a random record agrees by accident is v's frequency among the records, so that frequency
 * replaces the field's average u (Splink's term-frequency adjustment). Frequencies are
 * counted on fingerprints, and only for values the sample has.
 */
import { quoteIdent as q } from '../store/sql.js';
import type { SqlStep } from '../store/types.js';
import { T } from './blocking.js';
import { type FingerprintName, fpColumn } from './schema.js';

export const tfTable = (f: FingerprintName): string => `__lv_tf_${f}`;

/**
 * Per fingerprint: (fp, ns, nr, freq): how many sample rows and records carry each value
 * the sample has, and nr as a share of the records that have the field at all.
 */
export function tfSql(sample: string, f: FingerprintName): string {
  const c = fpColumn(f);
  return `SELECT s.fp, s.ns, count(*) AS nr,
    count(*) / (SELECT greatest(count(${c}), 1) FROM ${q(T.records)})::DOUBLE AS freq
  FROM ${q(T.records)} r
  JOIN (SELECT ${c} AS fp, count(*) AS ns FROM ${q(sample)} WHERE ${c} IS NOT NULL GROUP BY 1) s ON r.${c} = s.fp
  GROUP BY s.fp, s.ns`;
}

export const SAMPLE_TF = '__lv_stf';
export const sampleTfColumn = (f: FingerprintName): string => `f_${f}`;

/**
 * The tf tables, then the sample's features with each row's frequencies beside them
 * (`SAMPLE_TF`: the sample's columns but record_id, then f_<fp>...). Pairs look frequencies
 * up by sample row, since an exact agreement has the same value on both sides, and in the
 * same join that brings the sample row's features: a separate join per pair carried every
 * column of both sides through one more hash table (a third of the comparison's time). The
 * price is a temp copy of the sample's features, ~400 bytes a row, which DuckDB spills to the
 * workspace's tmp/ beyond its memory limit.
 */
export function tfSteps(sample: string, fields: Iterable<FingerprintName>): SqlStep[] {
  const list = [...new Set(fields)];
  const lookups = list.map((f, i) => `LEFT JOIN ${q(tfTable(f))} t${i} ON t${i}.fp = s.${fpColumn(f)}`);
  const cols = list.map((f, i) => `t${i}.freq AS ${sampleTfColumn(f)}`);
  return [
    ...list.map((f) => ({ outputTable: tfTable(f), sql: tfSql(sample, f), materialise: true })),
    {
      outputTable: SAMPLE_TF,
      sql: `SELECT s.* EXCLUDE (record_id)${cols.map((c) => `, ${c}`).join('')} FROM ${q(sample)} s ${lookups.join(' ')}`,
      materialise: true,
    },
  ];
}

/**
 * The exact u of a field: the chance that a random (sample row, record) pair, both having the
 * field, agrees on it: Σ_v ns(v)·nr(v) / (Ns·Nr). Computed exactly from the tf table, where
 * random pairs would see no agreement at all on unique keys such as emails.
 */
export function uExactSql(sample: string, f: FingerprintName): string {
  const c = fpColumn(f);
  return `SELECT coalesce(sum(ns * nr), 0)::DOUBLE
    / greatest((SELECT count(${c}) FROM ${q(sample)}) * (SELECT count(${c}) FROM ${q(T.records)}), 1)::DOUBLE AS u
  FROM ${q(tfTable(f))}`;
}
