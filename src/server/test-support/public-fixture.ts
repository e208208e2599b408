/** A real HTTP server on loopback running only the public routes, over in-memory state. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { ExposureIndex, exposureOf } from '../exposure.js';
import { createPublicRoutes, type PublicDeps, type SuspiciousReport } from '../public-routes.js';
import { createRateLimiter, type RateLimiter } from '../rate-limit.js';

export const EXPOSED = {
  email: 'Mario.Rossi@Example.com',
  phone: '+39 333 123 4567',
  /** The same number as a person in Italy writes it, with IT chosen on the page. */
  phoneNational: '333 123 4567',
} as const;

export const CASES = [
  {
    id: 'shopco-2025',
    title: 'ShopCo "87M customers" <script>window.__pwned=1</script>',
    defaultRegion: 'IT',
  },
  { id: 'unpublished', title: 'Not public' },
] as const;

export interface PublicFixture {
  readonly url: string;
  readonly reports: { caseId: string; report: SuspiciousReport }[];
  readonly index: ExposureIndex;
  close(): Promise<void>;
}

export interface FixtureOptions {
  readonly rateLimiter?: RateLimiter;
  readonly reportRateLimiter?: RateLimiter;
  readonly now?: () => Date;
}

/** Starts the server on an ephemeral port; clients are told apart by an `x-client` header. */
export async function startPublicServer(options: FixtureOptions = {}): Promise<PublicFixture> {
  const hashes = [exposureOf(EXPOSED.email)!.hash, exposureOf(EXPOSED.phone)!.hash];
  for (let i = 0; i < 5000; i++) hashes.push(exposureOf(`customer${i}@example.com`)!.hash);
  const index = new ExposureIndex([{ caseId: 'shopco-2025', hashes }], { secret: Buffer.alloc(32, 1) });
  const reports: { caseId: string; report: SuspiciousReport }[] = [];
  const published = CASES.filter((c) => c.id !== 'unpublished');
  const deps: PublicDeps = {
    exposure: () => index,
    publicCase: async (id) => published.find((c) => c.id === id) ?? null,
    listPublicCases: async () => [...published],
    submitSuspiciousReport: async (caseId, report) => {
      reports.push({ caseId, report });
    },
    rateLimiter:
      options.rateLimiter ?? createRateLimiter({ capacity: 1000, refillPerSecond: 1000, maxClients: 100 }),
    clientKey: (c) => c.req.header('x-client') ?? 'anonymous',
    ...(options.reportRateLimiter ? { reportRateLimiter: options.reportRateLimiter } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const app = createPublicRoutes(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reports,
    index,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
