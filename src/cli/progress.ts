import type { CliIo } from './io.js';

export interface Progress {
  /**
   * `fraction` (0..1), when given, is how far the work is, for the percentage and ETA when
   * the count has no known total (rows of a file measured in bytes read).
   */
  update(done: number, detail?: string, fraction?: number): void;
  finish(message?: string): void;
}

const REDRAW_MS = 200;

/**
 * A one-line progress indicator on stderr: percentage, rate and ETA when the total is
 * known. On a terminal it redraws in place; otherwise it prints a line every few seconds
 * so logs of long CI or batch runs still show the work moving.
 */
export function createProgress(io: CliIo, label: string, total: number | null, unit = 'B'): Progress {
  const started = Date.now();
  const tty = io.stderr.isTTY === true;
  const interval = tty ? REDRAW_MS : 5000;
  let last = 0;
  let drawn = false;
  const render = (done: number, detail: string, fraction?: number): string => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const parts = [label];
    const share =
      total !== null && total > 0
        ? Math.min(1, done / total)
        : fraction === undefined
          ? null
          : Math.min(1, fraction);
    if (share !== null) {
      parts.push(`${(share * 100).toFixed(1)}%`);
      if (share > 0 && share < 1) parts.push(`ETA ${formatDuration((seconds * (1 - share)) / share)}`);
    }
    parts.push(`${formatCount(rate, unit)}/s`);
    if (detail) parts.push(detail);
    return parts.join('  ');
  };
  return {
    update(done, detail = '', fraction) {
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      drawn = true;
      const line = render(done, detail, fraction);
      io.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    },
    finish(message) {
      if (tty && drawn) io.stderr.write('\r\x1b[2K');
      if (message) io.stderr.write(`${message}\n`);
    },
  };
}

export function formatCount(n: number, unit = ''): string {
  const suffix = unit === 'B' ? 'B' : unit ? ` ${unit}` : '';
  if (unit === 'B') {
    if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} G${suffix}`;
    if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} M${suffix}`;
    if (n >= 1024) return `${(n / 1024).toFixed(1)} K${suffix}`;
    return `${Math.round(n)} ${suffix}`;
  }
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G${suffix}`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M${suffix}`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k${suffix}`;
  return `${Math.round(n)}${suffix}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
