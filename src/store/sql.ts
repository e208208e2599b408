/**
 * Pure SQL helpers shared by every module that builds SQL. Values always travel as
 * parameters; only identifiers are spliced into SQL text, and only through `quoteIdent`,
 * because sample column names are written by an attacker.
 */

/**
 * Quotes an identifier for DuckDB: wraps it in double quotes and doubles embedded ones.
 * Example: `quoteIdent('a"b')` → `"a""b"`.
 */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a comma-separated identifier list: `quoteIdents(['a', 'b'])` → `"a", "b"`. */
export function quoteIdents(names: readonly string[]): string {
  return names.map(quoteIdent).join(', ');
}

/**
 * Hex literals of 32+ bytes in SQL text are key material (see protect/fingerprint.ts):
 * DuckDB echoes the offending SQL in its error messages, so errors are redacted before
 * they can reach a log or the terminal.
 */
const LONG_HEX = /[0-9a-fA-F]{64,}/g;

export function redactSecrets(text: string): string {
  return text.replace(LONG_HEX, '<redacted>');
}
