/** Helpers for tests: a throwaway workspace and feature tables from canonical values. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../../store/index.js';
import type { Workspace } from '../../store/types.js';
import {
  buildFeatures,
  buildFeaturesFromValues,
  type EntityValues,
  FeatureKeys,
  featureRowValues,
  type NormalizedField,
} from '../features.js';
import { FEATURE_TABLE_COLUMNS, featureTableSql } from '../schema.js';
import { TEST_KEY } from './febrl4.js';

export interface TempWorkspace {
  readonly ws: Workspace;
  dispose(): Promise<void>;
}

export async function tempWorkspace(): Promise<TempWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'lv-match-'));
  const ws = await openWorkspace(join(dir, 'ws'));
  return {
    ws,
    dispose: async () => {
      await ws.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sharedKeys = new FeatureKeys(TEST_KEY);

/** Creates `table` with one row per entity; `eid` defaults to the 1-based position. */
export async function writeEntities(
  ws: Workspace,
  table: string,
  entities: readonly { readonly values: EntityValues; readonly recordId?: string; readonly eid?: number }[],
  keys: FeatureKeys = sharedKeys,
): Promise<void> {
  await ws.run(featureTableSql(table));
  await ws.appendRows(
    table,
    FEATURE_TABLE_COLUMNS,
    entities.map((e, i) =>
      featureRowValues(e.eid ?? i + 1, e.recordId ?? null, buildFeaturesFromValues(e.values, keys)),
    ),
  );
}

/** Creates `table` from entities given as normalised fields (as the index and verify build them). */
export async function writeFieldRows(
  ws: Workspace,
  table: string,
  rows: readonly { readonly fields: readonly NormalizedField[]; readonly recordId?: string }[],
  keys: FeatureKeys = sharedKeys,
): Promise<void> {
  await ws.run(featureTableSql(table));
  await ws.appendRows(
    table,
    FEATURE_TABLE_COLUMNS,
    rows.map((r, i) => featureRowValues(i + 1, r.recordId ?? null, buildFeatures(r.fields, keys))),
  );
}
