/** The JSON shapes of the API: rows without internal paths, JSON columns parsed. */
import type { CaseRow, RunRow, SampleRow, SarRow } from './cases.js';
import type { JobResult } from './job-protocol.js';
import { PHASE_LABELS } from './job-protocol.js';
import type { LiveProgress } from './jobs.js';

export function caseJson(row: CaseRow) {
  return {
    id: row.id,
    title: row.title,
    forumRef: row.forum_ref,
    claimedRows: row.claimed_rows,
    claimDate: row.claim_date,
    defaultRegion: row.default_region,
    exposurePublic: row.exposure_public,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export function sampleJson(row: SampleRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    name: row.original_name,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
  };
}

function parse<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export interface RunProgressJson {
  readonly phase: string | null;
  readonly label: string;
  readonly rows: number;
  readonly queuePosition: number | null;
}

/** A run as the API and the live progress poll show it. */
export function runJson(row: RunRow, live: LiveProgress | undefined, position: number) {
  const stored = parse<{ phase?: keyof typeof PHASE_LABELS; rows?: number }>(row.progress) ?? {};
  const phase = live?.phase ?? stored.phase ?? null;
  const progress: RunProgressJson = {
    phase,
    label:
      row.status === 'queued'
        ? position > 0
          ? `waiting (${position} ahead)`
          : 'waiting to start'
        : row.status === 'running' && phase
          ? PHASE_LABELS[phase]
          : row.status,
    rows: live?.rows ?? stored.rows ?? 0,
    queuePosition: row.status === 'queued' && position >= 0 ? position : null,
  };
  return {
    id: row.id,
    caseId: row.case_id,
    sampleId: row.sample_id,
    status: row.status,
    progress,
    verdict: row.verdict,
    result: parse<JobResult>(row.result),
    settings: parse<Record<string, unknown>>(row.settings),
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export function sarJson(row: SarRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    receivedAt: row.received_at,
    what: row.what,
    channel: row.channel,
    eventDate: row.event_date,
    sender: row.sender,
    contact: row.contact,
  };
}
