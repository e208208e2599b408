/** Small text helpers shared by the JSON and SQL dump parsers. */

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * Bytes as text when they are valid UTF-8 without control characters (a name stored in a
 * BLOB), else null so the caller keeps a faithful hex or base64 rendering.
 */
export function decodePrintable(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = fatalUtf8.decode(bytes);
  } catch {
    return null;
  }
  return CONTROL.test(text) ? null : text;
}

/** Bytes from hex digits, or null when the text is not an even run of hex digits. */
export function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Milliseconds since the epoch as ISO-8601, or the text itself when out of Date's range. */
export function millisToIso(text: string): string {
  const ms = Number(text);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return text;
  return new Date(ms).toISOString();
}
