import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, renderHtml } from './html.js';
import { escapeHtml, formatCount, formatNumber, formatPercent, html, visibleText } from './html-escape.js';
import { exampleReport, hostileReport, PAYLOADS } from './test-support/fixtures.js';
import type { RenderableReport } from './types.js';

/**
 * A small tag scanner: since every `<` from data is escaped, each `<` left in the page starts
 * one of our own tags. Returns the tag names and attribute names in document order.
 */
function scan(page: string): { tags: string[]; attributes: string[] } {
  const tags: string[] = [];
  const attributes: string[] = [];
  for (const m of page.matchAll(/<(\/?[a-zA-Z][a-zA-Z0-9-]*|!doctype)([^>]*)>/g)) {
    tags.push(m[1]!.toLowerCase());
    for (const a of (m[2] ?? '').matchAll(/([a-zA-Z-]+)=("[^"]*")?/g)) attributes.push(a[1]!.toLowerCase());
  }
  return { tags, attributes };
}

/** The page text with tags removed and entities decoded, as a reader sees it. */
function visible(page: string): string {
  return page
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const ALLOWED_TAGS = new Set(
  'html head meta title style body main header div h1 h2 h3 p span section code em table thead tbody tr th td dl dt dd pre footer svg g rect text line circle i b strong'.split(
    ' ',
  ),
);

describe('escaping', () => {
  it('escapes text and attribute metacharacters, including backticks', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>\`&`)).toBe(
      '&lt;a href&#61;&quot;x&quot; onclick&#61;&#39;y&#39;&gt;&#96;&amp;',
    );
    const name = '"><script>';
    expect(html`<td title="${name}">${name}</td>`.value).toBe(
      '<td title="&quot;&gt;&lt;script&gt;">&quot;&gt;&lt;script&gt;</td>',
    );
  });

  it('shows bidi overrides and other invisible characters as visible escapes', () => {
    expect(visibleText('abc\u202Egnp.exe')).toBe('abc\\u{202e}gnp.exe');
    expect(visibleText('a\u2066b\u2069c\u200bd\ufeff\u0007')).toBe(
      'a\\u{2066}b\\u{2069}c\\u{200b}d\\u{feff}\\u{7}',
    );
    expect(visibleText('tab\tnewline\n')).toBe('tab\tnewline\n');
    expect(visibleText('\ud800x')).toBe('\ufffdx');
  });

  it('formats numbers for readers', () => {
    expect(formatPercent(0.412)).toBe('41.2%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0004)).toBe('<0.1%');
    expect(formatPercent(0.9996)).toBe('>99.9%');
    expect(formatPercent(Number.NaN)).toBe('—');
    expect(formatCount(87_000_000)).toBe('87,000,000');
    expect(formatCount(null)).toBe('—');
    expect(formatNumber(0.0133)).toBe('0.0133');
    expect(formatNumber(2.5, true)).toBe('+2.5');
    expect(formatNumber(-2.5, true)).toBe('-2.5');
  });

  it('escapes every string position: the page has the same markup whatever the strings hold', () => {
    const baseline = scan(renderHtml(hostileReport()));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (s) => {
        const report = hostileReport();
        const swapped = JSON.parse(
          JSON.stringify(report, (_k, v) => (typeof v === 'string' && PAYLOADS.includes(v as never) ? s : v)),
        );
        expect(scan(renderHtml(swapped as RenderableReport))).toEqual(baseline);
      }),
      { numRuns: 150 },
    );
  });
});

describe('renderHtml', () => {
  it('renders a self-contained page with a strict CSP and nothing external', () => {
    const page = renderHtml(exampleReport());
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    );
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|https?:\/\//i);
    const { tags, attributes } = scan(page);
    expect(tags.filter((t) => !ALLOWED_TAGS.has(t.replace('/', '')) && t !== '!doctype')).toEqual([]);
    expect(attributes.filter((a) => a.startsWith('on') || a === 'href' || a === 'src')).toEqual([]);
  });

  it('shows the verdict, the key numbers, signals, columns, masked rows and provenance', () => {
    const text = visible(renderHtml(exampleReport()));
    for (const expected of [
      'Recycled',
      'confidence 97%',
      'About 41% of the people',
      '3,000',
      '41%',
      '39.2% – 42.8%',
      '87,000,000',
      'reserved-ip-addresses',
      '1.3% of IP addresses',
      'cellulare',
      'date_of_birth',
      'm********i@l*****.it',
      'not linked',
      'a3f1c2d4e5b6978812345678901234567890abcdef1234567890abcdef123456',
      'leakverify 0.1.0',
      'customers',
    ]) {
      expect(text).toContain(expected);
    }
    // Raw PII from the example rows never reaches the page.
    expect(text).not.toContain('mario.rossi@libero.it');
    expect(text).not.toContain('347 123 4567');
  });

  it('renders hostile strings as inert text', () => {
    const page = renderHtml(hostileReport());
    expect(page).not.toMatch(/<script|<img|<svg onload|<iframe|<a /i);
    expect(page).not.toMatch(/onerror=|onload=/i);
    expect(page).not.toContain('\u202E');
    expect(page).not.toContain('\u2066');
    expect(page.match(/<\/style>/g)).toHaveLength(1);
    // Same number of closing tags as the benign page: none came from the data.
    const benign = renderHtml(exampleReport());
    expect(page.match(/<\/title>/g)?.length).toBe(benign.match(/<\/title>/g)?.length);
    const { attributes } = scan(page);
    expect(
      attributes.filter((a) => a.startsWith('on') || a === 'href' || a === 'src' || a === 'srcdoc'),
    ).toEqual([]);
    // The payloads are still there for a reader, as text.
    const text = visible(page);
    expect(text).toContain('<script>window.__pwned=1</script>');
    expect(text).toContain('"><img src=x onerror="window.__pwned=2">');
    expect(text).toContain('abc\\u{202e}gnp.exe');
  });

  it('renders every verdict label with its own badge, and survives a report without extensions', () => {
    for (const label of [
      'authentic',
      'partially-authentic',
      'recycled',
      'fabricated',
      'unrelated',
      'inconclusive',
    ] as const) {
      const page = renderHtml(exampleReport({ verdict: { label, confidence: 0.8, summary: 'x' } }));
      expect(page).toContain(`class="verdict v-${label}"`);
    }
    const { linkage, rowsSample, records, claim, ...core } = exampleReport();
    const page = renderHtml({ ...core, signals: [] });
    expect(visible(page)).toContain('This report carries no linkage details.');
    expect(visible(page)).toContain('No signal fired.');
  });

  it('does not trust the label as a class name', () => {
    const page = renderHtml(
      exampleReport({ verdict: { label: '" onclick="x' as never, confidence: 1, summary: 's' } }),
    );
    expect(page).toContain('class="verdict v-inconclusive"');
    expect(page).not.toContain('onclick');
  });
});
