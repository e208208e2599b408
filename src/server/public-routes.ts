import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { isLeakverifyError } from '../core/errors.js';
import type { ExposureIndex } from './exposure.js';
import {
  caseListPage,
  exposurePage,
  messagePage,
  type PublicCase,
  REPORT_CHANNELS,
  type ReportChannel,
  type ReportFormErrors,
  type ReportFormValues,
  reportFormPage,
  reportThanksPage,
} from './public-pages.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import { staticDir } from './static-files.js';

/**
 * The public side of `leakverify serve`: the exposure check (pages and range API) and the
 * suspicious-activity form. Nothing here needs a login; everything is rate-limited per
 * client, size-limited, and served under a strict CSP.
 */

export type { ReportChannel } from './public-pages.js';
export { REPORT_CHANNELS } from './public-pages.js';

/** A suspicious-activity report as validated by `validateSuspiciousReport`. */
export interface SuspiciousReport {
  /** What happened, at most 4000 characters. */
  readonly what: string;
  readonly channel: ReportChannel;
  /** ISO date `YYYY-MM-DD`, from 2000-01-01 to today. */
  readonly eventDate: string;
  /** The sender's number, address or account, at most 320 characters. */
  readonly sender: string;
  /** How to reach the reporter, at most 320 characters. */
  readonly contact?: string;
}

export interface PublicDeps {
  /** The current index (rebuilt by the server when a case's samples or publication change). */
  exposure: () => ExposureIndex;
  publicCase(id: string): Promise<PublicCase | null>;
  listPublicCases(): Promise<PublicCase[]>;
  submitSuspiciousReport(caseId: string, report: SuspiciousReport): Promise<void>;
  /** Limits range queries per client. */
  rateLimiter: RateLimiter;
  /** The client's key for rate limiting, e.g. its IP address. */
  clientKey(c: Context): string;
  /** Limits report submissions per client (default: 5 at once, then one per minute). */
  reportRateLimiter?: RateLimiter;
  /** Region preselected for phone numbers on the check page (ISO 3166 alpha-2). */
  defaultRegion?: string;
  /** The clock, for tests (default: the system clock). */
  now?: () => Date;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";
export const MAX_REPORT_BODY_BYTES = 16 * 1024;
const MAX_WHAT = 4000;
const MAX_LINE = 320;
const MAX_CASE_ID = 200;

const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Content-Type': 'text/html; charset=utf-8',
};
const API_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

type Status = 200 | 400 | 403 | 404 | 413 | 415 | 429 | 500;

function page(body: string, status: Status = 200, extra: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...PAGE_HEADERS, ...extra } });
}

function json(value: unknown, status: Status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { ...API_HEADERS, ...extra } });
}

// Control characters other than tab and newlines have no business in a report; in a
// one-line field, newlines neither (they would forge lines in logs and exports).
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAKS = /[\r\n\u2028\u2029]/;

function utcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

function checkDate(value: string, now: Date): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return 'Give the date as YYYY-MM-DD.';
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(day).toISOString().slice(0, 10) !== value) return 'This date does not exist.';
  if (day < Date.UTC(2000, 0, 1)) return 'The date must be in 2000 or later.';
  // One day of slack: the reporter's today may be the server's tomorrow.
  if (day > utcDay(now) + 86_400_000) return 'The date cannot be in the future.';
  return undefined;
}

/**
 * Validates a submitted form (strings as posted). Returns the report, or the values to show
 * again with one message per bad field.
 */
export function validateSuspiciousReport(
  form: Readonly<Record<string, unknown>>,
  now: Date = new Date(),
):
  | { ok: true; report: SuspiciousReport }
  | { ok: false; values: ReportFormValues; errors: ReportFormErrors } {
  const text = (key: string): string => {
    const v = form[key];
    return typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '';
  };
  const values = {
    what: text('what'),
    channel: text('channel'),
    eventDate: text('eventDate'),
    sender: text('sender'),
    contact: text('contact'),
  };
  const errors: Record<string, string> = {};
  if (values.what === '') errors.what = 'Tell us what happened.';
  else if (values.what.length > MAX_WHAT) errors.what = `At most ${MAX_WHAT} characters, please.`;
  else if (CONTROLS.test(values.what)) errors.what = 'The text contains control characters.';
  if (!(REPORT_CHANNELS as readonly string[]).includes(values.channel))
    errors.channel = 'Choose how you were contacted.';
  const dateError = checkDate(values.eventDate, now);
  if (dateError) errors.eventDate = dateError;
  for (const key of ['sender', 'contact'] as const) {
    const v = values[key];
    if (v === '' && key === 'sender') errors[key] = "Give the sender's number, address or account.";
    else if (v.length > MAX_LINE) errors[key] = `At most ${MAX_LINE} characters, please.`;
    else if (CONTROLS.test(v) || LINE_BREAKS.test(v))
      errors[key] = 'Use a single line without control characters.';
  }
  if (Object.keys(errors).length > 0) {
    // Over-long values are cut before being shown again, so an error page stays small.
    const shown = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.slice(0, MAX_WHAT)]));
    return { ok: false, values: shown, errors };
  }
  const report: SuspiciousReport = {
    what: values.what,
    channel: values.channel as ReportChannel,
    eventDate: values.eventDate,
    sender: values.sender,
    ...(values.contact !== '' ? { contact: values.contact } : {}),
  };
  return { ok: true, report };
}

