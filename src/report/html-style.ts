/** The report's stylesheet: system fonts only, print-friendly, no external resources. */
export const REPORT_CSS = `
:root {
  --ink: #1d2433; --muted: #5b6576; --line: #e3e7ee; --soft: #f5f7fa; --accent: #2f5bd3;
  --authentic: #b42318; --partially-authentic: #c4320a; --recycled: #9a6700;
  --fabricated: #067647; --unrelated: #175cd3; --inconclusive: #475467;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif;
}
main { max-width: 1060px; margin: 0 auto; padding: 32px 40px 48px; }
h1 { font-size: 26px; line-height: 1.25; margin: 4px 0 16px; font-weight: 650; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 36px 0 4px; padding-bottom: 6px; border-bottom: 1px solid var(--line); font-weight: 650; }
h3 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
p { margin: 6px 0 10px; }
.lead { color: var(--muted); margin-top: 0; font-size: 14px; }
.subject { color: var(--muted); font-size: 13.5px; margin: -8px 0 16px; overflow-wrap: anywhere; }
.brand { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12.5px; }
.verdict { display: flex; gap: 18px; align-items: flex-start; padding: 18px 20px; border-radius: 10px; border: 1px solid var(--line);
  border-left: 6px solid var(--c); background: color-mix(in srgb, var(--c) 5%, white); }
.badge { display: inline-block; background: var(--c); color: #fff; font-weight: 700; font-size: 15px; letter-spacing: .03em;
  padding: 6px 14px; border-radius: 999px; white-space: nowrap; text-transform: uppercase;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.verdict .conf { display: block; margin-top: 8px; color: var(--muted); font-size: 13px; text-align: center; }
.verdict .meaning { margin: 0 0 6px; font-weight: 600; }
.verdict .summary { margin: 0; }
.v-authentic { --c: var(--authentic); } .v-partially-authentic { --c: var(--partially-authentic); }
.v-recycled { --c: var(--recycled); } .v-fabricated { --c: var(--fabricated); }
.v-unrelated { --c: var(--unrelated); } .v-inconclusive { --c: var(--inconclusive); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin-top: 20px; }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; background: #fff; break-inside: avoid; }
.card .k { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.card .n { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; margin-top: 2px; }
.card .s { font-size: 12.5px; color: var(--muted); }
.levels { display: flex; height: 14px; border-radius: 7px; overflow: hidden; background: var(--soft); margin: 8px 0 4px; }
.levels span { display: block; height: 100%; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.lv-exact { background: #1f4fbf; } .lv-probable { background: #5b84e0; } .lv-possible { background: #a9c0f2; } .lv-unlinked { background: #e6e9ef; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 12.5px; color: var(--muted); }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 8px 32px; align-items: start; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg .track { fill: #eef1f6; } svg .bar { fill: #2f5bd3; } svg .bar.mid { fill: #7f9de6; } svg .bar.low { fill: #c3d0f0; }
svg .range { fill: #9fb4ea; } svg .point { fill: #1d2433; }
svg .lbl { font-size: 12.5px; fill: var(--ink); } svg .val { font-size: 11.5px; fill: var(--muted); }
svg .tick { font-size: 11px; fill: var(--muted); } svg .axis { stroke: #c9d0dc; }
svg.ci { display: block; margin-top: 8px; width: 100%; height: 14px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin-top: 8px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; font-weight: 600; background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.data { unicode-bidi: isolate; overflow-wrap: anywhere; max-width: 320px; }
table.rows { font-size: 12.5px; }
table.rows th, table.rows td { padding: 6px 8px; }
table.rows td.data { white-space: nowrap; max-width: 240px; overflow: hidden; text-overflow: ellipsis; }
table.rows th.data { text-transform: none; letter-spacing: 0; font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
tr { break-inside: avoid; }
.pill { display: inline-block; font-size: 11.5px; padding: 1px 8px; border-radius: 999px; background: var(--soft); border: 1px solid var(--line); white-space: nowrap; }
.pill.linked { background: #e8efff; border-color: #c9d7fb; color: #1f4fbf; }
.pill.unlinked { color: var(--muted); }
.fam-fabrication { color: #067647; } .fam-recycling { color: #9a6700; } .fam-size { color: #5b6576; } .fam-provenance { color: #b42318; }
.neg { color: #b42318; } .pos { color: #067647; }
.meter { display: inline-block; width: 54px; height: 6px; background: #eef1f6; border-radius: 3px; vertical-align: middle; margin-left: 8px; overflow: hidden; }
.meter b { display: block; height: 100%; background: #7f9de6; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
dl.prov { display: grid; grid-template-columns: 170px 1fr; gap: 6px 16px; margin: 10px 0; font-size: 13.5px; }
dl.prov dt { color: var(--muted); }
dl.prov dd { margin: 0; overflow-wrap: anywhere; }
pre.settings { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; font-size: 12px;
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 320px; overflow: auto; }
.note { color: var(--muted); font-size: 13px; }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@media (max-width: 700px) { main { padding: 20px 16px; } .verdict { flex-direction: column; } dl.prov { grid-template-columns: 1fr; } }
@media print {
  @page { margin: 16mm 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  section, .card, svg.chart { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  table.rows td.data { white-space: normal; }
  pre.settings { max-height: none; overflow: visible; }
}
`;
