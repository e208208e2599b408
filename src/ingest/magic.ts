/**
 * Magic bytes: what the first bytes of a file or archive member say it is. Containers we read
 * (gzip, zip) are recognised here, and so are the binary files people attach by mistake, so
 * the error can name them ("a PNG image") instead of a vague parse failure.
 */

/** What the first bytes of a file or member say it is. */
export type Magic =
  | { readonly kind: 'gzip' }
  | { readonly kind: 'zip' }
  | { readonly kind: 'unsupported-compression'; readonly label: string }
  | { readonly kind: 'binary'; readonly label: string };

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false;
  return bytes.every((b, i) => head[at + i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

const COMPRESSIONS: readonly (readonly [readonly number[], string])[] = [
  [ascii('BZh'), 'bzip2'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7-zip'],
  [ascii('Rar!\x1a\x07'), 'rar'],
  [[0x04, 0x22, 0x4d, 0x18], 'lz4'],
];

const BINARIES: readonly (readonly [readonly number[], string])[] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [ascii('GIF8'), 'a GIF image'],
  [ascii('%PDF'), 'a PDF document'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [ascii('SQLite format 3\0'), 'an SQLite database'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'a legacy Office document (xls/doc)'],
  [ascii('PAR1'), 'a Parquet file'],
  [[0x00, 0x61, 0x73, 0x6d], 'a WebAssembly module'],
  [[0xca, 0xfe, 0xba, 0xbe], 'a Mach-O or Java class file'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'a Mach-O executable'],
];

/** Identifies containers and well-known binary files by their magic bytes; null for anything else. */
export function identifyMagic(head: Uint8Array): Magic | null {
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'gzip' };
  if (startsWith(head, [0x50, 0x4b]) && [3, 5, 7].includes(head[2] ?? 0) && head[3] === (head[2] ?? 0) + 1) {
    return { kind: 'zip' };
  }
  for (const [bytes, label] of COMPRESSIONS) {
    if (startsWith(head, bytes)) return { kind: 'unsupported-compression', label };
  }
  for (const [bytes, label] of BINARIES) if (startsWith(head, bytes)) return { kind: 'binary', label };
  // "MZ" alone could start a text line; a real PE header follows it with binary bytes.
  if (startsWith(head, ascii('MZ')) && head.length > 3 && ((head[2] ?? 0) < 0x09 || (head[3] ?? 0) === 0)) {
    return { kind: 'binary', label: 'a Windows executable' };
  }
  if (startsWith(head, ascii('ustar'), 257)) return { kind: 'binary', label: 'a tar archive' };
  return null;
}
