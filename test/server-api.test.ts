import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReport } from '../src/report/index.js';
import { canonicalEmail, exposureHash } from '../src/server/exposure.js';
import type { RunningServer } from '../src/server/server.js';
import {
  makeAdmin,
  makeUsers,
  prepareWorkspace,
  startTestServer,
  TeamClient,
  type TeamFixture,
  waitForRun,
} from './support/team-server.js';

/**
 * The team server's JSON API over real HTTP on loopback (issue 5): bootstrap, sessions and
 * tokens, cases, streamed encrypted uploads, background verification with its report,
 * re-runs keeping old reports, the public exposure range and report form wired to cases,
 * the audit trail, and recovery of interrupted runs after a restart.
 */

let fx: TeamFixture;
let server: RunningServer;
let users: Awaited<ReturnType<typeof makeUsers>>;

beforeAll(async () => {
  fx = await prepareWorkspace('server-api');
  server = await startTestServer(fx);
  users = await makeUsers(server);
}, 30_000);

afterAll(async () => {
  await server?.close();
  fx?.remove();
});

const emailsOf = (csv: string): string[] => [...csv.matchAll(/[^,\s"]+@[^,\s"]+\.[a-z]+/g)].map((m) => m[0]);

describe('bootstrap and sign-in', () => {
  it('printed a one-time admin token that works once', async () => {
    expect(server.bootstrapToken).toMatch(/^lvb_[A-Za-z0-9_-]{43}$/);
    const again = await new TeamClient(server.url).request('POST', '/api/setup', {
      token: server.bootstrapToken,
      username: 'mallory',
      password: 'another long password',
    });
    expect(again.status).toBe(401);
  });

  it('sets a __Host- session cookie that is HttpOnly, Secure and SameSite=Strict', async () => {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'carol', password: 'carol password 123' }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-lv_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('refuses a wrong password with 401 and logs the attempt', async () => {
    const reply = await new TeamClient(server.url).login('bob', 'not the password');
    expect(reply.status).toBe(401);
    const audit = await users.admin.request<{ entries: { action: string; target: string }[] }>(
      'GET',
      '/api/audit',
    );
    expect(audit.body.entries.some((e) => e.action === 'login.failed' && e.target === 'bob')).toBe(true);
  });

  it('accepts bearer tokens with their role, and not once revoked', async () => {
    const made = await users.admin.request<{ id: string; token: string }>('POST', '/api/tokens', {
      label: 'ci',
      role: 'viewer',
      username: 'bob',
    });
    expect(made.status).toBe(201);
    const client = new TeamClient(server.url);
    client.bearer = made.body.token;
    const me = await client.request('GET', '/api/me');
    expect(me.body).toMatchObject({ username: 'bob', role: 'viewer', via: 'token' });
    // A viewer token of an analyst stays a viewer: it cannot create cases.
    expect((await client.request('POST', '/api/cases', { title: 'x' })).status).toBe(403);
    await users.admin.request('POST', `/api/tokens/${made.body.id}/revoke`);
    expect((await client.request('GET', '/api/me')).status).toBe(401);
  });

  it('ends the session on logout', async () => {
    const client = new TeamClient(server.url);
    await client.login('carol', 'carol password 123');
    const cookie = client.cookie;
    expect((await client.request('POST', '/api/logout')).status).toBe(200);
    client.cookie = cookie;
    expect((await client.request('GET', '/api/me')).status).toBe(401);
  });
});

describe('a case from upload to verdict', () => {
  let caseId: string;
  let sampleId: string;
  let firstRun: Record<string, unknown>;

  it('creates a case and validates its fields', async () => {
    const bad = await users.analyst.request('POST', '/api/cases', { title: 'x', claimDate: '01/05/2024' });
    expect(bad.status).toBe(400);
    const made = await users.analyst.request<{ case: { id: string; defaultRegion: string } }>(
      'POST',
      '/api/cases',
      {
        title: 'ShopCo: 87M customers for sale',
        forumRef: 'https://forum.example/t/1234',
        claimedRows: '87,000,000',
        claimDate: '2024-05-01',
        defaultRegion: 'gb',
      },
    );
    expect(made.status).toBe(201);
    expect(made.body.case.defaultRegion).toBe('GB');
    caseId = made.body.case.id;
  });

  it('streams an upload to an encrypted file and records the plaintext SHA-256', async () => {
    const bytes = readFileSync(fx.samplePath);
    const reply = await users.analyst.request<{
      sample: { id: string; sha256: string; size: number; name: string };
    }>('PUT', `/api/cases/${caseId}/samples?name=${encodeURIComponent('claimed sample.csv')}`, undefined, {
      raw: bytes,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body.sample.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(reply.body.sample.size).toBe(bytes.length);
    sampleId = reply.body.sample.id;
    const sealed = join(fx.workspace, 'uploads', caseId, `${sampleId}.sealed`);
    const stored = readFileSync(sealed);
    expect(stored.subarray(0, 6).toString('latin1')).toBe('LVSEAL');
    for (const email of emailsOf(bytes.toString('utf8')).slice(0, 20))
      expect(stored.includes(Buffer.from(email)), email).toBe(false);
  });

  it('runs the verification in the background and shows the verdict and report', async () => {
    const started = await users.analyst.request<{ run: { id: string; status: string } }>(
      'POST',
      `/api/cases/${caseId}/runs`,
      { sampleId },
    );
    expect(started.status).toBe(202);
    expect(started.body.run.status).toBe('queued');
    firstRun = await waitForRun(users.viewer, started.body.run.id);
    expect(firstRun['status'], String(firstRun['error'])).toBe('done');
    expect(['partially-authentic', 'authentic']).toContain(firstRun['verdict']);
    const result = firstRun['result'] as { rows: number; identityShare: number; exposureHashes: number };
    expect(result.rows).toBe(150);
    expect(result.identityShare).toBeGreaterThan(0.4);
    expect(result.exposureHashes).toBeGreaterThan(100);
    const json = await users.viewer.request('GET', `/api/runs/${firstRun['id']}/files/report.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(
      /^attachment; filename="run-[0-9a-f]{8}-report\.json"$/,
    );
    expect(validateReport(json.body).errors).toEqual([]);
    const csv = await users.viewer.request('GET', `/api/runs/${firstRun['id']}/files/rows.csv`);
    expect(csv.text.split(/\r?\n/)[0]).toBe('row,record_table,record_id,probability,level,agreeing_fields');
    const page = await users.viewer.request('GET', `/runs/${firstRun['id']}/report`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'unsafe-inline'/,
    );
    expect(page.headers.get('content-disposition')).toBeNull();
  });

  it('keeps the old report when the sample is verified again', async () => {
    const again = await users.analyst.request<{ run: { id: string } }>('POST', `/api/cases/${caseId}/runs`, {
      sampleId,
    });
    const second = await waitForRun(users.analyst, again.body.run.id);
    expect(second['status']).toBe('done');
    for (const run of [firstRun, second])
      expect(existsSync(join(fx.workspace, 'reports', caseId, String(run['id']), 'report.json'))).toBe(true);
    const view = await users.viewer.request<{ runs: unknown[]; samples: unknown[] }>(
      'GET',
      `/api/cases/${caseId}`,
    );
    expect(view.body.runs).toHaveLength(2);
    expect(view.body.samples).toHaveLength(1);
  });

  it('answers the public exposure range only once an analyst publishes the case', async () => {
    const email = canonicalEmail(emailsOf(readFileSync(fx.samplePath, 'utf8'))[0]!)!;
    const hash = exposureHash('email', email);
    const absent = exposureHash('email', 'nobody-here@example.invalid');
    const range = (h: string) =>
      new TeamClient(server.url).request<{ suffixes: string[] }>(
        'GET',
        `/api/exposure/range/${h.slice(0, 5)}?case=${caseId}`,
      );
    expect((await range(hash)).status).toBe(404);
    expect(
      (await users.viewer.request('POST', `/api/cases/${caseId}/exposure`, { public: true })).status,
    ).toBe(403);
    expect(
      (await users.analyst.request('POST', `/api/cases/${caseId}/exposure`, { public: true })).status,
    ).toBe(200);
    const hit = await range(hash);
    expect(hit.status).toBe(200);
    expect(hit.body.suffixes).toContain(hash.slice(5));
    const miss = await range(absent);
    expect(miss.body.suffixes).not.toContain(absent.slice(5));
    expect(miss.body.suffixes.length).toBe(hit.body.suffixes.length);
  });

  it('files a public suspicious-activity report into the case', async () => {
    const form = new URLSearchParams({
      what: 'SMS about a parcel with a link',
      channel: 'sms',
      eventDate: '2024-05-03',
      sender: '+44 7700 900123',
    });
    const response = await fetch(`${server.url}/report/${caseId}`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { Origin: server.url },
    });
    expect(response.status).toBe(303);
    const reports = await users.viewer.request<{
      reports: { what: string; channel: string; sender: string }[];
    }>('GET', `/api/cases/${caseId}/reports`);
    expect(reports.body.reports).toEqual([
      expect.objectContaining({
        what: 'SMS about a parcel with a link',
        channel: 'sms',
        sender: '+44 7700 900123',
      }),
    ]);
  });

  it('audits every action in a chain that verifies', async () => {
    const audit = await users.admin.request<{ entries: { action: string; actor: string }[] }>(
      'GET',
      '/api/audit',
    );
    const actions = new Set(audit.body.entries.map((e) => e.action));
    for (const action of [
      'setup.admin',
      'login',
      'login.failed',
      'logout',
      'user.create',
      'token.create',
      'token.revoke',
      'case.create',
      'sample.upload',
      'run.start',
      'run.done',
      'report.view',
      'report.download',
      'exposure.publish',
      'sar.received',
    ])
      expect(actions, action).toContain(action);
    const check = await users.admin.request('GET', '/api/audit/verify');
    expect(check.body).toMatchObject({ kind: 'ok' });
  });
});

describe('failures and restarts', () => {
  it('fails a run clearly when the workspace has no indexed records', async () => {
    const empty = await prepareWorkspace('server-api-empty', { index: false });
    const other = await startTestServer(empty);
    try {
      // An admin holds every analyst right; one account keeps this server's start short.
      const analyst = await makeAdmin(other);
      const made = await analyst.request<{ case: { id: string } }>('POST', '/api/cases', {
        title: 'no records',
      });
      const up = await analyst.request<{ sample: { id: string } }>(
        'PUT',
        `/api/cases/${made.body.case.id}/samples?name=s.csv`,
        undefined,
        { raw: readFileSync(empty.samplePath) },
      );
      const run = await analyst.request<{ run: { id: string } }>(
        'POST',
        `/api/cases/${made.body.case.id}/runs`,
        {
          sampleId: up.body.sample.id,
        },
      );
      const ended = await waitForRun(analyst, run.body.run.id);
      expect(ended['status']).toBe('failed');
      expect(String(ended['error'])).toMatch(
        /no records to compare the sample with.*leakverify index|--records/,
      );
    } finally {
      await other.close();
      empty.remove();
    }
  });

  it('interrupts a running job on stop, removes its plaintext, and recovers runs left running', async () => {
    const analyst = users.analyst;
    const made = await analyst.request<{ case: { id: string } }>('POST', '/api/cases', {
      title: 'stop mid-run',
    });
    const up = await analyst.request<{ sample: { id: string } }>(
      'PUT',
      `/api/cases/${made.body.case.id}/samples?name=s.csv`,
      undefined,
      { raw: readFileSync(fx.samplePath) },
    );
    const started = await analyst.request<{ run: { id: string } }>(
      'POST',
      `/api/cases/${made.body.case.id}/runs`,
      {
        sampleId: up.body.sample.id,
      },
    );
    for (let i = 0; i < 100; i++) {
      const r = await analyst.request<{ run: { status: string } }>('GET', `/api/runs/${started.body.run.id}`);
      if (r.body.run.status === 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A run the server did not see end (a crash) is found `running` at the next start.
    const crashed = await server.ctx.cases.createRun(made.body.case.id, up.body.sample.id, {}, 'bob');
    await server.ctx.cases.markRunning(crashed.id);
    await server.close();
    const leftovers = existsSync('/dev/shm')
      ? readdirSync('/dev/shm').filter((n) => n.startsWith('leakverify-job-'))
      : [];
    expect(leftovers).toEqual([]);
    server = await startTestServer(fx);
    expect(server.bootstrapToken).toBeNull();
    const client = new TeamClient(server.url);
    await client.login('carol', 'carol password 123');
    for (const id of [started.body.run.id, crashed.id]) {
      const after = await client.request<{ run: { status: string; error: string } }>(
        'GET',
        `/api/runs/${id}`,
      );
      expect(after.body.run.status, id).toBe('interrupted');
      expect(after.body.run.error).toMatch(/server stopped/);
    }
  });
});
