/** JSON API for cases, samples, runs, reports and suspicious-activity reports. */
import type { Hono } from 'hono';
import * as actions from './actions.js';
import { failure, jsonBody } from './api-account-routes.js';
import type { ServerContext } from './context.js';
import { guard, type ServerEnv } from './guard.js';
import { caseJson, runJson, sampleJson, sarJson } from './json-views.js';
import { reportFileResponse } from './report-files.js';
import { isId } from './secrets.js';

export function registerCaseApi(app: Hono<ServerEnv>, ctx: ServerContext): void {
  const viewer = guard(ctx.accounts, 'viewer');
  const analyst = guard(ctx.accounts, 'analyst');
  const runView = (run: Parameters<typeof runJson>[0]) =>
    runJson(run, ctx.jobs.progress(run.id), ctx.jobs.position(run.id));

  app.get('/api/cases', viewer, async (c) => {
    const rows = await ctx.cases.listCases();
    return c.json({
      cases: rows.map((r) => ({
        ...caseJson(r),
        samples: r.samples,
        runs: r.runs,
        reports: r.reports,
        lastVerdict: r.last_verdict,
      })),
    });
  });

  app.post('/api/cases', analyst, async (c) => {
    const result = await actions.createCase(ctx, c.get('principal'), await jsonBody(c));
    return result.ok ? c.json({ case: caseJson(result.value) }, 201) : failure(c, result);
  });

  app.get('/api/cases/:id', viewer, async (c) => {
    const found = await actions.findCase(ctx, c.req.param('id'));
    if (!found.ok) return failure(c, found);
    const id = found.value.id;
    const [samples, runs] = await Promise.all([ctx.cases.listSamples(id), ctx.cases.listRuns(id)]);
    return c.json({
      case: caseJson(found.value),
      samples: samples.map(sampleJson),
      runs: runs.map(runView),
      exposureHashes: await ctx.cases.exposureCount(id),
    });
  });

  // The body is the file itself, streamed; `?name=` carries the original file name as metadata.
  app.put('/api/cases/:id/samples', analyst, async (c) => {
    const length = c.req.header('Content-Length');
    const result = await actions.uploadSample(ctx, c.get('principal'), c.req.param('id'), {
      name: c.req.query('name') ?? '',
      length: length !== undefined && /^\d+$/.test(length) ? Number(length) : null,
      body: c.req.raw.body,
    });
    if (!result.ok) {
      if (result.status === 413) c.header('Connection', 'close');
      return failure(c, result);
    }
    return c.json({ sample: sampleJson(result.value) }, 201);
  });

  app.post('/api/cases/:id/runs', analyst, async (c) => {
    const body = await jsonBody(c);
    const result = await actions.startRun(ctx, c.get('principal'), c.req.param('id'), body['sampleId']);
    return result.ok ? c.json({ run: runView(result.value) }, 202) : failure(c, result);
  });

  app.post('/api/cases/:id/exposure', analyst, async (c) => {
    const body = await jsonBody(c);
    if (typeof body['public'] !== 'boolean') return c.json({ error: 'send {"public": true|false}' }, 400);
    const result = await actions.setExposurePublic(
      ctx,
      c.get('principal'),
      c.req.param('id'),
      body['public'],
    );
    return result.ok ? c.json({ case: caseJson(result.value) }) : failure(c, result);
  });

  app.get('/api/cases/:id/reports', viewer, async (c) => {
    const found = await actions.findCase(ctx, c.req.param('id'));
    if (!found.ok) return failure(c, found);
    return c.json({ reports: (await ctx.cases.listSars(found.value.id)).map(sarJson) });
  });

  app.get('/api/runs/:id', viewer, async (c) => {
    const id = c.req.param('id');
    const run = isId(id) ? await ctx.cases.getRun(id) : null;
    if (!run) return c.json({ error: 'no such run' }, 404);
    return c.json({ run: runView(run) });
  });

  app.get('/api/runs/:id/files/:file', viewer, async (c) => {
    const id = c.req.param('id');
    const file = c.req.param('file');
    const run = isId(id) ? await ctx.cases.getRun(id) : null;
    const response = run ? await reportFileResponse(ctx.workspace, run, file, false) : null;
    if (!run || !response) return c.json({ error: 'no such report file' }, 404);
    await actions.noteAccess(ctx, c.get('principal'), 'report.download', run.id, { file });
    return response;
  });
}
