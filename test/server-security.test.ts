import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { captureIo } from '../src/cli/test-io.js';
import type { Role } from '../src/server/accounts.js';
import { openServerDb } from '../src/server/db.js';
import { ExposureIndex } from '../src/server/exposure.js';
import { isGuard } from '../src/server/guard.js';
import { createPublicRoutes } from '../src/server/public-routes.js';
import { createRateLimiter } from '../src/server/rate-limit.js';
import type { RunningServer } from '../src/server/server.js';
import {
  makeUsers,
  prepareWorkspace,
  startTestServer,
  TeamClient,
  type TeamFixture,
  waitForRun,
} from './support/team-server.js';

/**
 * Issue 5 "Security tests": every team route refuses the unauthenticated and the wrong role
 * (routes are enumerated from the app, so a new one cannot slip past), CSRF, oversized and
 * hostile uploads, script injection through titles, file names, sample values and the
 * public report form, path traversal, and tampering with the audit log.
 */

const LIMIT = 64 * 1024;
let fx: TeamFixture;
let server: RunningServer;
let users: Awaited<ReturnType<typeof makeUsers>>;
let caseId: string;

beforeAll(async () => {
  fx = await prepareWorkspace('server-security', { customers: 200 });
  server = await startTestServer(fx, { maxUploadBytes: LIMIT });
  users = await makeUsers(server);
  const made = await users.analyst.request<{ case: { id: string } }>('POST', '/api/cases', {
    title: '<script>alert("title")</script><img src=x onerror=alert(1)>',
    forumRef: '"><svg onload=alert(2)>',
  });
  caseId = made.body.case.id;
}, 30_000);

afterAll(async () => {
  await server?.close();
  fx?.remove();
});

/** Routes that need no sign-in: the public module's own, and sign-in, setup and assets. */
function publicRoutes(): Set<string> {
  const publicApp = createPublicRoutes({
    exposure: () => new ExposureIndex([], { secret: Buffer.alloc(16, 1) }),
    publicCase: async () => null,
    listPublicCases: async () => [],
    submitSuspiciousReport: async () => undefined,
    rateLimiter: createRateLimiter({ capacity: 1, refillPerSecond: 1, maxClients: 1 }),
    clientKey: () => 'test',
  });
  const team = [
    'GET /login',
    'POST /login',
    'GET /setup',
    'POST /setup',
    'POST /api/login',
    'POST /api/setup',
  ];
  const assets = ['GET /static/app.js', 'GET /static/app.css', 'GET /', 'GET /team'];
  return new Set([...publicApp.routes.map((r) => `${r.method} ${r.path}`), ...team, ...assets]);
}

/** Every (method, path) of the app with the role its guard requires, or null when it has none. */
function enumerateRoutes(): Map<string, Role | null> {
  const routes = new Map<string, Role | null>();
  for (const r of server.app.routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    const role = isGuard(r.handler) ? r.handler.requiredRole : null;
    routes.set(key, routes.get(key) ?? role);
  }
  return routes;
}

const concrete = (path: string) =>
  path.replace(':file', 'report.json').replace(/:[a-zA-Z]+/g, 'a'.repeat(32));

async function call(client: TeamClient | null, key: string) {
  const [method, path] = key.split(' ') as [string, string];
  const c = client ?? new TeamClient(server.url);
  return c.request(method, concrete(path), method === 'GET' ? undefined : {});
}

