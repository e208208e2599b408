/**
 * The HTTP application: security headers on every response, the public part (exposure
 * check, suspicious-activity form) at '/', the team API under /api and the team pages.
 * No sockets here: server.ts listens, tests may also call `app.request()`.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { registerAccountApi } from './api-account-routes.js';
import { registerCaseApi } from './api-case-routes.js';
import type { ServerContext } from './context.js';
import { isApiPath, type ServerEnv } from './guard.js';
import { PAGE_CSP } from './layout.js';
import { registerAccountPages } from './pages-account.js';
import { registerCasePages } from './pages-cases.js';
import { registerStatic } from './static-files.js';

/** Largest JSON or form body outside uploads. */
export const MAX_FORM_BYTES = 64 * 1024;

const UPLOAD_PATH = /^\/api\/cases\/[^/]+\/samples$/;

export function createApp(ctx: ServerContext, publicRoutes?: Hono): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.use('*', async (c, next) => {
    await next();
    const h = c.res.headers;
    // A response that brings its own policy (report.html, public pages) keeps it.
    if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', PAGE_CSP);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
  });

  const limit = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: (c) => c.json({ error: `the request body is larger than ${MAX_FORM_BYTES} bytes` }, 413),
  });
  app.use('*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || UPLOAD_PATH.test(c.req.path)) return next();
    return limit(c, next);
  });

  if (publicRoutes) app.route('/', publicRoutes);
  registerStatic(app);
  registerAccountApi(app, ctx);
  registerCaseApi(app, ctx);
  registerAccountPages(app, ctx);
  registerCasePages(app, ctx);
  app.get('/', (c) => c.redirect('/cases', 303));
  app.get('/team', (c) => c.redirect('/cases', 303));

  app.notFound((c) =>
    isApiPath(c.req.path) ? c.json({ error: 'not found' }, 404) : c.text('404 Not Found', 404),
  );
  app.onError((error, c) => {
    // Middleware such as the public form's CSRF check refuses by throwing its response.
    if (error instanceof HTTPException) return error.getResponse();
    // Details go to the server's log only: an error message may quote user data or paths.
    ctx.log(
      `leakverify serve: ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.stack : String(error)}`,
    );
    return isApiPath(c.req.path)
      ? c.json({ error: 'internal error' }, 500)
      : c.text('500 Internal Server Error', 500);
  });
  return app;
}
