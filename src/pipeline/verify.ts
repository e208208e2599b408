import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clopperPearson } from '../analyze/stats.js';
import { LeakverifyError } from '../core/errors.js';
import type { ColumnMapping } from '../fields/types.js';
import type { OpenSampleOptions } from '../ingest/index.js';
import { FeatureKeys } from '../match/features.js';
import { type LinkResult, linkSample } from '../match/link.js';
import { featureTableSql } from '../match/schema.js';
import type { SecretKey } from '../protect/index.js';
import { openWorkspace, quoteIdent } from '../store/index.js';
import type { Workspace } from '../store/types.js';
import { type IndexedTable, type IndexEffects, indexedTables, indexRecords, type RecordsFile } from './index-records.js';
import { sha256File } from './inspect.js';
import { type LoadResult, loadFeatures } from './load-features.js';

export interface VerifyRequest {
  readonly records: readonly RecordsFile[];
  readonly sample: string;
  /** Reuse (and update) this workspace; without one, a temporary workspace is built and removed. */
  readonly workspace?: string;
  readonly key: SecretKey;
  readonly ingest?: OpenSampleOptions;
  /** Column types of the sample. */
  readonly mapping?: ColumnMapping;
  /** Column types of the records files. */
  readonly recordsMapping?: ColumnMapping;
  readonly defaultRegion?: string;
  readonly debug?: boolean;
}

export interface VerifyEffects extends IndexEffects {
  readonly onPhase?: (phase: 'index' | 'sample' | 'link' | 'analyse', detail?: string) => void;
  readonly onSampleProgress?: (rows: number, bytes: number) => void;
  readonly log?: (line: string) => void;
}

export interface VerifyOutcome {
  readonly sample: LoadResult & { readonly sha256: string; readonly path: string };
  readonly tables: readonly IndexedTable[];
  readonly link: LinkResult;
  readonly identityShare: number;
  readonly identityShareCi95: [number, number];
  readonly workspace: string;
}

/**
 * Indexes the records (incrementally), loads the sample's protected features, links each
 * sample row to at most one record, and measures the identity share with its exact interval.
 */
export async function verifySample(request: VerifyRequest, effects: VerifyEffects = {}): Promise<VerifyOutcome> {
  const temporary = request.workspace === undefined;
  const dir = request.workspace ?? (await mkdtemp(join(tmpdir(), 'leakverify-ws-')));
  let db: Workspace | null = null;
  try {
    db = await openWorkspace(dir);
    return await verifyIn(db, dir, request, effects);
  } finally {
    await db?.close();
    if (temporary) await rm(dir, { recursive: true, force: true });
  }
}

async function verifyIn(db: Workspace, dir: string, request: VerifyRequest, effects: VerifyEffects): Promise<VerifyOutcome> {
  effects.onPhase?.('index');
  const tables = await indexRecords(
    db,
    request.key,
    request.records,
    {
      ...(request.recordsMapping ? { mapping: request.recordsMapping } : {}),
      ...(request.defaultRegion ? { defaultRegion: request.defaultRegion } : {}),
    },
    effects,
  );
  const all = await indexedTables(db);
  if (all.length === 0) {
    throw new LeakverifyError('cli.usage', 'no records to compare the sample with', {
      hint: 'Pass --records <file> (customers, orders, ...) or a --workspace that has an index.',
    });
  }
  effects.onPhase?.('sample');
  // The sample's features live only for this run: a table with a unique name, dropped after.
  const sampleTable = `sample_${process.pid}_${Date.now()}`;
  await db.run(featureTableSql(sampleTable));
  try {
    const sha256 = await sha256File(request.sample);
    const load = await loadFeatures(
      db,
      {
        path: request.sample,
        table: sampleTable,
        keys: new FeatureKeys(request.key),
        ...(request.ingest ? { ingest: request.ingest } : {}),
        ...(request.mapping ? { mapping: request.mapping } : {}),
        ...(request.defaultRegion ? { defaultRegion: request.defaultRegion } : {}),
        recordKey: null,
      },
      effects.onSampleProgress,
    );
    effects.onPhase?.('link');
    const link = await linkSample(db, {
      recordTables: all.map((t) => ({ name: t.name, table: t.table })),
      sampleTable,
      ...(request.debug ? { debug: true } : {}),
      ...(effects.log ? { log: effects.log } : {}),
    });
    const linkedRows = new Set(link.links.map((l) => l.row)).size;
    return {
      sample: { ...load, sha256, path: request.sample },
      tables,
      link,
      identityShare: load.rows === 0 ? 0 : linkedRows / load.rows,
      identityShareCi95: clopperPearson(linkedRows, load.rows),
      workspace: dir,
    };
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${quoteIdent(sampleTable)}`);
  }
}
