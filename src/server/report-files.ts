/**
 * Serving a run's report bundle. Only the bundle's known file names are served (never a
 * path from the URL), from the run's own directory. report.html is shown with the report's
 * own CSP (inline styles, nothing else); every other file is a download.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { CONTENT_SECURITY_POLICY } from '../report/html.js';
import type { RunRow } from './cases.js';

const TYPES: Readonly<Record<string, string>> = {
  'report.html': 'text/html; charset=utf-8',
  'report.json': 'application/json; charset=utf-8',
  'rows.csv': 'text/csv; charset=utf-8',
  'statement.md': 'text/markdown; charset=utf-8',
  'manifest.json': 'application/json; charset=utf-8',
  'manifest.sig': 'text/plain; charset=utf-8',
  'signing-key.pub.pem': 'application/x-pem-file',
};

export const REPORT_FILES: readonly string[] = Object.keys(TYPES);

/** The report page's CSP: the report's own (it inlines its CSS), and never framed. */
export const REPORT_CSP = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'; form-action 'none'`;

/** A Response for one file of a finished run's bundle, or null when there is none. */
export async function reportFileResponse(
  workspace: string,
  run: RunRow,
  file: string,
  inline: boolean,
): Promise<Response | null> {
  const type = TYPES[file];
  if (type === undefined || run.status !== 'done' || !run.report_dir) return null;
  // The directory comes from our database, but it must still lie inside the workspace.
  const root = resolve(workspace, 'reports') + sep;
  const dir = resolve(run.report_dir);
  if (!dir.startsWith(root)) return null;
  const path = join(dir, file);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return null;
  const headers = new Headers({
    'Content-Type': type,
    'Content-Length': String(info.size),
    'Cache-Control': 'no-store',
  });
  if (inline && file === 'report.html') headers.set('Content-Security-Policy', REPORT_CSP);
  else headers.set('Content-Disposition', `attachment; filename="run-${run.id.slice(0, 8)}-${file}"`);
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}
