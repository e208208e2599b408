/** JSON API for accounts: setup, login/logout, users, API tokens and the audit log. */
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import * as actions from './actions.js';
import { verifyAudit } from './audit.js';
import { clientAddress, type ServerContext } from './context.js';
import {
  clearSessionCookie,
  guard,
  SESSION_COOKIE,
  type ServerEnv,
  sameOrigin,
  setSessionCookie,
} from './guard.js';

/** The JSON body of a request as a plain object; anything else is an empty object. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  try {
    const body = (await c.req.json()) as unknown;
    return body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function failure(c: Context, outcome: { status: number; error: string }): Response {
  return c.json({ error: outcome.error }, outcome.status as 400);
}

export function registerAccountApi(app: Hono<ServerEnv>, ctx: ServerContext): void {
  const viewer = guard(ctx.accounts, 'viewer');
  const admin = guard(ctx.accounts, 'admin');

  app.post('/api/setup', sameOrigin, async (c) => {
    const result = await actions.setupAdmin(ctx, await jsonBody(c), clientAddress(c));
    if (!result.ok) return failure(c, result);
    return c.json(
      { user: { id: result.value.id, username: result.value.username, role: result.value.role } },
      201,
    );
  });

  app.post('/api/login', sameOrigin, async (c) => {
    const result = await actions.login(ctx, await jsonBody(c), clientAddress(c));
    if (!result.ok) return failure(c, result);
    setSessionCookie(c, result.value.sessionId);
    const { user, csrf } = result.value;
    return c.json({ user: { id: user.id, username: user.username, role: user.role }, csrfToken: csrf });
  });

  app.post('/api/logout', viewer, async (c) => {
    await actions.logout(ctx, c.get('principal'), getCookie(c, SESSION_COOKIE));
    clearSessionCookie(c);
    return c.json({ ok: true });
  });

  app.get('/api/me', viewer, (c) => {
    const p = c.get('principal');
    return c.json({
      id: p.userId,
      username: p.username,
      role: p.role,
      via: p.via,
      csrfToken: p.csrf ?? null,
    });
  });

  app.get('/api/users', admin, async (c) => c.json({ users: await ctx.accounts.listUsers() }));

  app.post('/api/users', admin, async (c) => {
    const result = await actions.createUser(ctx, c.get('principal'), await jsonBody(c));
    if (!result.ok) return failure(c, result);
    const u = result.value;
    return c.json({ user: { id: u.id, username: u.username, role: u.role } }, 201);
  });

  app.post('/api/users/:id/disable', admin, async (c) => {
    const result = await actions.setUserDisabled(ctx, c.get('principal'), c.req.param('id'), true);
    return result.ok ? c.json({ ok: true }) : failure(c, result);
  });

  app.post('/api/users/:id/enable', admin, async (c) => {
    const result = await actions.setUserDisabled(ctx, c.get('principal'), c.req.param('id'), false);
    return result.ok ? c.json({ ok: true }) : failure(c, result);
  });

  app.get('/api/tokens', admin, async (c) => c.json({ tokens: await ctx.accounts.listTokens() }));

  app.post('/api/tokens', admin, async (c) => {
    const result = await actions.createToken(ctx, c.get('principal'), await jsonBody(c));
    if (!result.ok) return failure(c, result);
    // The only time the token is shown: only its hash is stored.
    return c.json(result.value, 201);
  });

  app.post('/api/tokens/:id/revoke', admin, async (c) => {
    const result = await actions.revokeToken(ctx, c.get('principal'), c.req.param('id'));
    return result.ok ? c.json({ ok: true }) : failure(c, result);
  });

  app.get('/api/audit', admin, async (c) => {
    const limit = Math.min(1000, Math.max(1, Number(c.req.query('limit') ?? 200) || 200));
    return c.json({ entries: await ctx.audit.list(limit) });
  });

  app.get('/api/audit/verify', admin, async (c) => {
    const check = await verifyAudit(ctx.db, ctx.auditKey, ctx.workspace);
    await actions.noteAccess(ctx, c.get('principal'), 'audit.verify', '', { result: check.kind });
    return c.json(check);
  });
}