describe('access control on every route', () => {
  const open = publicRoutes();

  it('has a guard on every route that is not public', () => {
    const routes = enumerateRoutes();
    const unguarded = [...routes].filter(([key, role]) => role === null && !open.has(key)).map(([k]) => k);
    expect(unguarded).toEqual([]);
    expect([...routes.values()].filter((r) => r !== null).length).toBeGreaterThan(30);
  });

  it('refuses unauthenticated requests: 401 JSON for /api, a redirect to sign-in for pages', async () => {
    for (const key of enumerateRoutes().keys()) {
      if (open.has(key)) continue;
      const reply = await call(null, key);
      if (key.includes(' /api/')) {
        expect(reply.status, key).toBe(401);
        expect(reply.body['error'], key).toMatch(/sign in/);
      } else {
        expect(reply.status, key).toBe(303);
        expect(reply.headers.get('location'), key).toMatch(/^\/login\?next=/);
      }
    }
  });

  it('refuses a forged or expired session cookie and a malformed bearer token', async () => {
    const forged = new TeamClient(server.url);
    forged.cookie = `__Host-lv_session=${'A'.repeat(43)}`;
    expect((await forged.request('GET', '/api/cases')).status).toBe(401);
    const bearer = new TeamClient(server.url);
    bearer.bearer = 'lvt_not-a-token';
    expect((await bearer.request('GET', '/api/cases')).status).toBe(401);
    // A bad bearer token does not fall back to a valid cookie.
    const both = new TeamClient(server.url);
    both.cookie = users.viewer.cookie;
    both.bearer = 'wrong';
    expect((await both.request('GET', '/api/cases')).status).toBe(401);
  });

  it('refuses the wrong role with 403, for sessions and tokens alike', async () => {
    const token = await users.admin.request<{ token: string }>('POST', '/api/tokens', {
      label: 'ro',
      role: 'viewer',
    });
    const viewerToken = new TeamClient(server.url);
    viewerToken.bearer = token.body.token;
    let checked = 0;
    for (const [key, role] of enumerateRoutes()) {
      if (role === null || role === 'viewer') continue;
      const lower =
        role === 'admin' ? [users.viewer, users.analyst, viewerToken] : [users.viewer, viewerToken];
      for (const client of lower) {
        const reply = await call(client, key);
        expect(reply.status, `${key} as ${client === viewerToken ? 'viewer token' : client.csrf}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
  });
});

describe('CSRF', () => {
  it('requires the session CSRF token on cookie-authenticated changes', async () => {
    const noToken = await users.analyst.request('POST', '/api/cases', { title: 'csrf' }, { csrf: false });
    expect(noToken.status).toBe(403);
    const wrong = await users.analyst.request(
      'POST',
      '/api/cases',
      { title: 'csrf' },
      {
        csrf: false,
        headers: { 'X-CSRF-Token': users.viewer.csrf! },
      },
    );
    expect(wrong.status).toBe(403);
    const form = await fetch(`${server.url}/cases`, {
      method: 'POST',
      headers: { Cookie: users.analyst.cookie!, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ title: 'via form, no token' }),
      redirect: 'manual',
    });
    expect(form.status).toBe(403);
    const good = await fetch(`${server.url}/cases`, {
      method: 'POST',
      headers: { Cookie: users.analyst.cookie!, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ title: 'via form', _csrf: users.analyst.csrf! }),
      redirect: 'manual',
    });
    expect(good.status).toBe(303);
  });

  it('refuses an upload without the token and writes nothing', async () => {
    const before = uploadedFiles();
    const reply = await users.analyst.request('PUT', `/api/cases/${caseId}/samples?name=x.csv`, undefined, {
      csrf: false,
      raw: 'a,b\n1,2\n',
    });
    expect(reply.status).toBe(403);
    expect(uploadedFiles()).toEqual(before);
  });

  it('needs no CSRF token with a bearer token, and refuses cross-site sign-in', async () => {
    const made = await users.admin.request<{ token: string }>('POST', '/api/tokens', {
      label: 'w',
      role: 'analyst',
      username: 'bob',
    });
    const client = new TeamClient(server.url);
    client.bearer = made.body.token;
    expect((await client.request('POST', '/api/cases', { title: 'from CI' })).status).toBe(201);
    const crossSite = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'bob', password: 'bob password 123' }),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();
  });
});

function uploadedFiles(): string[] {
  const dir = join(fx.workspace, 'uploads', caseId);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('uploads', () => {
  it('refuses a declared oversized upload with 413', async () => {
    const reply = await users.analyst.request('PUT', `/api/cases/${caseId}/samples?name=big.csv`, undefined, {
      raw: Buffer.alloc(LIMIT + 1, 0x41),
    });
    expect(reply.status).toBe(413);
    expect(uploadedFiles()).toEqual([]);
  });

  it('stops a streamed upload at the limit and removes the partial file', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > LIMIT * 4) return controller.close();
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x42));
      },
    });
    const reply = await users.analyst
      .request('PUT', `/api/cases/${caseId}/samples?name=stream.csv`, undefined, { raw: body, duplex: true })
      .catch((error: unknown) => ({ status: 0, error }));
    // The server answers 413 (or closes the connection while the client still sends).
    expect([0, 413]).toContain(reply.status);
    await new Promise((r) => setTimeout(r, 100));
    expect(uploadedFiles()).toEqual([]);
    expect((await users.viewer.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
  });

  it('refuses an empty upload and an unknown case', async () => {
    expect(
      (await users.analyst.request('PUT', `/api/cases/${caseId}/samples?name=e`, undefined, { raw: '' }))
        .status,
    ).toBe(400);
    const unknown = await users.analyst.request(
      'PUT',
      `/api/cases/${'b'.repeat(32)}/samples?name=e`,
      undefined,
      { raw: 'x' },
    );
    expect(unknown.status).toBe(404);
  });

  it('keeps a traversal file name as metadata only', async () => {
    const name = '../../../../tmp/../evil\\..\\x.csv';
    const reply = await users.analyst.request<{ sample: { id: string; name: string } }>(
      'PUT',
      `/api/cases/${caseId}/samples?name=${encodeURIComponent(name)}`,
      undefined,
      { raw: 'email\nsomeone@example.com\n' },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.sample.name).toBe(name);
    expect(uploadedFiles()).toEqual([`${reply.body.sample.id}.sealed`]);
    expect(existsSync(join(fx.workspace, '..', 'evil'))).toBe(false);
  });

  it('verifies hostile files without harm and shows every value escaped', async () => {
    const hostile = [
      'first_name,last_name,email,city',
      '<script>alert(1)</script>,"""><img src=x onerror=alert(3)>",evil@example.com,=HYPERLINK("http://x")',
      ...Array.from({ length: 40 }, (_, i) => `Name${i},<b>bold${i}</b>,p${i}@example.com,<iframe src=//x>`),
    ].join('\n');
    const up = await users.analyst.request<{ sample: { id: string } }>(
      'PUT',
      `/api/cases/${caseId}/samples?name=${encodeURIComponent('"><svg onload=alert(4)>.csv')}`,
      undefined,
      { raw: hostile },
    );
    const binary = await users.analyst.request<{ sample: { id: string } }>(
      'PUT',
      `/api/cases/${caseId}/samples?name=noise.bin`,
      undefined,
      { raw: createHash('sha512').update('noise').digest().toString('binary').repeat(200) },
    );
    const runs = [];
    for (const sample of [up.body.sample, binary.body.sample]) {
      const started = await users.analyst.request<{ run: { id: string } }>(
        'POST',
        `/api/cases/${caseId}/runs`,
        {
          sampleId: sample.id,
        },
      );
      runs.push(started.body.run.id);
    }
    const first = await waitForRun(users.viewer, runs[0]!);
    expect(first['status'], String(first['error'])).toBe('done');
    const noise = await waitForRun(users.viewer, runs[1]!);
    expect(['done', 'failed']).toContain(noise['status']);
    const report = await users.viewer.request('GET', `/runs/${runs[0]}/report`);
    const casePage = await users.viewer.request('GET', `/cases/${caseId}`);
    const runPage = await users.viewer.request('GET', `/runs/${runs[0]}`);
    for (const [name, text] of [
      ['report', report.text],
      ['case page', casePage.text],
      ['run page', runPage.text],
    ] as const) {
      expect(text, name).not.toMatch(/<script>alert|<img src|<svg onload|<iframe|onerror=/i);
    }
    expect(casePage.text).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(casePage.text).toContain('&quot;&gt;&lt;svg onload&#61;alert(4)&gt;.csv');
  });

  it('shows public report fields escaped to analysts', async () => {
    await users.analyst.request('POST', `/api/cases/${caseId}/exposure`, { public: true });
    const response = await fetch(`${server.url}/report/${caseId}`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        what: '<script>alert("sar")</script> clicked a link',
        channel: 'email',
        eventDate: '2024-06-01',
        sender: '<img src=x onerror=alert(5)>@evil.example',
        contact: '"><a href="javascript:alert(6)">me</a>',
      }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    const page = await users.viewer.request('GET', `/cases/${caseId}`);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;sar&quot;)&lt;/script&gt; clicked a link');
    expect(page.text).not.toMatch(/<script>alert|<img src|href="javascript/i);
  });
});

describe('path traversal in URLs', () => {
  it('serves no file outside a run bundle and no asset outside the static list', async () => {
    const run = (
      await users.viewer.request<{ runs: { id: string; status: string }[] }>('GET', `/api/cases/${caseId}`)
    ).body.runs.find((r) => r.status === 'done');
    expect(run).toBeDefined();
    for (const path of [
      `/api/runs/${run!.id}/files/..%2F..%2F..%2Fserver.duckdb`,
      `/api/runs/${run!.id}/files/%2e%2e%2fmanifest.json`,
      `/runs/${run!.id}/files/..%2F..%2F..%2F..%2Faudit.head`,
      `/api/runs/..%2F..%2Freports/files/report.json`,
      `/api/cases/..%2F..%2Fetc`,
      '/static/..%2Fserver.ts',
      '/static/%2e%2e/app.ts',
    ]) {
      const reply = await users.admin.request('GET', path);
      expect(reply.status, path).toBe(404);
    }
    expect((await users.viewer.request('GET', `/api/runs/${run!.id}/files/manifest.json`)).status).toBe(200);
  });
});

describe('sign-in throttling and foreign posts', () => {
  it('refuses a cross-site post to the public report form with 403', async () => {
    const response = await fetch(`${server.url}/report/${caseId}`, {
      method: 'POST',
      headers: {
        Origin: 'https://evil.example',
        'Sec-Fetch-Site': 'cross-site',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ what: 'x', channel: 'sms', eventDate: '2024-01-01', sender: 'x' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
  });

  it('answers 429 after repeated wrong passwords, and audits it', async () => {
    const client = new TeamClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) statuses.push((await client.login('bob', `guess ${i} wrong!!`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const audit = await users.admin.request<{ entries: { action: string }[] }>('GET', '/api/audit?limit=5');
    expect(audit.body.entries[0]?.action).toBe('login.throttled');
  });
});

describe('audit log tampering', () => {
  const scenarios = ['intact', 'edited', 'deleted-middle', 'cut-off', 'rechained', 'no-anchor'] as const;
  const results = new Map<string, { code: number; out: string; err: string }>();

  beforeAll(async () => {
    await server.close();
    for (const name of scenarios) {
      const dir = join(fx.dir, `audit-${name}`);
      mkdirSync(dir);
      for (const file of ['server.duckdb', 'audit.head'])
        if (existsSync(join(fx.workspace, file))) copyFileSync(join(fx.workspace, file), join(dir, file));
      const db = await openServerDb(dir);
      try {
        if (name === 'edited') await db.run(`UPDATE audit_log SET actor = 'nobody' WHERE seq = 3`);
        if (name === 'deleted-middle') await db.run('DELETE FROM audit_log WHERE seq = 4');
        if (name === 'cut-off')
          await db.run('DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 2 FROM audit_log)');
        if (name === 'rechained') {
          // A forger without the key re-hashes from the edit onwards with plain SHA-256.
          const rows = await db.all<{ seq: number; hash: string; prev_hash: string }>(
            'SELECT * FROM audit_log ORDER BY seq',
          );
          await db.run(`UPDATE audit_log SET target = 'forged' WHERE seq = 5`);
          let prev = rows[3]!.hash;
          for (const row of rows.slice(4)) {
            const hash = createHash('sha256').update(prev).update(String(row.seq)).digest('hex');
            await db.run('UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE seq = $3', [
              prev,
              hash,
              row.seq,
            ]);
            prev = hash;
          }
          writeFileSync(join(dir, 'audit.head'), JSON.stringify({ seq: rows.length, hash: prev }));
        }
      } finally {
        await db.close();
      }
      if (name === 'no-anchor') writeFileSync(join(dir, 'audit.head'), '');
      const io = captureIo({ LEAKVERIFY_KEY: fx.keyHex });
      const code = await runCli(['audit', 'verify', '--workspace', dir], io);
      results.set(name, { code, out: io.out(), err: io.err() });
    }
  });

  it('reports an intact log as OK', () => {
    const r = results.get('intact')!;
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^audit log OK: \d+ entries/);
  });

  it.each([
    ['edited', /TAMPERED at entry 3: entry 3 was changed/],
    ['deleted-middle', /TAMPERED at entry 4: entry 4 is missing/],
    ['cut-off', /TAMPERED at entry \d+: .*entries were deleted/],
    ['rechained', /TAMPERED at entry 5: entry 5 was changed/],
    ['no-anchor', /TAMPERED at entry 1: .*anchor/],
  ])('detects %s entries and exits 1', (name, message) => {
    const r = results.get(name)!;
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  it('refuses to run without the workspace key', async () => {
    const io = captureIo({});
    expect(await runCli(['audit', 'verify', '--workspace', fx.workspace], io)).toBe(2);
    expect(readFileSync(join(fx.workspace, 'audit.head'), 'utf8')).toMatch(/"seq":\d+/);
  });
});
