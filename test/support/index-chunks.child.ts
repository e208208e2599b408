/**
 * Child process of test/index-resume.test.ts: indexes one records file into a feature
 * table in committed chunks, as `indexRecords` does, but with a small chunk size so a test
 * can kill it between chunks. After each chunk's transaction commits it prints
 * `committed <rows appended in it>`; at the end `finished <rows read> <rows appended>`.
 *
 * Usage: node --import tsx index-chunks.child.ts <workspace> <file> <table> <job> <chunkRows> [parallel]
 * with the key, as hex, in LEAKVERIFY_TEST_KEY; `parallel` loads the file as byte ranges in
 * worker threads however small it is.
 */
import { FeatureKeys } from '../../src/match/features.js';
import { featureTableSql } from '../../src/match/schema.js';
import { loadFeatures } from '../../src/pipeline/load-features.js';
import { checkKey, SecretKey } from '../../src/protect/index.js';
import { openWorkspace } from '../../src/store/index.js';
import type { SqlExecutor, SqlValue, Workspace } from '../../src/store/types.js';

const [dir = '', file = '', table = '', job = '', chunkRows = '', mode = ''] = process.argv.slice(2);
const key = new SecretKey(Buffer.from(process.env['LEAKVERIFY_TEST_KEY'] ?? '', 'hex'), 'test');
const db = await openWorkspace(dir, { threads: 1 });
await checkKey(db, key);
await db.run(featureTableSql(table));

let appended = 0;
// Feature chunks reach DuckDB through appendRaw (match/staged.ts): count the rows appended there.
const counting = (tx: SqlExecutor, count: (n: number) => void): SqlExecutor => ({
  run: (sql, params) => tx.run(sql, params),
  all: (sql, params) => tx.all(sql, params),
  appendRows: (t: string, columns: readonly string[], rows: Iterable<readonly SqlValue[]>) => {
    const list = [...rows];
    count(list.length);
    return tx.appendRows(t, columns, list);
  },
  appendRaw: (t, columns) => {
    count(columns.rows);
    return tx.appendRaw(t, columns);
  },
});

/** Runs one transaction through `transaction`, then reports the rows it appended. */
async function reported<T>(
  transaction: (fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>,
  fn: (tx: SqlExecutor) => Promise<T>,
): Promise<T> {
  let rows = 0;
  const result = await transaction((tx) => fn(counting(tx, (n) => (rows += n))));
  appended += rows;
  console.log(`committed ${rows}`);
  return result;
}

// The real workspace, with each committed transaction's appended rows reported (a parallel
// load commits through writers of its own, one per lane).
const observed: Workspace = {
  dir: db.dir,
  dbPath: db.dbPath,
  readOnly: db.readOnly,
  run: (sql, params) => db.run(sql, params),
  all: (sql, params) => db.all(sql, params),
  appendRows: (t, columns, rows) => db.appendRows(t, columns, rows),
  appendRaw: (t, columns) => db.appendRaw(t, columns),
  transaction: (fn) => reported((f) => db.transaction(f), fn),
  async openWriter() {
    const writer = await db.openWriter();
    return { transaction: (fn) => reported((f) => writer.transaction(f), fn), close: () => writer.close() };
  },
  runSteps: (steps, options) => db.runSteps(steps, options),
  markDone: (j, unit) => db.markDone(j, unit),
  isDone: (j, unit) => db.isDone(j, unit),
  checkpoint: () => db.checkpoint(),
  close: () => db.close(),
};

const load = await loadFeatures(observed, {
  path: file,
  table,
  keys: new FeatureKeys(key),
  recordKey: {},
  job,
  chunkRows: Number(chunkRows),
  ...(mode === 'parallel' ? { parallelMinBytes: 1 } : { parallel: false }),
});
await db.close();
console.log(`finished ${load.rows} ${appended}`);
