import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const inst = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '5GB', temp_directory: '/tmp/sb/duck-tmp' });
const c = await inst.connect();
await c.run(`ATTACH 'bench/data/scale-10M-1M/ws/leakverify.duckdb' AS ws (READ_ONLY)`);
const tables = (await c.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = 'ws'`)).getRowObjectsJson();
console.log(tables.map((t) => t.table_name).join(' '));
const S = 'run_sample_bf9b26af72181e0522535cb1';
await c.run(`CREATE TEMP TABLE __lv_blocked AS SELECT * FROM '/tmp/sb/blocked.parquet'`);
if (!process.env.WS_SAMPLE) await c.run(`CREATE TEMP TABLE ${S} AS SELECT * FROM '/tmp/sb/sample.parquet'`); else await c.run(`USE ws`);
await c.run(`CREATE TEMP TABLE __lv_stf AS SELECT * FROM '/tmp/sb/stf.parquet'`);
const ft = tables.map((t) => t.table_name).find((n) => n.startsWith('features_') || n.startsWith('records_')) ?? process.argv[2];
const cols = (await c.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE database_name='ws' AND table_name='${ft}'`)).getRowObjectsJson().map((r) => r.column_name);
await c.run(`CREATE TEMP VIEW __lv_r AS SELECT 0::SMALLINT AS tbl, ${cols.map((x) => `"${x}"`).join(', ')} FROM ws."${ft}"`);
const cmp = JSON.parse(readFileSync('/tmp/sb/compare.json', 'utf8'));
const full = cmp[0].sql;
const from = full.slice(full.indexOf('FROM (SELECT * FROM "__lv_blocked"'));
const variants = {
  full,
  joinOnly: `SELECT p.s_eid, p.tbl, p.r_eid, s.fp_email, r.fp_email AS r_fp ${from.replace(/\)$/, '')}`,
  joinNoTf: `SELECT p.s_eid, p.tbl, p.r_eid, s.fp_email, r.fp_email AS r_fp ${from.replace(/\)$/, '').replace(/JOIN "__lv_stf".*$/s, '')}`,
  inner: full.slice(full.indexOf('SELECT p.s_eid'), -1),
  diceOnly: `SELECT p.s_eid, ${full.split('\n').filter((l) => / AS d_/.test(l)).map((l) => l.trim().replace(/,$/, '')).join(', ')} ${from.replace(/\)$/, '')}`,
  fpOnly: `SELECT p.s_eid, ${full.split('\n').filter((l) => / AS [en]_/.test(l)).map((l) => l.trim().replace(/,$/, '')).join(', ')} ${from.replace(/\)$/, '')}`,
  diceSmall: `SELECT p.s_eid, ${full.split('\n').filter((l) => / AS d_/.test(l)).map((l) => l.trim().replace(/,$/, '').replaceAll('::INTEGER', '')).join(', ')} ${from.replace(/\)$/, '')}`,

};
for (const name of (process.env.V ?? 'joinOnly,joinNoTf,inner,full').split(',')) {
  const t = Date.now();
  await c.run(`CREATE OR REPLACE TEMP TABLE out AS ${variants[name]}`);
  const r = await c.runAndReadAll('SELECT count(*)::INT AS n FROM out');
  console.log(name, Date.now() - t, JSON.stringify(r.getRowObjectsJson()));
}
