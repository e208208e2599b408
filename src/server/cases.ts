/**
 * Cases (one claim each), their samples, verification runs, exposure hashes and
 * suspicious-activity reports, as rows of server.duckdb. Plain data in, plain rows out:
 * routes validate input with `parseCaseInput` before it gets here.
 */
import type { ServerDb } from './db.js';
import { newId } from './secrets.js';

export interface CaseRow {
  readonly id: string;
  readonly title: string;
  readonly forum_ref: string;
  readonly claimed_rows: number | null;
  readonly claim_date: string | null;
  readonly created_by: string;
  readonly created_at: Date;
  readonly exposure_public: boolean;
  readonly default_region: string | null;
}

export interface CaseSummary extends CaseRow {
  readonly samples: number;
  readonly runs: number;
  readonly reports: number;
  readonly last_verdict: string | null;
}

export interface SampleRow {
  readonly id: string;
  readonly case_id: string;
  readonly original_name: string;
  readonly size: number;
  readonly sha256: string;
  readonly sealed_path: string;
  readonly uploaded_by: string;
  readonly uploaded_at: Date;
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';

export interface RunRow {
  readonly id: string;
  readonly case_id: string;
  readonly sample_id: string;
  readonly status: RunStatus;
  /** JSON: `{ phase, rows }` while running. */
  readonly progress: string;
  readonly verdict: string | null;
  /** JSON: the verdict's confidence and summary and the estimate, once done. */
  readonly result: string | null;
  readonly report_dir: string | null;
  readonly settings: string;
  readonly error: string | null;
  readonly created_by: string;
  readonly created_at: Date;
  readonly finished_at: Date | null;
}

export interface SarRow {
  readonly id: string;
  readonly case_id: string;
  readonly received_at: Date;
  readonly what: string;
  readonly channel: string;
  readonly event_date: string | null;
  readonly sender: string | null;
  readonly contact: string | null;
  readonly client_hash: string | null;
}

export interface CaseInput {
  readonly title: string;
  readonly forumRef: string;
  readonly claimedRows: number | null;
  readonly claimDate: string | null;
  readonly defaultRegion: string | null;
}

export interface SarInput {
  readonly what: string;
  readonly channel: string;
  readonly eventDate?: string | null;
  readonly sender?: string | null;
  readonly contact?: string | null;
  readonly clientHash?: string | null;
}

/** Validates a case form or JSON body; field errors are sentences for the user. */
export function parseCaseInput(raw: Record<string, unknown>): { ok: CaseInput } | { error: string } {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  const title = text(raw['title']);
  if (title.length === 0 || title.length > 200) return { error: 'a title of 1 to 200 characters is needed' };
  const forumRef = text(raw['forumRef'] ?? raw['forum_ref']);
  if (forumRef.length > 500) return { error: 'the forum reference is at most 500 characters' };
  const claimedText = text(raw['claimedRows'] ?? raw['claimed_rows']).replaceAll(/[,_ ]/g, '');
  const claimedRows = claimedText === '' ? null : Number(claimedText);
  if (claimedRows !== null && (!Number.isSafeInteger(claimedRows) || claimedRows < 0))
    return { error: 'the claimed size is a whole number of rows' };
  const claimDate = text(raw['claimDate'] ?? raw['claim_date']) || null;
  if (claimDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(claimDate))
    return { error: 'the claim date is written YYYY-MM-DD' };
  const region = text(raw['defaultRegion'] ?? raw['default_region']).toUpperCase() || null;
  if (region !== null && !/^[A-Z]{2}$/.test(region))
    return { error: 'the default phone region is a two-letter country code such as IT or GB' };
  return { ok: { title, forumRef, claimedRows, claimDate, defaultRegion: region } };
}

export class CaseStore {
  constructor(
    private readonly db: ServerDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createCase(input: CaseInput, createdBy: string): Promise<CaseRow> {
    const row: CaseRow = {
      id: newId(),
      title: input.title,
      forum_ref: input.forumRef,
      claimed_rows: input.claimedRows,
      claim_date: input.claimDate,
      created_by: createdBy,
      created_at: this.now(),
      exposure_public: false,
      default_region: input.defaultRegion,
    };
    await this.db.run('INSERT INTO cases VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8)', [
      row.id,
      row.title,
      row.forum_ref,
      row.claimed_rows,
      row.claim_date,
      row.created_by,
      row.created_at,
      row.default_region,
    ]);
    return row;
  }

  listCases(): Promise<CaseSummary[]> {
    return this.db.all<CaseSummary>(
      `SELECT c.*,
        (SELECT count(*) FROM samples s WHERE s.case_id = c.id) AS samples,
        (SELECT count(*) FROM runs r WHERE r.case_id = c.id) AS runs,
        (SELECT count(*) FROM suspicious_reports x WHERE x.case_id = c.id) AS reports,
        (SELECT r.verdict FROM runs r WHERE r.case_id = c.id AND r.status = 'done'
          ORDER BY r.finished_at DESC LIMIT 1) AS last_verdict
       FROM cases c ORDER BY c.created_at DESC`,
    );
  }

  async getCase(id: string): Promise<CaseRow | null> {
    return (await this.db.all<CaseRow>('SELECT * FROM cases WHERE id = $1', [id]))[0] ?? null;
  }

  async setExposurePublic(id: string, value: boolean): Promise<void> {
    await this.db.run('UPDATE cases SET exposure_public = $2 WHERE id = $1', [id, value]);
  }

  async addSample(row: SampleRow): Promise<void> {
    await this.db.run('INSERT INTO samples VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      row.id,
      row.case_id,
      row.original_name,
      row.size,
      row.sha256,
      row.sealed_path,
      row.uploaded_by,
      row.uploaded_at,
    ]);
  }

