import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { type InspectReport, inspectSample } from '../pipeline/inspect.js';
import type { CliIo } from './io.js';
import { ingestOptions, readIngestOptions, readMapping } from './options.js';
import { createProgress, formatCount } from './progress.js';
import { formatTable, percent, safeText } from './text.js';

export function registerInspect(program: Command, io: CliIo): void {
  const command = program
    .command('inspect')
    .summary('show how a sample is read and what each column holds')
    .description(
      'Reads a sample (any format leakverify understands: delimited text, JSON, JSON lines,\n' +
        'MongoDB exports, MySQL/PostgreSQL dumps, combolists, forum pastes; plain, gzip or zip)\n' +
        'and prints its format, encoding, row and rejection counts, and for each column the\n' +
        'semantic type, confidence, fill rate, validity and three normalised examples.\n' +
        'Nothing is written anywhere.',
    )
    .argument('<file>', 'the sample file')
    .option('--json', 'print the full result as JSON on stdout')
    .option('--examples <n>', 'normalised examples per column', '3');
  ingestOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n' +
      '  leakverify inspect sample.csv\n' +
      '  leakverify inspect dump.sql.gz --json > understood.json\n' +
      '  leakverify inspect export.txt --delimiter ";" --no-header --mapping columns.json\n',
  );
  command.action(async (file: string, opts: Record<string, unknown>) => {
    const size = fileSize(file);
    const progress = createProgress(io, 'reading', size);
    const report = await inspectSample(
      file,
      { ...readIngestOptions(command), mapping: readMapping(opts), examples: Number(opts.examples) || 3 },
      { onProgress: (p) => progress.update(p.bytesRead, `${formatCount(p.rows)} rows`) },
    );
    progress.finish();
    io.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderInspect(report));
  });
}

function fileSize(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

/** The human-readable summary printed by `leakverify inspect`. */
export function renderInspect(report: InspectReport): string {
  const s = report.sample;
  const out: string[] = [];
  const dialect = s.info.dialect
    ? `, delimiter ${JSON.stringify(s.info.dialect.delimiter)}, ${s.info.dialect.hasHeader ? 'header' : 'no header'}`
    : '';
  out.push(`file       ${safeText(s.info.file, 200)}`);
  out.push(`sha256     ${s.sha256}`);
  out.push(`format     ${s.info.format}${dialect}`);
  out.push(`encoding   ${s.info.encoding}${s.info.bom ? ' (BOM)' : ''}, compression ${s.info.compression}`);
  if (s.members.length > 1) {
    out.push(`members    ${s.members.map((m) => `${safeText(m.name, 40)} (${m.rows} rows)`).join(', ')}`);
  }
  out.push(`rows       ${s.rows.toLocaleString('en-US')}`);
  const reasons = Object.entries(s.rejectedByReason)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  out.push(`rejected   ${s.rejected.toLocaleString('en-US')}${reasons ? ` (${reasons})` : ''}`);
  for (const r of s.rejectionExamples.slice(0, 5)) {
    out.push(`           row ${r.ordinal}, line ${r.line || '?'}: ${r.code}: ${safeText(r.detail, 80)}`);
  }
  if (s.notes.length > 0) {
    out.push(`notes      ${s.notes.length} banner/comment line(s), first: ${safeText(s.notes[0] ?? '', 70)}`);
  }
  out.push('');
  out.push(
    formatTable(
      ['column', 'type', 'conf', 'filled', 'valid', 'examples (normalised)'],
      report.columns.map((c) => [
        safeText(c.name, 28),
        c.kind + (c.params.hashScheme ? `:${c.params.hashScheme}` : '') + (c.mapped ? '*' : ''),
        c.confidence.toFixed(2),
        percent(c.filled),
        c.kind === 'unknown' ? '-' : percent(c.valid),
        c.examples.map((e) => safeText(e, 30)).join(' | '),
      ]),
    ),
  );
  if (report.columns.some((c) => c.mapped)) out.push('\n* type set by the mapping file');
  out.push(`\n${formatCount(s.rows)} rows in ${(report.elapsedMs / 1000).toFixed(1)} s`);
  return `${out.join('\n')}\n`;
}
