/**
 * Inline SVG charts. Geometry comes from numbers only (through `px`); every label goes
 * through the escaping `html` template, so a field name cannot break out of the markup.
 */
import { formatCount, formatPercent, html, px, type SafeHtml } from './html-escape.js';
import type { LinkageSummary } from './types.js';

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** Horizontal bars, one per comparison field: the share of linked rows agreeing on it. */
export function agreementChart(fields: LinkageSummary['fieldAgreement']): SafeHtml {
  const rowH = 26;
  const labelW = 130;
  const barW = 290;
  const width = labelW + barW + 70;
  const height = fields.length * rowH + 24;
  const bars = fields.map((f, i) => {
    const y = i * rowH + 4;
    const w = clamp01(f.share) * barW;
    return html`<g>
<title>${f.field}: ${formatCount(f.agreeing)} linked rows agree (${formatPercent(f.share)})</title>
<text x="${px(labelW - 10)}" y="${px(y + 15)}" text-anchor="end" class="lbl">${truncate(f.field, 17)}</text>
<rect x="${px(labelW)}" y="${px(y + 2)}" width="${px(barW)}" height="18" class="track" rx="3"></rect>
<rect x="${px(labelW)}" y="${px(y + 2)}" width="${px(w)}" height="18" class="bar" rx="3"></rect>
<text x="${px(labelW + barW + 8)}" y="${px(y + 15)}" class="val">${formatPercent(f.share)}</text>
</g>`;
  });
  const axis = [0, 0.25, 0.5, 0.75, 1].map(
    (t) =>
      html`<text x="${px(labelW + t * barW)}" y="${px(height - 4)}" text-anchor="middle" class="tick">${formatPercent(t)}</text>`,
  );
  return html`<svg class="chart" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img" aria-label="Share of linked rows agreeing, per field">${bars}${axis}</svg>`;
}

/** Vertical bars: how many rows fall in each linkage-probability bin. */
export function histogramChart(bins: LinkageSummary['histogram']): SafeHtml {
  const plotW = 420;
  const plotH = 150;
  const left = 16;
  const top = 16;
  const width = left + plotW + 16;
  const height = top + plotH + 40;
  const max = Math.max(1, ...bins.map((b) => (Number.isFinite(b.count) ? b.count : 0)));
  const slot = bins.length > 0 ? plotW / bins.length : plotW;
  const bars = bins.map((b, i) => {
    const h = (clamp01(b.count / max) || 0) * plotH;
    const x = left + i * slot;
    // High probabilities are links; colour the bins by the level they would fall in.
    const cls = b.lo >= 0.9 ? 'bar' : b.lo >= 0.5 ? 'bar mid' : 'bar low';
    return html`<g>
<title>${formatPercent(b.lo)}–${formatPercent(b.hi)}: ${formatCount(b.count)} rows</title>
<rect x="${px(x + 3)}" y="${px(top + plotH - h)}" width="${px(Math.max(1, slot - 6))}" height="${px(h)}" class="${cls}" rx="2"></rect>
${b.count > 0 ? html`<text x="${px(x + slot / 2)}" y="${px(top + plotH - h - 4)}" text-anchor="middle" class="val">${formatCount(b.count)}</text>` : ''}
</g>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (t) =>
      html`<text x="${px(left + t * plotW)}" y="${px(top + plotH + 16)}" text-anchor="middle" class="tick">${t.toFixed(2)}</text>`,
  );
  return html`<svg class="chart" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img" aria-label="Histogram of linkage probabilities">
<line x1="${px(left)}" y1="${px(top + plotH)}" x2="${px(left + plotW)}" y2="${px(top + plotH)}" class="axis"></line>
${bars}${ticks}
<text x="${px(left + plotW / 2)}" y="${px(height - 4)}" text-anchor="middle" class="tick">linkage probability</text>
</svg>`;
}

/** A share with its interval, drawn on a 0–100% track (used beside the key numbers). */
export function intervalBar(share: number, ci: readonly [number, number]): SafeHtml {
  const w = 200;
  const lo = clamp01(ci[0]) * w;
  const hi = clamp01(ci[1]) * w;
  const x = clamp01(share) * w;
  return html`<svg class="ci" viewBox="0 0 ${px(w + 8)} 14" width="${px(w + 8)}" height="14" aria-hidden="true">
<rect x="4" y="5" width="${px(w)}" height="4" rx="2" class="track"></rect>
<rect x="${px(4 + lo)}" y="3" width="${px(Math.max(2, hi - lo))}" height="8" rx="2" class="range"></rect>
<circle cx="${px(4 + x)}" cy="7" r="3.5" class="point"></circle>
</svg>`;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
