/**
 * HTML building that is safe by default. Every value reaches the page through the `html`
 * tagged template, which escapes it for both text and (double-quoted) attribute contexts;
 * only fragments the template itself produced (`SafeHtml`) pass through unescaped. The page
 * never puts data into scripts, URLs, event handlers or unquoted attributes.
 */

/** A fragment of markup built by `html`, trusted because every value in it was escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  // Not needed inside quoted attributes, but it keeps `onerror=` out of the page's bytes
  // entirely, for whoever audits a report by searching it.
  '=': '&#61;',
};

// Controls, zero-width characters, bidi embeddings/overrides/isolates and the BOM: invisible
// in a page, and able to reorder what the reader sees (a name shown "backwards" around the
// values next to it). They are shown as visible escapes, as on the terminal.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Makes a string visible-safe: invisible and direction-changing characters become `\u{…}`. */
export function visibleText(value: string): string {
  return value
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(INVISIBLE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** Escapes `& < > " ' =` and backticks (text and attribute contexts) after `visibleText`. */
export function escapeHtml(value: string): string {
  return visibleText(value).replace(/[&<>"'`=]/g, (c) => ESCAPES[c] ?? c);
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: Interpolated) => render(v)).join('');
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return escapeHtml(String(value));
}

/**
 * Builds markup, escaping every interpolated value unless it is `SafeHtml`.
 * @example html`<td title="${name}">${name}</td>` // name is escaped in both places
 */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks constant markup (CSS, doctype) as trusted; never call it with data. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** `0.412` → `41.2%`; tiny non-zero shares read `<0.1%` rather than a misleading `0.0%`. */
export function formatPercent(share: unknown): string {
  if (!isNum(share)) return '—';
  if (share === 0) return '0%';
  if (share > 0 && share < 0.001) return '<0.1%';
  if (share < 1 && share > 0.999) return '>99.9%';
  return `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** `[0.39, 0.43]` → `39%–43%`. */
export function formatInterval(ci: unknown): string {
  if (!Array.isArray(ci) || ci.length !== 2) return '—';
  return `${formatPercent(ci[0])} – ${formatPercent(ci[1])}`;
}

/** `87000000` → `87,000,000`; null (unknown) → `—`. */
export function formatCount(n: unknown): string {
  return isNum(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

/** A measured value: integers as counts, others with three significant digits. */
export function formatNumber(n: unknown, signed = false): string {
  if (!isNum(n)) return '—';
  const sign = signed && n > 0 ? '+' : '';
  if (Number.isInteger(n)) return sign + n.toLocaleString('en-US');
  const abs = Math.abs(n);
  const text = abs >= 100 ? n.toFixed(0) : String(Number(n.toPrecision(3)));
  return sign + text;
}

/** A number for an SVG or style attribute: finite, rounded, never data text. */
export function px(n: number): string {
  return isNum(n) ? String(Math.round(n * 100) / 100) : '0';
}
