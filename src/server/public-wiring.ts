/**
 * Connects the public part (public-routes.ts: exposure check, suspicious-activity form) to
 * the team server's state: only cases whose exposure check an analyst published are
 * visible, and a report lands in its case as structured data.
 */
import type { Hono } from 'hono';
import { clientAddress, type ServerContext } from './context.js';
import type { ExposureIndex } from './exposure.js';
import { createPublicRoutes, type SuspiciousReport } from './public-routes.js';
import { createRateLimiter } from './rate-limit.js';
import { isId } from './secrets.js';

export function createPublicApp(
  ctx: ServerContext,
  exposure: () => ExposureIndex,
  ratePerMinute: number,
): Hono {
  const publicCase = async (id: string) => {
    const row = isId(id) ? await ctx.cases.getCase(id) : null;
    return row?.exposure_public
      ? { id: row.id, title: row.title, ...(row.default_region ? { defaultRegion: row.default_region } : {}) }
      : null;
  };
  return createPublicRoutes({
    exposure,
    publicCase,
    listPublicCases: () => ctx.cases.listPublicCases(),
    submitSuspiciousReport: async (caseId: string, report: SuspiciousReport) => {
      const id = await ctx.cases.addSar(caseId, {
        what: report.what,
        channel: report.channel,
        eventDate: report.eventDate,
        sender: report.sender,
        contact: report.contact ?? null,
      });
      // The audit names the report, not its content: the content is the reporter's data.
      await ctx.audit.append({
        actor: 'public',
        action: 'sar.received',
        target: id,
        detail: { case: caseId },
      });
    },
    rateLimiter: createRateLimiter({
      capacity: ratePerMinute,
      refillPerSecond: ratePerMinute / 60,
      maxClients: 100_000,
    }),
    clientKey: clientAddress,
  });
}
