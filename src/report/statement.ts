/**
 * statement.md: a draft public statement in plain words, per verdict, and the facts a
 * regulator notification needs (GDPR Art. 33(3): nature, categories and approximate numbers
 * of people and records, likely consequences, measures, contact point). It is a draft for
 * the communications and legal teams, and says so.
 */
import type { VerdictLabel } from '../core/report.js';
import { VERDICT_TEXT } from './labels.js';
import { bullets, count, mdText, pct } from './markdown.js';
import {
  categoriesOf,
  consequencesFor,
  consequencesIntro,
  measuresFor,
  natureOf,
  numbersOf,
} from './statement-facts.js';
import type { RenderableReport } from './types.js';

export interface StatementOptions {
  /** The company's name as it should appear in the statement. */
  readonly company: string;
}

/** @example writeFileSync('statement.md', renderStatement(report, { company: 'ShopCo' })) */
export function renderStatement(report: RenderableReport, options: StatementOptions): string {
  const company = mdText(options.company || 'the company', 80);
  const label = report.verdict.label;
  const sections = [
    `# Draft statement: alleged ${company} customer data`,
    `> **Draft** prepared by ${mdText(report.provenance.tool, 60)} from the verification report of ${mdText(report.provenance.generatedAt, 40)} (verdict: **${VERDICT_TEXT[label]?.title ?? mdText(String(label), 30)}**, confidence ${pct(report.verdict.confidence)}). Review it with legal counsel and the data protection officer before publishing; the bracketed parts are for you to fill in.`,
    '## Public statement',
    publicStatement(report, label, company),
    '## What the analysis found',
    bullets(findings(report)),
    '## Facts for the regulator notification',
    `_Structured as GDPR Art. 33(3). Whether a notification is required depends on these facts and is for the controller to decide; the numbers come from the signed verification report (sample SHA-256 ${hexOnly(report.sample.sha256)})._`,
    '### 1. Nature of the incident',
    natureOf(report, company),
    '### 2. Categories of personal data in the sample',
    bullets(categoriesOf(report)),
    '### 3. Approximate number of data subjects and records',
    bullets(numbersOf(report)),
    '### 4. Likely consequences for the people concerned',
    ...consequencesIntro(report),
    bullets(consequencesFor(report)),
    '### 5. Measures taken or proposed',
    bullets(measuresFor(report)),
    '### 6. Contact point',
    bullets(['Data protection officer: [name]', 'Email: [address]', 'Phone: [number]']),
  ];
  return `${sections.join('\n\n')}\n`;
}

function publicStatement(report: RenderableReport, label: VerdictLabel, company: string): string {
  const e = report.estimate;
  const identity = pct(e.identityShare);
  const fromUs =
    e.fromRecordsShare === 0
      ? 'none of the rows carry'
      : `almost none of the rows (${pct(e.fromRecordsShare)}) carry`;
  const claimed =
    e.claimedRows === null
      ? ''
      : ` The seller claims ${count(e.claimedRows)} records; ${plausibleClause(e.plausibleOurRowsMax)}.`;
  const opening = `On [date], a seller on an online forum offered data they say was taken from ${company}, and published a sample of ${count(report.sample.rows)} rows. We analysed that sample against our own records, without exposing our customers' data in the process.`;
  const advice =
    'Whatever its origin, lists like this one are used for scams. We will never ask for your password, card details or a one-time code by email, text message or phone. If you receive a suspicious message that uses our name, please do not click on links and report it to us at [address].';
  const bodies: Record<VerdictLabel, string> = {
    authentic: `Our analysis found that the sample is consistent with data from our systems: ${pct(e.fromRecordsShare)} of its rows carry details that only our systems hold. We are treating this as a personal data breach. We have [informed the data protection authority] and are investigating how the data left our systems. We will contact the customers concerned directly, and we apologise to them.${claimed}`,
    'partially-authentic': `Our analysis found that part of the sample comes from our systems: about ${pct(e.fromRecordsShare)} of its rows carry details that only our systems hold; the rest does not. We are treating that part as a personal data breach, are investigating how it left our systems, and will contact the customers concerned directly. We apologise to them.${claimed}`,
    recycled: `Our analysis of the sample found that ${identity} of the people in it are our customers, but ${fromUs} data from our systems: no customer numbers, usernames or order details as we hold them. This is what lists compiled from other services' breaches or from public sources look like: the customers of any large service appear in them. We have found no evidence of a breach of our systems, and we continue to monitor the situation.${claimed}`,
    fabricated: `Our analysis found that the sample does not come from our systems: its rows do not match our records, and they show clear signs of having been generated by software rather than collected from real accounts. We have found no evidence of a breach of our systems.${claimed}`,
    unrelated: `Our analysis found that the sample does not come from our systems: its rows do not match our records. They appear to be data from another source that has nothing to do with ${company}. We have found no evidence of a breach of our systems.`,
    inconclusive: `The sample published so far does not contain enough information for us to say whether it comes from our systems. We are continuing our investigation and will update this statement as soon as we know more. If it turns out that our customers' data is concerned, we will inform them directly.`,
  };
  return [opening, bodies[label] ?? bodies.inconclusive, advice].join('\n\n');
}

function findings(report: RenderableReport): string[] {
  const e = report.estimate;
  const lines = [
    `Sample: ${count(report.sample.rows)} rows (${count(report.sample.rejectedRows)} unreadable), format ${mdText(report.sample.format, 20)}, file “${mdText(report.sample.file, 80)}”.`,
    `People who are our customers: ${pct(e.identityShare)} of rows (95% confidence interval ${pct(e.identityShareCi95[0])} to ${pct(e.identityShareCi95[1])}).`,
    `Rows carrying data from our systems: ${pct(e.fromRecordsShare)} (95% confidence interval ${pct(e.fromRecordsShareCi95[0])} to ${pct(e.fromRecordsShareCi95[1])}).`,
  ];
  if (e.claimedRows !== null)
    lines.push(`Claimed size: ${count(e.claimedRows)} records; ${plausibleClause(e.plausibleOurRowsMax)}.`);
  const strongest = [...report.signals].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 4);
  for (const s of strongest) lines.push(`Signal ${mdText(s.id, 60)}: ${mdText(s.detail)}.`);
  lines.push(`Verdict: ${mdText(report.verdict.summary, 1200)}`);
  return lines;
}

// Code spans do not honour backslash escapes, so only text that cannot need one goes in them.
const hexOnly = (value: string): string => `\`${String(value).replace(/[^0-9a-fA-F]/g, '')}\``;

function plausibleClause(plausible: number | null): string {
  if (plausible === null) return 'how many of them could be ours is not estimated';
  if (plausible === 0) return 'on the evidence of the sample, none of them come from our systems';
  return `on the evidence of the sample, at most ${count(plausible)} of them could come from our systems`;
}
