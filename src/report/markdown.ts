/**
 * Neutralising text for Markdown. Column names, banner lines and signal details can come
 * from the sample, so before one lands in statement.md it is made inert: one line, every
 * character Markdown or embedded HTML could act on escaped, URLs defanged (a statement
 * draft should never carry a clickable link the seller chose).
 */
import { visibleText } from './html-escape.js';

const MD_SPECIAL = /[\\`*_[\]()<>#|~&!{}]/g;

/** One inert line of Markdown text: `mdText('**a**\n<b>')` → `\*\*a\*\* \<b\>`. */
export function mdText(value: string, max = 200): string {
  const line = visibleText(value.replace(/[\r\n\u2028\u2029]+/g, ' ')).trim();
  const cut = [...line].length > max ? `${[...line].slice(0, max - 1).join('')}…` : line;
  const defanged = cut
    .replace(/\b(https?|ftp|javascript|data|vbscript|file|mailto):/gi, '$1[:]')
    .replace(/\bwww\./gi, 'www[.]');
  return defanged.replace(MD_SPECIAL, (c) => `\\${c}`);
}

/** `0.412` → `41.2%`, `0` → `0%`, tiny shares `<0.1%`. */
export function pct(share: number): string {
  if (!Number.isFinite(share)) return 'unknown';
  if (share === 0) return '0%';
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

export function count(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'unknown';
}

export const bullets = (lines: readonly string[]): string => lines.map((l) => `- ${l}`).join('\n');
