/** The sections of a case page: facts, upload, samples, runs, exposure check, suspicious-activity reports. */
import { html, type SafeHtml } from '../report/html-escape.js';
import { hasRole, type Principal } from './accounts.js';
import type { CaseRow, RunRow, SampleRow, SarRow } from './cases.js';
import type { ServerContext } from './context.js';
import { runJson } from './json-views.js';
import { bytes, csrfField, statusBadge, verdictBadge, when } from './layout.js';

export interface CaseView {
  readonly ctx: ServerContext;
  readonly p: Principal;
  readonly kase: CaseRow;
  readonly samples: readonly SampleRow[];
  readonly runs: readonly RunRow[];
  readonly sars: readonly SarRow[];
  readonly exposure: number;
}

/** Where the public pages of a case live (public-routes.ts). */
export const publicCheckPath = (caseId: string) => `/check/${caseId}`;
export const publicReportPath = (caseId: string) => `/report/${caseId}`;

export function caseSections(v: CaseView): SafeHtml {
  const { kase, p } = v;
  const analyst = hasRole(p.role, 'analyst');
  return html`<p class="crumbs"><a href="/cases">Cases</a> › case</p>
<h1>${kase.title}</h1>
<section class="card"><dl class="facts">
  <dt>Forum / post</dt><dd>${kase.forum_ref || '—'}</dd>
  <dt>Claimed rows</dt><dd>${kase.claimed_rows === null ? '—' : kase.claimed_rows.toLocaleString('en-US')}</dd>
  <dt>Claim date</dt><dd>${kase.claim_date ?? '—'}</dd>
  <dt>Default phone region</dt><dd>${kase.default_region ?? '—'}</dd>
  <dt>Opened</dt><dd>${when(kase.created_at)} by ${kase.created_by}</dd>
</dl></section>
${analyst ? uploadSection(kase, p, v.ctx.maxUploadBytes) : ''}
${samplesSection(v, analyst)}
${runsSection(v)}
${exposureSection(v, analyst)}
${sarSection(v)}`;
}

function uploadSection(kase: CaseRow, p: Principal, max: number): SafeHtml {
  return html`<section class="card"><h2>Upload a sample</h2>
<p class="muted small">The file is encrypted on the way to disk (AES-256-GCM); its SHA-256 is computed as it arrives.
Limit ${bytes(max)}. Any format leakverify reads: CSV/TSV, JSON, SQL dumps, combolists, pastes, gzip or zip.</p>
<form class="upload row" data-upload="/api/cases/${kase.id}/samples" data-max="${max}">${csrfField(p)}
  <input type="file" name="file" required>
  <button type="submit">Upload</button>
  <progress value="0" max="100" hidden></progress>
  <span class="upload-status" role="status"></span>
</form>
<noscript><p class="flash flash-error">Uploading needs JavaScript (or the API: <code>PUT /api/cases/${kase.id}/samples?name=…</code>).</p></noscript>
</section>`;
}

function samplesSection(v: CaseView, analyst: boolean): SafeHtml {
  const { kase, p } = v;
  if (v.samples.length === 0)
    return html`<section class="card"><h2>Samples</h2><p class="muted">No samples yet.</p></section>`;
  return html`<section class="card"><h2>Samples</h2>
<div class="table-wrap"><table><thead><tr><th>File</th><th>Size</th><th>SHA-256</th><th>Uploaded</th><th></th></tr></thead><tbody>
${v.samples.map(
  (
    s,
  ) => html`<tr><td>${s.original_name}</td><td class="num">${bytes(s.size)}</td><td class="mono small" title="${s.sha256}">${s.sha256.slice(0, 16)}…</td>
  <td><span class="nowrap">${when(s.uploaded_at)}</span> · ${s.uploaded_by}</td>
  <td>${analyst ? html`<form method="post" action="/cases/${kase.id}/runs" class="inline">${csrfField(p)}<input type="hidden" name="sampleId" value="${s.id}"><button class="small">Verify</button></form>` : ''}</td></tr>`,
)}
</tbody></table></div></section>`;
}

