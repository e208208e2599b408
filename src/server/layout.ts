/**
 * The team pages' shell and small building blocks. Every value goes through the escaping
 * `html` template; pages carry no inline script or style (the CSP forbids both): behaviour
 * is in /static/app.js, looks in /static/app.css, and data for the script in data-*
 * attributes.
 */
import type { Context } from 'hono';
import { html, type SafeHtml } from '../report/html-escape.js';
import { knownLabel, VERDICT_TEXT } from '../report/labels.js';
import type { Principal } from './accounts.js';

/** The form field that carries the session's CSRF token (guard.ts reads it). */
export const CSRF_FIELD = '_csrf';

/** The CSP of every page the server renders (report.html has its own, see report-files.ts). */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";

export interface PageOptions {
  readonly title: string;
  readonly principal?: Principal | null;
  /** Which navigation entry is current. */
  readonly section?: 'cases' | 'admin' | 'audit';
  readonly flash?: { readonly kind: 'error' | 'ok'; readonly text: string } | null;
}

export function page(options: PageOptions, body: SafeHtml): string {
  const p = options.principal ?? null;
  const nav = p
    ? html`<nav class="nav">
        <a href="/cases" class="${options.section === 'cases' ? 'current' : ''}">Cases</a>
        ${
          p.role === 'admin'
            ? html`<a href="/admin/users" class="${options.section === 'admin' ? 'current' : ''}">Users &amp; tokens</a>
        <a href="/admin/audit" class="${options.section === 'audit' ? 'current' : ''}">Audit log</a>`
            : ''
        }
        <span class="who">${p.username} <span class="role role-${p.role}">${p.role}</span></span>
        <form method="post" action="/logout" class="inline">${csrfField(p)}<button class="link">Sign out</button></form>
      </nav>`
    : '';
  const flash = options.flash
    ? html`<p class="flash flash-${options.flash.kind}" role="${options.flash.kind === 'error' ? 'alert' : 'status'}">${options.flash.text}</p>`
    : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${p?.csrf ? html`<meta name="csrf-token" content="${p.csrf}">` : ''}
<title>${options.title} · leakverify</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<header class="top"><a class="brand" href="/cases">leakverify <span>team</span></a>${nav}</header>
<main>
${flash}
${body}
</main>
</body>
</html>
`.value;
}

/** The hidden CSRF field every cookie-authenticated form carries. */
export function csrfField(p: Principal | null | undefined): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${p?.csrf ?? ''}">`;
}

/** A verdict as a coloured badge; the class comes from the known label list, never from data. */
export function verdictBadge(label: string | null): SafeHtml {
  if (label === null) return html`<span class="muted">—</span>`;
  const known = knownLabel(label);
  return html`<span class="verdict verdict-${known}">${VERDICT_TEXT[known].title}</span>`;
}

export function statusBadge(status: string): SafeHtml {
  const known = ['queued', 'running', 'done', 'failed', 'interrupted'].includes(status) ? status : 'failed';
  return html`<span class="status status-${known}">${status}</span>`;
}

export function when(date: Date | string | null): string {
  if (date === null) return '—';
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? '—' : d.toISOString().slice(0, 16).replace('T', ' ');
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** An HTML response with no caching: team pages show confidential case data. */
export function htmlResponse(
  c: Context,
  body: string,
  status: 200 | 400 | 401 | 404 | 409 | 413 | 429 = 200,
): Response {
  c.header('Cache-Control', 'no-store');
  return c.html(body, status);
}

/**
 * Success notes shown after a redirect. Only these fixed texts can appear: a crafted link
 * cannot put words of its own on the page. Errors are rendered in place, not redirected.
 */
const NOTES = {
  'case-created': 'Case created.',
  uploaded: 'Sample uploaded and encrypted.',
  'run-started': 'Verification queued; progress appears below.',
  published: 'The exposure check of this case is now public.',
  unpublished: 'The exposure check of this case is no longer public.',
  'user-created': 'User created.',
  'user-updated': 'User updated.',
  'token-revoked': 'Token revoked.',
  'signed-out': 'You are signed out.',
  'setup-done': 'Admin account created; sign in with it.',
} as const;

export type NoteCode = keyof typeof NOTES;

export function flashOf(c: Context): PageOptions['flash'] {
  const code = c.req.query('ok');
  return code !== undefined && Object.hasOwn(NOTES, code)
    ? { kind: 'ok', text: NOTES[code as NoteCode] }
    : null;
}

export function redirectWith(c: Context, path: string, note: NoteCode): Response {
  return c.redirect(`${path}?ok=${note}`, 303);
}
