import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exposureOf } from './exposure.js';
import { CONTENT_SECURITY_POLICY, validateSuspiciousReport } from './public-routes.js';
import { createRateLimiter } from './rate-limit.js';
import { EXPOSED, type PublicFixture, startPublicServer } from './test-support/public-fixture.js';

const NOW = new Date('2025-07-15T10:00:00Z');
let server: PublicFixture;
beforeAll(async () => {
  server = await startPublicServer({
    now: () => NOW,
    reportRateLimiter: createRateLimiter({ capacity: 100, refillPerSecond: 1, maxClients: 100 }),
  });
});
afterAll(() => server.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers });

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(server.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

const VALID = {
  what: 'SMS claiming a parcel is held, asking for a customs fee via a link.',
  channel: 'sms',
  eventDate: '2025-07-14',
  sender: '+44 7700 900123',
  contact: '',
};

describe('public pages', () => {
  it('lists the public cases, escaped, under the CSP', async () => {
    const res = await get('/check');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await res.text();
    expect(body).toContain('href="/check/shopco-2025"');
    expect(body).toContain('&lt;script&gt;window.__pwned&#61;1&lt;/script&gt;');
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('Not public');
  });

  it('serves the check page with external scripts only', async () => {
    const res = await get('/check/shopco-2025');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('data-case="shopco-2025"');
    // National numbers are read in the case's country unless the person picks another.
    expect(body).toContain('data-region="IT"');
    const scripts = [...body.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual([
      '<script src="/static/libphonenumber-min.js" defer>',
      '<script src="/static/exposure.js" defer>',
    ]);
    expect(body).not.toMatch(/<style|style=|\son\w+=/);
    expect(body).toContain('Only the first 5 characters leave your browser');
  });

  it('answers 404 for unknown and unpublished cases', async () => {
    for (const path of [
      '/check/nope',
      '/check/unpublished',
      '/report/unpublished',
      `/check/${'x'.repeat(300)}`,
    ])
      expect((await get(path)).status).toBe(404);
  });

  it('serves the assets with types and ETags', async () => {
    for (const [name, type] of [
      ['exposure.js', 'text/javascript'],
      ['exposure.css', 'text/css'],
      ['libphonenumber-min.js', 'text/javascript'],
    ] as const) {
      const res = await get(`/static/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      const etag = res.headers.get('etag')!;
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(500);
      expect((await get(`/static/${name}`, { 'if-none-match': etag })).status).toBe(304);
    }
    expect((await get('/static/../public-routes.ts')).status).toBe(404);
  });
});

describe('GET /api/exposure/range/:prefix', () => {
  it('answers hits and misses with the same shape and size', async () => {
    const hit = exposureOf(EXPOSED.email)!.hash;
    const miss = exposureOf('someone.else@example.net')!.hash;
    const bodies: string[] = [];
    for (const hash of [hit, miss]) {
      const res = await get(`/api/exposure/range/${hash.slice(0, 5)}?case=shopco-2025`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-type')).toContain('application/json');
      const text = await res.text();
      bodies.push(text);
      const body = JSON.parse(text) as { prefix: string; suffixes: string[] };
      expect(body.prefix).toBe(hash.slice(0, 5));
      expect(body.suffixes).toHaveLength(32);
      expect(body.suffixes.includes(hash.slice(5))).toBe(hash === hit);
    }
    expect(bodies[0]!.length).toBe(bodies[1]!.length);
  });

  it('finds a phone typed nationally with its region', async () => {
    const hash = exposureOf(EXPOSED.phoneNational, 'IT')!.hash;
    const body = (await (await get(`/api/exposure/range/${hash.slice(0, 5)}?case=shopco-2025`)).json()) as {
      suffixes: string[];
    };
    expect(body.suffixes).toContain(hash.slice(5));
  });

  it('rejects bad input', async () => {
    expect((await get('/api/exposure/range/abcd?case=shopco-2025')).status).toBe(400);
    expect((await get('/api/exposure/range/abcdef?case=shopco-2025')).status).toBe(400);
    expect((await get('/api/exposure/range/zzzzz?case=shopco-2025')).status).toBe(400);
    expect((await get('/api/exposure/range/abcde')).status).toBe(400);
    expect((await get('/api/exposure/range/abcde?case=nope')).status).toBe(404);
    expect((await get('/api/exposure/range/ABCDE?case=shopco-2025')).status).toBe(200);
  });

  it('rate-limits per client with Retry-After', async () => {
    const limited = await startPublicServer({
      rateLimiter: createRateLimiter({ capacity: 3, refillPerSecond: 0.1, maxClients: 10 }),
    });
    try {
      const call = (client: string) =>
        fetch(`${limited.url}/api/exposure/range/00000?case=shopco-2025`, {
          headers: { 'x-client': client },
        });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call('a')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await call('a');
      expect(refused.headers.get('retry-after')).toBe('10');
      expect((await call('b')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('suspicious-activity reports', () => {
  it('stores a valid report and thanks the reporter', async () => {
    const before = server.reports.length;
    const res = await post('/report/shopco-2025', { ...VALID, contact: 'me@example.org' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/report/shopco-2025/thanks');
    expect(server.reports.slice(before)).toEqual([
      { caseId: 'shopco-2025', report: { ...VALID, contact: 'me@example.org' } },
    ]);
    const thanks = await get('/report/shopco-2025/thanks');
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain('Thank you');
  });

  it('shows the form again with escaped values and one message per bad field', async () => {
    const before = server.reports.length;
    const res = await post('/report/shopco-2025', {
      what: '<img src=x onerror=alert(1)>',
      channel: 'pigeon',
      eventDate: '2025-07-20',
      sender: '"><script>alert(1)</script>',
      contact: 'line one\nline two',
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('&lt;img src&#61;x onerror&#61;alert(1)&gt;');
    expect(body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(body).not.toContain('<img');
    expect(body).toContain('Choose how you were contacted.');
    expect(body).toContain('The date cannot be in the future.');
    expect(body).toContain('Use a single line');
    expect(server.reports.length).toBe(before);
  });

  it('refuses an over-long body before reading it, with or without Content-Length', async () => {
    const before = server.reports.length;
    const big = `what=${'a'.repeat(20_000)}&channel=sms&eventDate=2025-07-01&sender=x`;
    expect((await post('/report/shopco-2025', { what: 'a'.repeat(20_000) })).status).toBe(413);
    const chunked = await fetch(`${server.url}/report/shopco-2025`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // A client announcing 100 MB is answered at once, without the server waiting for it.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/report/shopco-2025`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(100 << 20) },
      });
      req.on('response', (r) => resolve(r.statusCode ?? 0));
      req.on('error', reject);
      req.write('what=');
    });
    expect(status).toBe(413);
    expect(server.reports.length).toBe(before);
  });

  it('refuses cross-site posts and other encodings', async () => {
    expect((await post('/report/shopco-2025', VALID, { origin: 'https://evil.example' })).status).toBe(403);
    const res = await fetch(`${server.url}/report/shopco-2025`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(VALID),
    });
    expect(res.status).toBe(415);
    expect((await post('/report/nope', VALID)).status).toBe(404);
  });

  it('rate-limits reports per client', async () => {
    const limited = await startPublicServer({
      now: () => NOW,
      reportRateLimiter: createRateLimiter({ capacity: 2, refillPerSecond: 1 / 60, maxClients: 10 }),
    });
    try {
      const send = () =>
        fetch(`${limited.url}/report/shopco-2025`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: limited.url,
            'x-client': 'c',
          },
          body: new URLSearchParams(VALID).toString(),
        });
      expect([(await send()).status, (await send()).status]).toEqual([303, 303]);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(limited.reports).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });
});

