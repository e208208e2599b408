/**
 * The team UI's two assets, read once at start and served from memory. Only these names
 * are served: nothing from the URL reaches the file system.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { ServerEnv } from './guard.js';

const FILES: Readonly<Record<string, string>> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/**
 * `static/` beside this module; a build (dist/server) falls back to the sources' folder,
 * since tsc copies no assets (the package ships `src/server/static`). Also used by the
 * public pages for their assets.
 */
export function staticDir(): string {
  for (const candidate of ['./static/', '../../src/server/static/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}app.js`)) return dir;
  }
  throw new Error('leakverify: the server assets (src/server/static/app.js) are missing');
}

export function registerStatic(app: Hono<ServerEnv>): void {
  const dir = staticDir();
  for (const [name, type] of Object.entries(FILES)) {
    const body = readFileSync(`${dir}${name}`);
    app.get(`/static/${name}`, (c) => {
      c.header('Content-Type', type);
      c.header('Cache-Control', 'no-cache');
      return c.body(body);
    });
  }
}