  listSamples(caseId: string): Promise<SampleRow[]> {
    return this.db.all<SampleRow>('SELECT * FROM samples WHERE case_id = $1 ORDER BY uploaded_at DESC', [
      caseId,
    ]);
  }

  async getSample(id: string): Promise<SampleRow | null> {
    return (await this.db.all<SampleRow>('SELECT * FROM samples WHERE id = $1', [id]))[0] ?? null;
  }

  async createRun(caseId: string, sampleId: string, settings: object, createdBy: string): Promise<RunRow> {
    const row: RunRow = {
      id: newId(),
      case_id: caseId,
      sample_id: sampleId,
      status: 'queued',
      progress: '{}',
      verdict: null,
      result: null,
      report_dir: null,
      settings: JSON.stringify(settings),
      error: null,
      created_by: createdBy,
      created_at: this.now(),
      finished_at: null,
    };
    await this.db.run(
      `INSERT INTO runs (id, case_id, sample_id, status, settings, created_by, created_at)
       VALUES ($1, $2, $3, 'queued', $4, $5, $6)`,
      [row.id, caseId, sampleId, row.settings, createdBy, row.created_at],
    );
    return row;
  }

  async getRun(id: string): Promise<RunRow | null> {
    return (await this.db.all<RunRow>('SELECT * FROM runs WHERE id = $1', [id]))[0] ?? null;
  }

  listRuns(caseId: string): Promise<RunRow[]> {
    return this.db.all<RunRow>('SELECT * FROM runs WHERE case_id = $1 ORDER BY created_at DESC', [caseId]);
  }

  async markRunning(id: string): Promise<void> {
    await this.db.run(`UPDATE runs SET status = 'running' WHERE id = $1`, [id]);
  }

  async setProgress(id: string, progress: object): Promise<void> {
    await this.db.run('UPDATE runs SET progress = $2 WHERE id = $1', [id, JSON.stringify(progress)]);
  }

  async finishRun(
    id: string,
    outcome:
      | { kind: 'done'; verdict: string; result: object; reportDir: string }
      | { kind: 'failed' | 'interrupted'; error: string },
  ): Promise<void> {
    if (outcome.kind === 'done') {
      await this.db.run(
        `UPDATE runs SET status = 'done', verdict = $2, result = $3, report_dir = $4, finished_at = $5 WHERE id = $1`,
        [id, outcome.verdict, JSON.stringify(outcome.result), outcome.reportDir, this.now()],
      );
    } else {
      await this.db.run(`UPDATE runs SET status = $4, error = $2, finished_at = $3 WHERE id = $1`, [
        id,
        outcome.error.slice(0, 2000),
        this.now(),
        outcome.kind,
      ]);
    }
  }

  /** Runs a stopped server left behind: `running` ones cannot resume, queued ones are re-queued by the caller. */
  async interruptRunning(): Promise<number> {
    return this.db.run(
      `UPDATE runs SET status = 'interrupted', error = 'the server stopped during this run', finished_at = $1
       WHERE status = 'running'`,
      [this.now()],
    );
  }

  queuedRuns(): Promise<RunRow[]> {
    return this.db.all<RunRow>(`SELECT * FROM runs WHERE status = 'queued' ORDER BY created_at`);
  }

  /** Replaces a sample's exposure hashes (64 hex digits each) in one transaction. */
  async replaceExposureHashes(caseId: string, sampleId: string, hashes: readonly string[]): Promise<void> {
    const clean = hashes.filter((h) => /^[0-9a-f]{64}$/.test(h));
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM exposure_hashes WHERE sample_id = $1', [sampleId]);
      // Hex digits hold no comma, so one joined parameter carries a batch without N placeholders.
      for (let i = 0; i < clean.length; i += 20_000) {
        await tx.run(
          `INSERT INTO exposure_hashes SELECT $1, $2, h FROM unnest(string_split($3, ',')) AS t(h)`,
          [caseId, sampleId, clean.slice(i, i + 20_000).join(',')],
        );
      }
    });
  }

  /** Distinct hashes of the cases whose exposure check is public. */
  publicExposureHashes(): Promise<{ case_id: string; hash: string }[]> {
    return this.db.all(
      `SELECT DISTINCT e.case_id, e.hash FROM exposure_hashes e JOIN cases c ON c.id = e.case_id
       WHERE c.exposure_public`,
    );
  }

  async exposureCount(caseId: string): Promise<number> {
    const rows = await this.db.all<{ n: number }>(
      'SELECT count(DISTINCT hash) AS n FROM exposure_hashes WHERE case_id = $1',
      [caseId],
    );
    return rows[0]?.n ?? 0;
  }

  listPublicCases(): Promise<{ id: string; title: string }[]> {
    return this.db.all('SELECT id, title FROM cases WHERE exposure_public ORDER BY created_at DESC');
  }

  async addSar(caseId: string, report: SarInput): Promise<string> {
    const id = newId();
    await this.db.run('INSERT INTO suspicious_reports VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
      id,
      caseId,
      this.now(),
      report.what,
      report.channel,
      report.eventDate ?? null,
      report.sender ?? null,
      report.contact ?? null,
      report.clientHash ?? null,
    ]);
    return id;
  }

  listSars(caseId: string): Promise<SarRow[]> {
    return this.db.all<SarRow>(
      'SELECT * FROM suspicious_reports WHERE case_id = $1 ORDER BY received_at DESC',
      [caseId],
    );
  }
}
