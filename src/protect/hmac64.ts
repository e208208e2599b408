/**
 * HMAC-SHA-256 truncated to its first 64 bits (the stored fingerprint), for millions of
 * short values under one key. Node's `createHmac` costs ~2.3 µs a call on this machine (an
 * object, a key schedule and a digest per value) and DuckDB's two `sha256` calls with hex
 * round trips ~1.4 µs; here the key's inner and outer padded blocks are compressed once, so
 * a value under 56 bytes costs two SHA-256 compressions and no allocation: ~0.7 µs
 * (BENCHMARKS.md, session 7). The tests check it against `node:crypto` on every length
 * across the padding boundaries and on non-ASCII text, and against DuckDB's SQL HMAC
 * (fingerprint.ts), which computed the fingerprints of workspaces indexed before.
 */
import { createHash } from 'node:crypto';

const K = Int32Array.from(
  [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ],
  (k) => k | 0,
);
const IV = Int32Array.from(
  [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
  (v) => v | 0,
);
const BLOCK = 64;

/** The message schedule; its first 16 words are the block being compressed (one thread, no re-entry). */
const W = new Int32Array(64);
/** The chaining state between blocks. */
const state = new Int32Array(8);
const encoder = new TextEncoder();
/** The UTF-8 message and its padding; grows for long values. */
let bytes = new Uint8Array(256);

/** Compresses the block in W[0..15] into `into`, starting from `from` (they may be the same array). */
function compress(from: Int32Array, into: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = from[0]!;
  let b = from[1]!;
  let c = from[2]!;
  let d = from[3]!;
  let e = from[4]!;
  let f = from[5]!;
  let g = from[6]!;
  let h = from[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  into[0] = (from[0]! + a) | 0;
  into[1] = (from[1]! + b) | 0;
  into[2] = (from[2]! + c) | 0;
  into[3] = (from[3]! + d) | 0;
  into[4] = (from[4]! + e) | 0;
  into[5] = (from[5]! + f) | 0;
  into[6] = (from[6]! + g) | 0;
  into[7] = (from[7]! + h) | 0;
}

/** Loads 64 bytes from `at` into W[0..15] as big-endian words. */
function load(from: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) {
    const p = at + 4 * i;
    W[i] = (from[p]! << 24) | (from[p + 1]! << 16) | (from[p + 2]! << 8) | from[p + 3]!;
  }
}

/** Writes `value` as UTF-8 at the start of `bytes` (lone surrogates as U+FFFD, like Buffer) and returns its length. */
function utf8(value: string): number {
  const n = value.length;
  if (bytes.length < 3 * n + 2 * BLOCK) bytes = new Uint8Array(2 * (3 * n + 2 * BLOCK));
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) return encoder.encodeInto(value, bytes).written;
    bytes[i] = c;
  }
  return n;
}

/** The state after compressing one 64-byte block of the key XOR `pad` (RFC 2104). */
function padded(key: Uint8Array, pad: number): Int32Array {
  const block = new Uint8Array(BLOCK);
  const short = key.length > BLOCK ? createHash('sha256').update(key).digest() : key;
  for (let i = 0; i < BLOCK; i++) block[i] = (short[i] ?? 0) ^ pad;
  load(block, 0);
  const out = new Int32Array(8);
  compress(IV, out);
  return out;
}

/**
 * HMAC-SHA-256 under one key, truncated to its first 64 bits: the fingerprints as stored.
 * Linkage only tests them for equality, and at 100M records × 100M sample rows the expected
 * number of chance collisions between different values is about 1e16 / 2^64 ≈ 0.0005; in
 * exchange the feature tables are a third of the size and joins hash 8-byte integers instead
 * of 32-byte blobs. Truncated, the value is still a keyed PRF output: without the key it
 * reveals nothing. Synchronous and single-threaded: its scratch buffers are per module, so
 * each worker thread has its own.
 */
export class Hmac64 {
  readonly #inner: Int32Array;
  readonly #outer: Int32Array;

  constructor(key: Uint8Array) {
    this.#inner = padded(key, 0x36);
    this.#outer = padded(key, 0x5c);
  }

  /**
   * Writes the stored fingerprint of `value` (the first 8 bytes of HMAC(key, its UTF-8) read
   * big-endian) into `out[at]` and `out[at + 1]` as a little-endian unsigned 64-bit integer,
   * as DuckDB holds a UBIGINT: the low 32 bits first (bytes 4-7), then the high (bytes 0-3).
   */
  digestInto(value: string, out: Int32Array | Uint32Array, at: number): void {
    const n = utf8(value);
    // Padding: 0x80, zeros, then the bit length of key block + message as a 64-bit integer.
    const total = Math.ceil((n + 9) / BLOCK) * BLOCK;
    bytes.fill(0, n, total);
    bytes[n] = 0x80;
    const bits = (BLOCK + n) * 8;
    const high = Math.floor(bits / 2 ** 32);
    bytes[total - 8] = high >>> 24;
    bytes[total - 7] = high >>> 16;
    bytes[total - 6] = high >>> 8;
    bytes[total - 5] = high;
    bytes[total - 4] = bits >>> 24;
    bytes[total - 3] = bits >>> 16;
    bytes[total - 2] = bits >>> 8;
    bytes[total - 1] = bits;
    let from = this.#inner;
    for (let block = 0; block < total; block += BLOCK) {
      load(bytes, block);
      compress(from, state);
      from = state;
    }
    // The outer hash: key block, then the 32-byte inner digest and its padding.
    for (let i = 0; i < 8; i++) W[i] = state[i]!;
    W[8] = 0x80000000 | 0;
    W.fill(0, 9, 15);
    W[15] = (BLOCK + 32) * 8;
    compress(this.#outer, state);
    out[at] = state[1]!;
    out[at + 1] = state[0]!;
  }

  /** The truncated HMAC as an unsigned 64-bit integer (what the feature tables store). */
  digest(value: string): bigint {
    const words = new Uint32Array(2);
    this.digestInto(value, words, 0);
    return (BigInt(words[1]!) << 32n) | BigInt(words[0]!);
  }
}
