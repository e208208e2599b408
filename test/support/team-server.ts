/**
 * Shared set-up for the team-server tests: a workspace with a synthetic company's records
 * indexed, a sample file, a server on a loopback port, and a small HTTP client that keeps
 * the session cookie and CSRF token as a browser would.
 */
import { join } from 'node:path';
import { indexRecords } from '../../src/pipeline/index-records.js';
import type { SecretKey } from '../../src/protect/index.js';
import { type RunningServer, type ServeOptions, startServer } from '../../src/server/server.js';
import { openWorkspace } from '../../src/store/index.js';
import { type Company, generateCompany, mix, sampleTable, writeSample } from '../../src/synth/index.js';
import { freshKey, makeTempDir, writeRecords } from './fixtures.js';

export interface TeamFixture {
  readonly dir: string;
  readonly workspace: string;
  readonly key: SecretKey;
  readonly keyHex: string;
  readonly company: Company;
  /** A CSV sample: half genuine rows of the company, half fabricated. */
  readonly samplePath: string;
  remove(): void;
}

/** Records written and indexed into `<dir>/ws`, plus a mixed sample. */
export async function prepareWorkspace(
  name: string,
  options: { customers?: number; sampleRows?: number; index?: boolean } = {},
): Promise<TeamFixture> {
  const tmp = makeTempDir(name);
  const { hex, key } = freshKey();
  const company = generateCompany({ seed: 23, customers: options.customers ?? 400 });
  const records = await writeRecords(tmp.dir, company);
  const workspace = join(tmp.dir, 'ws');
  if (options.index ?? true) {
    const db = await openWorkspace(workspace);
    try {
      await indexRecords(db, key, [
        { path: records.customers, table: 'customers' },
        { path: records.orders, table: 'orders' },
      ]);
    } finally {
      await db.close();
    }
  }
  const samplePath = join(tmp.dir, 'claimed-sample.csv');
  const sample = mix(company, { n: options.sampleRows ?? 150, genuineShare: 0.6, seed: 5 });
  await writeSample(samplePath, sampleTable(sample), { format: 'csv' });
  return { dir: tmp.dir, workspace, key, keyHex: hex, company, samplePath, remove: tmp.remove };
}

export function startTestServer(
  fixture: TeamFixture,
  options: Partial<ServeOptions> = {},
): Promise<RunningServer> {
  return startServer({
    workspace: fixture.workspace,
    key: fixture.key,
    port: 0,
    company: 'ShopCo',
    log: () => undefined,
    ...options,
  });
}

export interface Reply<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

/** A fetch client with a cookie jar of one (the session) and the session's CSRF token. */
export class TeamClient {
  cookie: string | null = null;
  csrf: string | null = null;
  bearer: string | null = null;

  constructor(readonly base: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    init: { headers?: Record<string, string>; csrf?: boolean; raw?: BodyInit; duplex?: boolean } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookie) headers['Cookie'] = this.cookie;
    if (this.bearer) headers['Authorization'] = `Bearer ${this.bearer}`;
    if (this.csrf && (init.csrf ?? true) && method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    let payload: BodyInit | undefined = init.raw;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(payload !== undefined ? { body: payload } : {}),
      ...(init.duplex ? { duplex: 'half' } : {}),
    } as RequestInit);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair && !/=\s*$/.test(pair) && !/Max-Age=0/i.test(setCookie) ? pair : null;
    }
    const text = await response.text();
    let parsed: unknown = {};
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = {};
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  async login(username: string, password: string): Promise<Reply> {
    const reply = await this.request('POST', '/api/login', { username, password });
    if (reply.status === 200) this.csrf = String(reply.body['csrfToken']);
    return reply;
  }
}

/** Bootstraps the first admin (alice) with the printed token and signs in. */
export async function makeAdmin(server: RunningServer): Promise<TeamClient> {
  const admin = new TeamClient(server.url);
  const setup = await admin.request('POST', '/api/setup', {
    token: server.bootstrapToken,
    username: 'alice',
    password: 'correct horse battery',
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.text}`);
  await admin.login('alice', 'correct horse battery');
  return admin;
}

/** Bootstraps the first admin and makes an analyst and a viewer; returns a client for each. */
export async function makeUsers(server: RunningServer): Promise<{
  admin: TeamClient;
  analyst: TeamClient;
  viewer: TeamClient;
}> {
  const admin = await makeAdmin(server);
  for (const [username, role] of [
    ['bob', 'analyst'],
    ['carol', 'viewer'],
  ]) {
    const made = await admin.request('POST', '/api/users', {
      username,
      password: `${username} password 123`,
      role,
    });
    if (made.status !== 201) throw new Error(`user ${username}: ${made.text}`);
  }
  const analyst = new TeamClient(server.url);
  await analyst.login('bob', 'bob password 123');
  const viewer = new TeamClient(server.url);
  await viewer.login('carol', 'carol password 123');
  return { admin, analyst, viewer };
}

/** Polls a run until it leaves queued/running. */
export async function waitForRun(
  client: TeamClient,
  runId: string,
  timeoutMs = 25_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await client.request<{ run: Record<string, unknown> }>('GET', `/api/runs/${runId}`);
    const status = reply.body.run?.['status'];
    if (status !== 'queued' && status !== 'running') return reply.body.run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${String(status)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
