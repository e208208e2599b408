/** Pages for cases, samples, runs and reports. */
import type { Context, Hono } from 'hono';
import { formatPercent, html } from '../report/html-escape.js';
import { hasRole, type Principal } from './accounts.js';
import * as actions from './actions.js';
import type { CaseRow } from './cases.js';
import type { ServerContext } from './context.js';
import { guard, type ServerEnv } from './guard.js';
import { runJson } from './json-views.js';
import {
  bytes,
  csrfField,
  flashOf,
  htmlResponse,
  page,
  redirectWith,
  statusBadge,
  verdictBadge,
  when,
} from './layout.js';
import { caseSections } from './pages-case-sections.js';
import { reportFileResponse } from './report-files.js';
import { isId } from './secrets.js';

async function formOf(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return {};
  return (await c.req.parseBody()) as Record<string, unknown>;
}

function notFound(c: Context, p: Principal, what: string): Response {
  return htmlResponse(
    c,
    page(
      { title: 'Not found', principal: p },
      html`<h1>Not found</h1><p>${what}</p><p><a href="/cases">All cases</a></p>`,
    ),
    404,
  );
}

export function registerCasePages(app: Hono<ServerEnv>, ctx: ServerContext): void {
  const viewer = guard(ctx.accounts, 'viewer');
  const analyst = guard(ctx.accounts, 'analyst');

  app.get('/cases', viewer, (c) => casesPage(c, ctx, c.get('principal')));

  app.post('/cases', analyst, async (c) => {
    const form = await formOf(c);
    const result = await actions.createCase(ctx, c.get('principal'), form);
    if (!result.ok) return casesPage(c, ctx, c.get('principal'), result.error, form);
    return redirectWith(c, `/cases/${result.value.id}`, 'case-created');
  });

  app.get('/cases/:id', viewer, async (c) => {
    const p = c.get('principal');
    const found = await actions.findCase(ctx, c.req.param('id'));
    if (!found.ok) return notFound(c, p, 'There is no such case.');
    return casePage(c, ctx, p, found.value);
  });

  app.post('/cases/:id/runs', analyst, async (c) => {
    const p = c.get('principal');
    const form = await formOf(c);
    const result = await actions.startRun(ctx, p, c.req.param('id'), form['sampleId']);
    if (!result.ok) return notFound(c, p, result.error);
    return redirectWith(c, `/runs/${result.value.id}`, 'run-started');
  });

  app.post('/cases/:id/exposure', analyst, async (c) => {
    const p = c.get('principal');
    const form = await formOf(c);
    const value = form['public'] === '1';
    const result = await actions.setExposurePublic(ctx, p, c.req.param('id'), value);
    if (!result.ok) return notFound(c, p, result.error);
    return redirectWith(c, `/cases/${result.value.id}`, value ? 'published' : 'unpublished');
  });

  app.get('/runs/:id', viewer, async (c) => {
    const p = c.get('principal');
    const id = c.req.param('id');
    const run = isId(id) ? await ctx.cases.getRun(id) : null;
    const kase = run ? await ctx.cases.getCase(run.case_id) : null;
    const sample = run ? await ctx.cases.getSample(run.sample_id) : null;
    if (!run || !kase || !sample) return notFound(c, p, 'There is no such run.');
    const view = runJson(run, ctx.jobs.progress(run.id), ctx.jobs.position(run.id));
    const active = run.status === 'queued' || run.status === 'running';
    const result = view.result;
    const body = html`<p class="crumbs"><a href="/cases">Cases</a> › <a href="/cases/${kase.id}">${kase.title}</a> › run</p>
<h1>Verification of ${sample.original_name}</h1>
<section class="card" data-run-id="${run.id}" data-status="${run.status}">
  <p>${statusBadge(run.status)} <span class="muted">started ${when(run.created_at)} by ${run.created_by}${run.finished_at ? html`, finished ${when(run.finished_at)}` : ''}</span></p>
  ${
    active
      ? html`<div class="progress" aria-live="polite">
    <div class="bar indeterminate"><span></span></div>
    <p><span data-progress-label>${view.progress.label}</span> · <span data-progress-rows>${view.progress.rows.toLocaleString('en-US')}</span> rows</p>
  </div>`
      : ''
  }
  ${run.status === 'failed' || run.status === 'interrupted' ? html`<p class="flash flash-error">${run.error ?? 'failed'}</p>` : ''}
  ${
    result && run.status === 'done'
      ? html`<div class="verdict-card">
    <p class="big">${verdictBadge(run.verdict)} <span class="muted">confidence ${result.confidence.toFixed(2)}</span></p>
    <p>${result.summary}</p>
    <dl class="facts">
      <dt>Rows in the sample</dt><dd>${result.rows.toLocaleString('en-US')}</dd>
      <dt>People in our records (identity share)</dt><dd>${formatPercent(result.identityShare)}</dd>
      <dt>Rows from our systems (from-records share)</dt><dd>${formatPercent(result.fromRecordsShare)}</dd>
      <dt>At most ours of the claimed rows</dt><dd>${result.plausibleOurRowsMax === null ? '—' : result.plausibleOurRowsMax.toLocaleString('en-US')}</dd>
      <dt>Exposure-check entries</dt><dd>${result.exposureHashes.toLocaleString('en-US')}</dd>
    </dl>
    <p class="actions"><a class="button" href="/runs/${run.id}/report" target="_blank" rel="noopener">Open the full report</a>
    <a href="/runs/${run.id}/files/report.json">report.json</a> · <a href="/runs/${run.id}/files/rows.csv">rows.csv</a> ·
    <a href="/runs/${run.id}/files/statement.md">statement.md</a> · <a href="/runs/${run.id}/files/manifest.json">manifest.json</a> ·
    <a href="/runs/${run.id}/files/manifest.sig">manifest.sig</a></p>
  </div>`
      : ''
  }
  <p class="muted small">Sample ${sample.original_name} · ${bytes(sample.size)} · sha256 <code>${sample.sha256}</code></p>
</section>`;
    return htmlResponse(c, page({ title: 'Run', principal: p, section: 'cases', flash: flashOf(c) }, body));
  });

  app.get('/runs/:id/report', viewer, (c) => reportFile(c, ctx, 'report.html', true));
  app.get('/runs/:id/files/:file', viewer, (c) => reportFile(c, ctx, c.req.param('file'), false));
}