interface StaticFile {
  readonly body: Uint8Array;
  readonly type: string;
  readonly etag: string;
}

/** Where a page asset is: the server's static folder, or libphonenumber-js's own browser bundle. */
function staticPath(name: string): string {
  if (name === 'libphonenumber-min.js') {
    const pkg = createRequire(import.meta.url).resolve('libphonenumber-js/package.json');
    return join(dirname(pkg), 'bundle', name);
  }
  return join(staticDir(), name);
}

const STATIC_TYPES: Readonly<Record<string, string>> = {
  'exposure.js': 'text/javascript; charset=utf-8',
  'exposure.css': 'text/css; charset=utf-8',
  'libphonenumber-min.js': 'text/javascript; charset=utf-8',
};

function loadStatic(name: string): StaticFile {
  const body = readFileSync(staticPath(name));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, type: STATIC_TYPES[name]!, etag };
}

/**
 * The public routes, to mount at the root of the server's app:
 * `GET /check`, `GET /check/:caseId`, `GET /api/exposure/range/:prefix?case=ID`,
 * `GET|POST /report/:caseId`, `GET /report/:caseId/thanks` and the `/static/` assets they use.
 * @example app.route('/', createPublicRoutes(deps))
 */
export function createPublicRoutes(deps: PublicDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? (() => new Date());
  const reportLimiter =
    deps.reportRateLimiter ??
    createRateLimiter({ capacity: 5, refillPerSecond: 1 / 60, maxClients: 100_000 });
  const statics = new Map<string, StaticFile>();

  const findCase = async (id: string): Promise<PublicCase | null> =>
    id.length > MAX_CASE_ID ? null : deps.publicCase(id);
  const unknownCase = (): Response =>
    page(messagePage('Not found', 'There is no public check for this case.'), 404);

  for (const name of Object.keys(STATIC_TYPES)) {
    app.get(`/static/${name}`, (c) => {
      let file = statics.get(name);
      if (file === undefined) {
        file = loadStatic(name);
        statics.set(name, file);
      }
      const headers = {
        'Content-Type': file.type,
        ETag: file.etag,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      };
      if (c.req.header('if-none-match') === file.etag) return new Response(null, { status: 304, headers });
      return new Response(file.body, { headers });
    });
  }

  app.get('/check', async () => page(caseListPage(await deps.listPublicCases())));

  app.get('/check/:caseId', async (c) => {
    const found = await findCase(c.req.param('caseId'));
    return found ? page(exposurePage(found, found.defaultRegion ?? deps.defaultRegion)) : unknownCase();
  });

  app.get('/api/exposure/range/:prefix', (c) => {
    const decision = deps.rateLimiter.take(deps.clientKey(c));
    if (!decision.allowed)
      return json({ error: 'too many requests' }, 429, { 'Retry-After': String(decision.retryAfterSeconds) });
    const caseId = c.req.query('case');
    if (!caseId || caseId.length > MAX_CASE_ID)
      return json({ error: 'the case query parameter is required' }, 400);
    const prefix = c.req.param('prefix').toLowerCase();
    try {
      const suffixes = deps.exposure().range(caseId, prefix);
      if (suffixes === null) return json({ error: 'unknown case' }, 404);
      return json({ prefix, suffixes });
    } catch (error) {
      if (isLeakverifyError(error, 'server.invalid-input')) return json({ error: error.message }, 400);
      throw error;
    }
  });

  app.get('/report/:caseId', async (c) => {
    const found = await findCase(c.req.param('caseId'));
    return found ? page(reportFormPage(found, {}, {}, now().toISOString().slice(0, 10))) : unknownCase();
  });

  app.get('/report/:caseId/thanks', async (c) => {
    const found = await findCase(c.req.param('caseId'));
    return found ? page(reportThanksPage(found)) : unknownCase();
  });

  app.post(
    '/report/:caseId',
    async (c, next) => {
      const decision = reportLimiter.take(deps.clientKey(c));
      if (decision.allowed) return next();
      const message = `Too many reports from your network. Please try again in ${decision.retryAfterSeconds} seconds.`;
      return page(messagePage('Please wait', message), 429, {
        'Retry-After': String(decision.retryAfterSeconds),
      });
    },
    // Refused on the Content-Length alone when it says too much; counted while read otherwise.
    bodyLimit({
      maxSize: MAX_REPORT_BODY_BYTES,
      onError: () => page(messagePage('Too long', 'The report is too long.'), 413, { Connection: 'close' }),
    }),
    csrf(),
    async (c) => {
      const found = await findCase(c.req.param('caseId'));
      if (!found) return unknownCase();
      const type = c.req.header('content-type') ?? '';
      if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded'))
        return page(messagePage('Unsupported', 'Send the report with the form.'), 415);
      const form = await c.req.parseBody();
      const today = now();
      const result = validateSuspiciousReport(form, today);
      if (!result.ok)
        return page(
          reportFormPage(found, result.values, result.errors, today.toISOString().slice(0, 10)),
          400,
        );
      await deps.submitSuspiciousReport(found.id, result.report);
      return c.redirect(`/report/${encodeURIComponent(found.id)}/thanks`, 303);
    },
  );

  return app;
}
