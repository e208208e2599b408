import {
  type DuckDBAppender,
  DuckDBBitValue,
  DuckDBBlobValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  type DuckDBValueConverter,
  JSDuckDBValueConverter,
  jsToDuckDBValue,
  timestampTZValue,
} from '@duckdb/node-api';
import type { SqlResultValue, SqlValue } from './types.js';

/** 64-bit and wider integers: a number when exact, else a decimal string (never a bigint). */
function integerOut(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

/** The converter behind `all()`: plain JS values that JSON.stringify and `===` handle. */
export const toResultValue: DuckDBValueConverter<SqlResultValue> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return integerOut(value as bigint);
    case DuckDBTypeId.BLOB:
      return Buffer.from((value as DuckDBBlobValue).bytes);
    case DuckDBTypeId.BIT:
      return (value as DuckDBBitValue).toString();
    default: {
      const js = JSDuckDBValueConverter(value, type, converter as never);
      return typeof js === 'bigint' ? integerOut(js) : (js as SqlResultValue);
    }
  }
};

/** Parameter values: bytes are BLOBs, Dates are TIMESTAMPTZs (instants); the rest DuckDB infers. */
export function toParam(value: SqlValue): DuckDBValue {
  if (value instanceof Uint8Array) return new DuckDBBlobValue(value);
  if (value instanceof Date) return timestampTZValue(BigInt(value.getTime()) * 1000n);
  return value;
}

/**
 * BIT values are DuckDB's bitstrings: a padding-count byte, then the bits MSB first. Bytes
 * given for a BIT column are the bits themselves (as `bits::BLOB` returns them).
 */
function bitFromBytes(bytes: Uint8Array): DuckDBBitValue {
  const data = new Uint8Array(bytes.length + 1);
  data.set(bytes, 1);
  return new DuckDBBitValue(data);
}

export type AppendOne = (appender: DuckDBAppender, value: SqlValue) => void;

/**
 * One typed append function per column, chosen once per batch: calling the typed
 * `appendVarchar` etc. directly is ~25% faster than converting whole data chunks.
 */
export function appenderFor(type: DuckDBType): AppendOne {
  const wrap =
    (append: (a: DuckDBAppender, v: never) => void): AppendOne =>
    (a, v) => {
      if (v === null || v === undefined) a.appendNull();
      else append(a, v as never);
    };
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      return wrap((a, v: SqlValue) => a.appendVarchar(typeof v === 'string' ? v : String(v)));
    case DuckDBTypeId.INTEGER:
      return wrap((a, v: number) => a.appendInteger(Number(v)));
    case DuckDBTypeId.SMALLINT:
      return wrap((a, v: number) => a.appendSmallInt(Number(v)));
    case DuckDBTypeId.BIGINT:
      return wrap((a, v: number | bigint) => a.appendBigInt(BigInt(v)));
    case DuckDBTypeId.DOUBLE:
      return wrap((a, v: number) => a.appendDouble(Number(v)));
    case DuckDBTypeId.BOOLEAN:
      return wrap((a, v: boolean) => a.appendBoolean(Boolean(v)));
    case DuckDBTypeId.BLOB:
      return wrap((a, v: Uint8Array) => a.appendBlob(v));
    case DuckDBTypeId.BIT:
      return wrap((a, v: Uint8Array) => a.appendBit(bitFromBytes(v)));
    default:
      return wrap((a, v: SqlValue) => a.appendValue(jsToDuckDBValue(v as never, type), type));
  }
}