async function reportFile(
  c: Context<ServerEnv>,
  ctx: ServerContext,
  file: string,
  inline: boolean,
): Promise<Response> {
  const p = c.get('principal');
  const id = c.req.param('id');
  const run = isId(id) ? await ctx.cases.getRun(id) : null;
  const response = run ? await reportFileResponse(ctx.workspace, run, file, inline) : null;
  if (!run || !response) return notFound(c, p, 'There is no such report file (is the run finished?).');
  await actions.noteAccess(ctx, p, inline ? 'report.view' : 'report.download', run.id, { file });
  return response;
}

async function casesPage(
  c: Context,
  ctx: ServerContext,
  p: Principal,
  error: string | null = null,
  form: Record<string, unknown> = {},
): Promise<Response> {
  const cases = await ctx.cases.listCases();
  const v = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
  const create = hasRole(p.role, 'analyst')
    ? html`<section class="card"><h2>New case</h2>
${error ? html`<p class="flash flash-error" role="alert">${error}</p>` : ''}
<form method="post" action="/cases" class="grid-form">${csrfField(p)}
  <label class="wide">Title <input name="title" required maxlength="200" value="${v('title')}" placeholder="87M ShopCo customers on BreachForum"></label>
  <label class="wide">Forum / post reference <input name="forumRef" maxlength="500" value="${v('forumRef')}" placeholder="URL or thread id"></label>
  <label>Claimed rows <input name="claimedRows" inputmode="numeric" value="${v('claimedRows')}" placeholder="87000000"></label>
  <label>Claim date <input name="claimDate" type="date" value="${v('claimDate')}"></label>
  <label>Default phone region <input name="defaultRegion" maxlength="2" value="${v('defaultRegion')}" placeholder="IT"></label>
  <div class="wide"><button type="submit">Create case</button></div>
</form></section>`
    : '';
  const body = html`<h1>Cases</h1>
<section class="card"><h2>All cases</h2>
${
  cases.length === 0
    ? html`<p class="muted">No cases yet.</p>`
    : html`<div class="table-wrap"><table><thead><tr><th>Title</th><th>Claimed rows</th><th>Claim date</th><th>Samples</th><th>Runs</th><th>Reports</th><th>Latest verdict</th><th>Opened</th></tr></thead><tbody>
${cases.map(
  (
    k,
  ) => html`<tr><td><a href="/cases/${k.id}">${k.title}</a>${k.exposure_public ? html` <span class="tag">public check</span>` : ''}</td>
  <td class="num">${k.claimed_rows === null ? '—' : k.claimed_rows.toLocaleString('en-US')}</td><td class="nowrap">${k.claim_date ?? '—'}</td>
  <td class="num">${k.samples}</td><td class="num">${k.runs}</td><td class="num">${k.reports}</td><td>${verdictBadge(k.last_verdict)}</td><td><span class="nowrap">${when(k.created_at)}</span> · ${k.created_by}</td></tr>`,
)}
</tbody></table></div>`
}
</section>
${create}`;
  return htmlResponse(
    c,
    page({ title: 'Cases', principal: p, section: 'cases', flash: flashOf(c) }, body),
    error ? 400 : 200,
  );
}

async function casePage(c: Context, ctx: ServerContext, p: Principal, kase: CaseRow): Promise<Response> {
  const [samples, runs, sars, exposure] = await Promise.all([
    ctx.cases.listSamples(kase.id),
    ctx.cases.listRuns(kase.id),
    ctx.cases.listSars(kase.id),
    ctx.cases.exposureCount(kase.id),
  ]);
  const body = caseSections({ ctx, p, kase, samples, runs, sars, exposure });
  return htmlResponse(
    c,
    page({ title: kase.title, principal: p, section: 'cases', flash: flashOf(c) }, body),
  );
}