function runsSection(v: CaseView): SafeHtml {
  const names = new Map(v.samples.map((s) => [s.id, s.original_name]));
  if (v.runs.length === 0)
    return html`<section class="card"><h2>Verification runs</h2><p class="muted">No runs yet.</p></section>`;
  return html`<section class="card"><h2>Verification runs</h2>
<p class="muted small">Each run keeps its own report: re-running after indexing new records or with other settings adds a run.</p>
<div class="table-wrap"><table><thead><tr><th>Started</th><th>Sample</th><th>Status</th><th>Verdict</th><th>Rows</th><th></th></tr></thead><tbody>
${v.runs.map((r) => {
  const view = runJson(r, v.ctx.jobs.progress(r.id), v.ctx.jobs.position(r.id));
  const active = r.status === 'queued' || r.status === 'running';
  return html`<tr data-run-id="${active ? r.id : ''}" data-status="${r.status}"><td><span class="nowrap">${when(r.created_at)}</span> · ${r.created_by}</td><td>${names.get(r.sample_id) ?? '—'}</td>
  <td>${statusBadge(r.status)} ${active ? html`<span class="small muted" data-progress-label>${view.progress.label}</span>` : ''}</td>
  <td>${verdictBadge(r.verdict)}</td><td class="num">${view.result ? view.result.rows.toLocaleString('en-US') : '—'}</td>
  <td><a href="/runs/${r.id}">details</a>${r.status === 'done' ? html` · <a href="/runs/${r.id}/report" target="_blank" rel="noopener">report</a>` : ''}</td></tr>`;
})}
</tbody></table></div></section>`;
}

function exposureSection(v: CaseView, analyst: boolean): SafeHtml {
  const { kase, p } = v;
  const state = kase.exposure_public
    ? html`<p><span class="tag">public</span> Customers can check their email or phone at <a href="${publicCheckPath(kase.id)}">${publicCheckPath(kase.id)}</a>
      and report suspicious contacts at <a href="${publicReportPath(kase.id)}">${publicReportPath(kase.id)}</a>.</p>`
    : html`<p>Not public. Publishing lets customers check, without telling the server what they typed, whether their
      email or phone number appears in this case's samples (${v.exposure.toLocaleString('en-US')} entries from finished runs).</p>`;
  const toggle = analyst
    ? html`<form method="post" action="/cases/${kase.id}/exposure" class="inline">${csrfField(p)}
      <input type="hidden" name="public" value="${kase.exposure_public ? '0' : '1'}">
      <button class="${kase.exposure_public ? 'secondary' : ''}">${kase.exposure_public ? 'Stop publishing' : 'Publish the exposure check'}</button></form>`
    : '';
  return html`<section class="card"><h2>Customer exposure check</h2>${state}${toggle}</section>`;
}

function sarSection(v: CaseView): SafeHtml {
  if (v.sars.length === 0)
    return html`<section class="card"><h2>Suspicious-activity reports</h2><p class="muted">No reports from the public form yet.</p></section>`;
  return html`<section class="card"><h2>Suspicious-activity reports (${v.sars.length})</h2>
<div class="table-wrap"><table class="sars"><thead><tr><th>Received</th><th>Channel</th><th>When</th><th>Sender</th><th>What happened</th><th>Contact</th></tr></thead><tbody>
${v.sars.map(
  (
    s,
  ) => html`<tr><td class="nowrap">${when(s.received_at)}</td><td>${s.channel}</td><td class="nowrap">${s.event_date ?? '—'}</td><td class="mono">${s.sender ?? '—'}</td>
  <td class="prose">${s.what}</td><td>${s.contact ?? '—'}</td></tr>`,
)}
</tbody></table></div></section>`;
}
