import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const inst = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '5GB' });
const c = await inst.connect();
await c.run(`CREATE TABLE "__lv_compared" AS SELECT * FROM '/tmp/sb/compared.parquet'`);
const old = readFileSync('/tmp/sb/predict.sql', 'utf8');
const variants = { old };
const m = /greatest\(least\(.*\)::DOUBLE, 1000\.0\), -1000\.0\)/s.exec(old);
const weight = m[0];
const ident = /CASE WHEN (\(.*?\)) THEN greatest\(probability/.exec(old)[1];
// narrow windows, then join back
variants.narrow = `WITH w AS (SELECT s_eid, tbl, r_eid, ${weight} AS match_weight FROM "__lv_compared"),
k AS (SELECT * FROM (SELECT s_eid, tbl, r_eid, match_weight, pow(2.0, match_weight - w_max) / (0.50011301508353623 * pow(2.0, -w_max) + mass) AS probability FROM (
  SELECT *, sum(pow(2.0, match_weight - w_max)) OVER (PARTITION BY s_eid, tbl) AS mass FROM (
   SELECT *, max(match_weight) OVER (PARTITION BY s_eid, tbl) AS w_max FROM w))))
SELECT c.*, k.match_weight, CASE WHEN ${ident.replaceAll('"g_', 'c."g_')} THEN greatest(k.probability, 0.5) ELSE k.probability END AS probability
FROM "__lv_compared" c JOIN k ON c.s_eid = k.s_eid AND c.tbl = k.tbl AND c.r_eid = k.r_eid
WHERE k.probability >= 0.5 OR ${ident.replaceAll('"g_', 'c."g_')}`;
variants.group = `WITH w AS MATERIALIZED (SELECT s_eid, tbl, r_eid, ${weight} AS match_weight FROM "__lv_compared"),
m AS (SELECT s_eid, tbl, max(match_weight) AS w_max FROM w GROUP BY ALL),
s AS (SELECT w.s_eid, w.tbl, sum(pow(2.0, match_weight - w_max)) AS mass, any_value(w_max) AS w_max FROM w JOIN m ON w.s_eid = m.s_eid AND w.tbl = m.tbl GROUP BY ALL),
k AS (SELECT w.*, pow(2.0, match_weight - w_max) / (0.50011301508353623 * pow(2.0, -w_max) + mass) AS probability FROM w JOIN s ON w.s_eid = s.s_eid AND w.tbl = s.tbl)
SELECT c.*, k.match_weight, CASE WHEN ${ident.replaceAll('"g_', 'c."g_')} THEN greatest(k.probability, 0.5) ELSE k.probability END AS probability
FROM "__lv_compared" c JOIN k ON c.s_eid = k.s_eid AND c.tbl = k.tbl AND c.r_eid = k.r_eid
WHERE k.probability >= 0.5 OR ${ident.replaceAll('"g_', 'c."g_')}`;
const lw = weight.replace(/\(CASE (g_\w+) ((?:WHEN \d+ THEN -?[\d.]+ )+)ELSE 0 END\)/g, (all, g, whens) => {
  const vals = [...whens.matchAll(/WHEN (\d+) THEN (-?[\d.]+)/g)];
  const arr = ['0', ...vals.map((v) => v[2])];
  return `list_extract([${arr.join(", ")}]::DOUBLE[], ${g} + 2)`;
});
console.log(lw.slice(0, 400));
variants.listOnly = `SELECT s_eid, tbl, r_eid, ${lw} AS match_weight FROM "__lv_compared"`;
variants.groupList = variants.group.replace(weight, lw);
variants.weightOnly = `SELECT s_eid, tbl, r_eid, ${weight} AS match_weight FROM "__lv_compared"`;
variants.windowsOnly = `SELECT *, max(g_email) OVER (PARTITION BY s_eid, tbl) AS w_max FROM "__lv_compared"`;
await c.run(`CREATE TEMP TABLE ref AS ${old}`);
for (const name of ['groupList']) {
  const t = Date.now();
  await c.run(`CREATE OR REPLACE TEMP TABLE out AS ${variants[name]}`);
  const r = await c.runAndReadAll('SELECT (SELECT count(*) FROM out)::INT AS n, (SELECT count(*) FROM ref JOIN out USING (s_eid, tbl, r_eid))::INT AS same, (SELECT max(abs(ref.match_weight - out.match_weight)) FROM ref JOIN out USING (s_eid, tbl, r_eid)) AS dw, (SELECT max(abs(ref.probability - out.probability)) FROM ref JOIN out USING (s_eid, tbl, r_eid)) AS dp, (SELECT count(*) FROM (SELECT * FROM out EXCEPT ALL SELECT * FROM ref))::INT AS a, (SELECT count(*) FROM (SELECT * FROM ref EXCEPT ALL SELECT * FROM out))::INT AS b');
  console.log(name, Date.now() - t, JSON.stringify(name.includes('Only') ? null : r.getRowObjectsJson()));
}
