/**
 * Who may call what. Every team route carries `guard(role)` as its first handler: it finds
 * the principal (a bearer API token, else the session cookie), refuses the unauthenticated
 * (401 JSON for /api, a redirect to the login page otherwise) and the under-privileged
 * (403), and checks the CSRF token of every state-changing request made with a cookie.
 * The required role is attached to the middleware so tests can enumerate every route.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from '../report/html-escape.js';
import { type Accounts, hasRole, type Principal, type Role, SESSION_HOURS } from './accounts.js';
import { CSRF_FIELD, page } from './layout.js';
import { sameSecret } from './secrets.js';

/**
 * The session cookie. `__Host-` binds it to this origin, Path=/ and Secure; Chromium and
 * Firefox accept Secure cookies from http://127.0.0.1 and http://localhost (checked in
 * Chromium 156), so loopback works without TLS; any other host needs HTTPS in front.
 */
export const SESSION_COOKIE = '__Host-lv_session';
export const CSRF_HEADER = 'X-CSRF-Token';

export type ServerEnv = { Variables: { principal: Principal } };

export type Guard = MiddlewareHandler<ServerEnv> & { readonly requiredRole: Role };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Finds the principal of a request, or null; a bad bearer token never falls back to the cookie. */
export async function principalOf(c: Context, accounts: Accounts): Promise<Principal | null> {
  const auth = c.req.header('Authorization');
  if (auth !== undefined) {
    const match = /^Bearer\s+(\S{1,200})$/i.exec(auth);
    return match ? accounts.tokenPrincipal(match[1]!) : null;
  }
  const session = getCookie(c, SESSION_COOKIE);
  if (session === undefined || session.length > 200) return null;
  return accounts.sessionPrincipal(session);
}

export function setSessionCookie(c: Context, sessionId: string): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
}

/** A 401/403 in the shape the caller expects: JSON for the API, a page or redirect for browsers. */
export function refuse(c: Context, status: 401 | 403, message: string, principal?: Principal): Response {
  if (isApiPath(c.req.path)) return c.json({ error: message }, status);
  if (status === 401) {
    const next = c.req.method === 'GET' ? c.req.path : '/cases';
    return c.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
  }
  const body = html`<section class="card narrow"><h1>Not allowed</h1><p>${message}.</p>
<p><a href="/cases">Back to the cases</a></p></section>`;
  c.header('Cache-Control', 'no-store');
  return c.html(page({ title: 'Not allowed', principal: principal ?? null }, body), 403);
}

/** The CSRF token a cookie-authenticated request carries: header first, else the form field. */
async function submittedCsrf(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header !== undefined) return header;
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return undefined;
  // Forms are small; a huge form never reaches here (bodyLimit runs first on form routes).
  const body = await c.req.parseBody();
  const value = body[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}

export function guard(accounts: Accounts, role: Role): Guard {
  const middleware: MiddlewareHandler<ServerEnv> = async (c, next) => {
    const principal = await principalOf(c, accounts);
    if (principal === null)
      return refuse(c, 401, 'sign in first (session cookie or Authorization: Bearer token)');
    if (!hasRole(principal.role, role)) return refuse(c, 403, `this needs the ${role} role`, principal);
    if (!SAFE_METHODS.has(c.req.method) && principal.via === 'session') {
      const sent = await submittedCsrf(c);
      if (sent === undefined || principal.csrf === undefined || !sameSecret(sent, principal.csrf))
        return refuse(c, 403, 'missing or wrong CSRF token; reload the page and try again', principal);
    }
    c.set('principal', principal);
    await next();
  };
  return Object.assign(middleware, { requiredRole: role });
}

/**
 * Refuses a browser request sent from another site to the routes that work without a
 * session (sign-in and setup), so a foreign page cannot sign a victim into an attacker's
 * account. Browsers say where a request comes from in Sec-Fetch-Site; older ones only in
 * Origin, whose host is compared with Host (not the scheme: behind a TLS proxy the server
 * sees http while the browser says https). Our pages send no referrer, so Chromium sends
 * `Origin: null` on their own form posts: Sec-Fetch-Site decides first. Clients that send
 * neither header (curl, scripts) are not browsers a foreign page could drive.
 */
export const sameOrigin: MiddlewareHandler = async (c, next) => {
  const site = c.req.header('Sec-Fetch-Site');
  const origin = c.req.header('Origin');
  const allowed =
    site !== undefined
      ? site === 'same-origin' || site === 'none'
      : origin === undefined || hostOf(origin) === c.req.header('Host');
  if (!allowed) return refuse(c, 403, 'cross-site request refused');
  await next();
};

/** The host of an Origin header; null for `null` and anything unparsable. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Whether a route handler is a guard (used by the security tests to find unguarded routes). */
export function isGuard(handler: unknown): handler is Guard {
  return typeof handler === 'function' && 'requiredRole' in handler;
}
