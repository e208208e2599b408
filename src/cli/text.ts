/**
 * Sample values are attacker-written: before one reaches a terminal, control characters
 * (ANSI escapes that could rewrite the screen, bidi overrides that reorder it) are shown
 * as visible escapes, and long values are cut.
 */
export function safeText(value: string, max = 60): string {
  const escaped = value.replace(
    /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (c) => (c === '\t' ? '\\t' : `\\u{${c.charCodeAt(0).toString(16)}}`),
  );
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/** Renders rows as aligned columns; cells must already be safe text. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