describe('validateSuspiciousReport', () => {
  const check = (fields: Record<string, unknown>) => validateSuspiciousReport({ ...VALID, ...fields }, NOW);

  it('accepts the limits and normalises line ends', () => {
    const ok = check({ what: `a\r\nb${'c'.repeat(3996)}`, sender: 's'.repeat(320), eventDate: '2000-01-01' });
    expect(ok.ok && ok.report.what).toBe(`a\nb${'c'.repeat(3996)}`);
    expect(check({ eventDate: '2025-07-16' }).ok).toBe(true);
    expect(check({ contact: '  ' })).toEqual({ ok: true, report: { ...VALID, contact: undefined } });
  });

  it.each([
    ['what', ''],
    ['what', 'x'.repeat(4001)],
    ['what', 'bell\u0007'],
    ['channel', 'carrier-pigeon'],
    ['eventDate', '1999-12-31'],
    ['eventDate', '2025-02-30'],
    ['eventDate', '2025-07-17'],
    ['eventDate', '14/07/2025'],
    ['sender', ''],
    ['sender', 'x'.repeat(321)],
    ['sender', 'a\u2028b'],
    ['contact', 'c'.repeat(321)],
  ])('rejects %s = %j', (field, value) => {
    const result = check({ [field]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });

  it('treats non-string fields (uploaded files) as missing', () => {
    const result = check({ what: new Blob(['x']) });
    expect(result.ok).toBe(false);
  });
});
