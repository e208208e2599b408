/**
 * Finds which of many strings occur in a large byte buffer, in one pass: each needle is
 * indexed by its first PREFIX bytes, each position of the haystack is looked up once and
 * only candidates sharing the prefix are compared in full. Thousands of needles over a
 * database file of tens of megabytes take about a second.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PREFIX = 6;

/** Needles are compared as UTF-8 bytes; those shorter than PREFIX bytes are refused. */
export function findNeedles(haystack: Buffer, needles: Iterable<string>): Set<string> {
  // latin1 maps each byte to one UTF-16 unit, so string slices are byte slices.
  const text = haystack.toString('latin1');
  const byPrefix = new Map<string, { needle: string; bytes: string }[]>();
  for (const needle of needles) {
    const bytes = Buffer.from(needle, 'utf8').toString('latin1');
    if (bytes.length < PREFIX)
      throw new Error(`needle ${JSON.stringify(needle)} is shorter than ${PREFIX} bytes`);
    const prefix = bytes.slice(0, PREFIX);
    const list = byPrefix.get(prefix);
    if (list) list.push({ needle, bytes });
    else byPrefix.set(prefix, [{ needle, bytes }]);
  }
  const found = new Set<string>();
  for (let i = 0; i + PREFIX <= text.length; i++) {
    const candidates = byPrefix.get(text.slice(i, i + PREFIX));
    if (!candidates) continue;
    for (const c of candidates) if (text.startsWith(c.bytes, i)) found.add(c.needle);
  }
  return found;
}

/** Every regular file under `dir`, recursively, with its bytes. */
export function readTree(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, bytes: readFileSync(path) };
    });
}
