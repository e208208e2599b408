/** Pages for signing in, first-time setup, users and tokens, and the audit log. */
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { html, type SafeHtml } from '../report/html-escape.js';
import type { Principal } from './accounts.js';
import * as actions from './actions.js';
import { clientAddress, type ServerContext } from './context.js';
import {
  clearSessionCookie,
  guard,
  principalOf,
  SESSION_COOKIE,
  type ServerEnv,
  sameOrigin,
  setSessionCookie,
} from './guard.js';
import { csrfField, flashOf, htmlResponse, page, redirectWith, when } from './layout.js';

/** Where to go after signing in: only a local path (no `//host`, no scheme). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s\\]*$/.test(next) && next.length < 500
    ? next
    : '/cases';
}

async function formOf(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return {};
  return (await c.req.parseBody()) as Record<string, unknown>;
}

function loginForm(next: string, error: string | null, username = ''): SafeHtml {
  return html`<section class="card narrow">
  <h1>Sign in</h1>
  ${error ? html`<p class="flash flash-error" role="alert">${error}</p>` : ''}
  <form method="post" action="/login" class="stack">
    <input type="hidden" name="next" value="${next}">
    <label>Username <input name="username" autocomplete="username" required maxlength="64" value="${username}"></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in</button>
  </form>
</section>`;
}

function setupForm(error: string | null, username = ''): SafeHtml {
  return html`<section class="card narrow">
  <h1>Create the first admin</h1>
  <p>On its first start the server printed a one-time setup token. Paste it here with the
  username and password of the first administrator; the token then stops working.</p>
  ${error ? html`<p class="flash flash-error" role="alert">${error}</p>` : ''}
  <form method="post" action="/setup" class="stack">
    <label>Setup token <input name="token" required autocomplete="off" spellcheck="false"></label>
    <label>Username <input name="username" autocomplete="username" required maxlength="64" value="${username}"></label>
    <label>Password <small>(at least 12 characters)</small>
      <input name="password" type="password" autocomplete="new-password" required minlength="12"></label>
    <button type="submit">Create admin</button>
  </form>
</section>`;
}

export function registerAccountPages(app: Hono<ServerEnv>, ctx: ServerContext): void {
  const viewer = guard(ctx.accounts, 'viewer');
  const admin = guard(ctx.accounts, 'admin');

  app.get('/login', async (c) => {
    if ((await ctx.accounts.userCount()) === 0) return c.redirect('/setup', 303);
    if (await principalOf(c, ctx.accounts)) return c.redirect(safeNext(c.req.query('next')), 303);
    return htmlResponse(
      c,
      page({ title: 'Sign in', flash: flashOf(c) }, loginForm(safeNext(c.req.query('next')), null)),
    );
  });

  app.post('/login', sameOrigin, async (c) => {
    const form = await formOf(c);
    const next = safeNext(form['next']);
    const result = await actions.login(ctx, form, clientAddress(c));
    if (!result.ok) {
      const username = typeof form['username'] === 'string' ? form['username'].slice(0, 64) : '';
      return htmlResponse(
        c,
        page({ title: 'Sign in' }, loginForm(next, result.error, username)),
        result.status as 401,
      );
    }
    setSessionCookie(c, result.value.sessionId);
    return c.redirect(next, 303);
  });

  app.get('/setup', async (c) => {
    if ((await ctx.accounts.userCount()) > 0) return c.redirect('/login', 303);
    return htmlResponse(c, page({ title: 'Setup' }, setupForm(null)));
  });

  app.post('/setup', sameOrigin, async (c) => {
    const form = await formOf(c);
    const result = await actions.setupAdmin(ctx, form, clientAddress(c));
    if (!result.ok) {
      const username = typeof form['username'] === 'string' ? form['username'].slice(0, 64) : '';
      return htmlResponse(
        c,
        page({ title: 'Setup' }, setupForm(result.error, username)),
        result.status as 400,
      );
    }
    return redirectWith(c, '/login', 'setup-done');
  });

  app.post('/logout', viewer, async (c) => {
    await actions.logout(ctx, c.get('principal'), getCookie(c, SESSION_COOKIE));
    clearSessionCookie(c);
    return redirectWith(c, '/login', 'signed-out');
  });

  app.get('/admin/users', admin, async (c) => usersPage(c, ctx, c.get('principal')));

  app.post('/admin/users', admin, async (c) => {
    const result = await actions.createUser(ctx, c.get('principal'), await formOf(c));
    if (!result.ok) return usersPage(c, ctx, c.get('principal'), { error: result.error }, result.status);
    return redirectWith(c, '/admin/users', 'user-created');
  });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/admin/users/:id/${verb}`, admin, async (c) => {
      const result = await actions.setUserDisabled(ctx, c.get('principal'), c.req.param('id'), disabled);
      if (!result.ok) return usersPage(c, ctx, c.get('principal'), { error: result.error }, result.status);
      return redirectWith(c, '/admin/users', 'user-updated');
    });
  }

  app.post('/admin/tokens', admin, async (c) => {
    const result = await actions.createToken(ctx, c.get('principal'), await formOf(c));
    if (!result.ok) return usersPage(c, ctx, c.get('principal'), { error: result.error }, result.status);
    return usersPage(c, ctx, c.get('principal'), { token: result.value });
  });

  app.post('/admin/tokens/:id/revoke', admin, async (c) => {
    const result = await actions.revokeToken(ctx, c.get('principal'), c.req.param('id'));
    if (!result.ok) return usersPage(c, ctx, c.get('principal'), { error: result.error }, result.status);
    return redirectWith(c, '/admin/users', 'token-revoked');
  });

  app.get('/admin/audit', admin, async (c) => {
    const p = c.get('principal');
    const entries = await ctx.audit.list(500);
    await actions.noteAccess(ctx, p, 'audit.view', '');
    const rows = entries.map(
      (
        e,
      ) => html`<tr><td class="num">${e.seq}</td><td class="nowrap">${when(e.at)}</td><td>${e.actor}</td><td class="nowrap"><code>${e.action}</code></td>
        <td class="mono small" title="${e.target}">${/^[0-9a-f]{32}$/.test(e.target) ? `${e.target.slice(0, 8)}…` : e.target}</td><td class="mono small">${e.detail === '{}' ? '' : e.detail}</td></tr>`,
    );
    const body = html`<h1>Audit log</h1>
<p class="muted">Append-only and hash-chained (HMAC-SHA-256 under a key derived from the workspace key).
Check it with <code class="nowrap">leakverify audit verify --workspace DIR</code> while the server is stopped, or
<a href="/api/audit/verify">verify now</a>. The newest ${entries.length} entries:</p>
<div class="table-wrap"><table><thead><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>Action</th><th>Target</th><th>Detail</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
    return htmlResponse(c, page({ title: 'Audit log', principal: p, section: 'audit' }, body));
  });
}

async function usersPage(
  c: Context,
  ctx: ServerContext,
  p: Principal,
  extra: { error?: string; token?: { token: string; username: string; role: string } } = {},
  status: number = 200,
): Promise<Response> {
  const [users, tokens] = await Promise.all([ctx.accounts.listUsers(), ctx.accounts.listTokens()]);
  const roleSelect = html`<select name="role"><option value="viewer">viewer</option><option value="analyst" selected>analyst</option><option value="admin">admin</option></select>`;
  const body = html`<h1>Users and API tokens</h1>
${extra.error ? html`<p class="flash flash-error" role="alert">${extra.error}</p>` : ''}
${
  extra.token
    ? html`<div class="card token-once"><h2>New API token for ${extra.token.username} (${extra.token.role})</h2>
  <p>Copy it now: it is shown only once (the server keeps only its hash). Send it as
  <code>Authorization: Bearer &lt;token&gt;</code>.</p><p><code class="secret" data-select>${extra.token.token}</code></p></div>`
    : ''
}
<section class="card"><h2>Users</h2>
<div class="table-wrap"><table><thead><tr><th>Username</th><th>Role</th><th>Created</th><th>Status</th><th></th></tr></thead><tbody>
${users.map(
  (
    u,
  ) => html`<tr><td>${u.username}</td><td><span class="role role-${u.role}">${u.role}</span></td><td>${when(u.created_at)}</td>
  <td>${u.disabled ? 'disabled' : 'active'}</td>
  <td>${u.id === p.userId ? '' : html`<form method="post" action="/admin/users/${u.id}/${u.disabled ? 'enable' : 'disable'}" class="inline">${csrfField(p)}<button class="small secondary">${u.disabled ? 'Enable' : 'Disable'}</button></form>`}</td></tr>`,
)}
</tbody></table></div>
<h3>Add a user</h3>
<form method="post" action="/admin/users" class="row">${csrfField(p)}
  <label>Username <input name="username" required maxlength="64" autocomplete="off"></label>
  <label>Password <input name="password" type="password" required minlength="12" autocomplete="new-password"></label>
  <label>Role ${roleSelect}</label>
  <button type="submit">Add user</button>
</form>
<p class="muted small">Viewers read cases, runs, reports and suspicious-activity reports; analysts also create cases,
upload samples, run verifications and publish exposure checks; admins also manage users and tokens.</p>
</section>
<section class="card"><h2>API tokens</h2>
<div class="table-wrap"><table><thead><tr><th>Label</th><th>User</th><th>Role</th><th>Created</th><th>Status</th><th></th></tr></thead><tbody>
${tokens.map(
  (
    t,
  ) => html`<tr><td>${t.label}</td><td>${t.username}</td><td><span class="role role-${t.role}">${t.role}</span></td><td>${when(t.created_at)}</td>
  <td>${t.revoked ? 'revoked' : 'active'}</td>
  <td>${t.revoked ? '' : html`<form method="post" action="/admin/tokens/${t.id}/revoke" class="inline">${csrfField(p)}<button class="small secondary">Revoke</button></form>`}</td></tr>`,
)}
</tbody></table></div>
<h3>Create a token</h3>
<form method="post" action="/admin/tokens" class="row">${csrfField(p)}
  <label>Label <input name="label" required maxlength="100" placeholder="CI pipeline"></label>
  <label>For user <input name="username" maxlength="64" placeholder="${p.username}"></label>
  <label>Role ${roleSelect}</label>
  <button type="submit">Create token</button>
</form>
</section>`;
  return htmlResponse(
    c,
    page({ title: 'Users', principal: p, section: 'admin', flash: flashOf(c) }, body),
    status as 200,
  );
}
