/**
 * The facts section of statement.md, derived from the report alone: what kind of incident
 * the verdict describes, which categories of data the sample's columns hold, the numbers,
 * and what could follow for the people in it given those categories.
 */
import type { FieldKind } from '../core/types.js';
import { DATA_CATEGORY } from './labels.js';
import { count, mdText, pct } from './markdown.js';
import type { RenderableReport } from './types.js';

const OURS = new Set(['authentic', 'partially-authentic']);

const isOurs = (report: RenderableReport): boolean => OURS.has(report.verdict.label);

function kinds(report: RenderableReport): Set<FieldKind> {
  // A column that is mostly empty still counts: one filled value is personal data too.
  return new Set(report.columns.filter((c) => c.filled > 0).map((c) => c.type));
}

export function natureOf(report: RenderableReport, company: string): string {
  const e = report.estimate;
  switch (report.verdict.label) {
    case 'authentic':
      return `Confidentiality breach: a dataset consistent with an export of ${company}'s customer records is offered on [forum / marketplace] since [date]. ${pct(e.fromRecordsShare)} of the sample's rows carry data only our systems hold. How the data left our systems: [under investigation].`;
    case 'partially-authentic':
      return `Confidentiality breach affecting part of a dataset offered on [forum / marketplace] since [date]: ${pct(e.fromRecordsShare)} of the sample's rows carry data only our systems hold; the remainder does not originate from us. How that part left our systems: [under investigation].`;
    case 'recycled':
      return `Alleged breach, not confirmed: a dataset attributed to ${company} is offered on [forum / marketplace]. ${pct(e.identityShare)} of the sample's rows concern people who are our customers, but ${pct(e.fromRecordsShare)} carry data from our systems; the sample is consistent with a compilation from other sources (other services' breaches, combolists, public data). On current evidence no breach of our systems occurred.`;
    case 'fabricated':
      return `Alleged breach, not confirmed: a dataset attributed to ${company} is offered on [forum / marketplace]. The sample does not match our records and shows signs of generated data. On current evidence no breach of our systems occurred.`;
    case 'unrelated':
      return `Alleged breach, not confirmed: a dataset attributed to ${company} is offered on [forum / marketplace]. The sample does not match our records and appears to come from another source. On current evidence no breach of our systems occurred.`;
    default:
      return `Alleged breach under assessment: a dataset attributed to ${company} is offered on [forum / marketplace]. The sample does not allow a conclusion yet: ${mdText(report.verdict.summary, 600)}`;
  }
}

export function categoriesOf(report: RenderableReport): string[] {
  const byCategory = new Map<string, string[]>();
  for (const column of report.columns) {
    if (column.filled <= 0) continue;
    const category = Object.hasOwn(DATA_CATEGORY, column.type) ? DATA_CATEGORY[column.type] : 'other fields';
    if (category === null) continue;
    const names = byCategory.get(category) ?? [];
    names.push(mdText(column.name, 40));
    byCategory.set(category, names);
  }
  if (byCategory.size === 0) return ['No column holding personal data was recognised in the sample.'];
  return [...byCategory].map(([category, names]) => `${capitalise(category)} (columns: ${names.join(', ')})`);
}

export function numbersOf(report: RenderableReport): string[] {
  const e = report.estimate;
  const rows = report.sample.rows;
  const people = Math.round(e.identityShare * rows);
  const fromUs = Math.round(e.fromRecordsShare * rows);
  const customers = report.records?.find((r) => r.name === 'customers') ?? report.records?.[0];
  const claimSource =
    report.claim?.source === 'banner'
      ? ' (as stated in the seller’s post)'
      : report.claim?.source === 'option'
        ? ' (as reported to us)'
        : '';
  const lines = [
    `Records claimed by the seller: ${e.claimedRows === null ? 'not stated' : count(e.claimedRows)}${claimSource}.`,
    `Rows in the published sample: ${count(rows)}.`,
    `Of these, people who are our customers: about ${count(people)} (${pct(e.identityShare)}, 95% interval ${pct(e.identityShareCi95[0])}–${pct(e.identityShareCi95[1])}).`,
    `Of these, rows carrying data from our systems: about ${count(fromUs)} (${pct(e.fromRecordsShare)}, 95% interval ${pct(e.fromRecordsShareCi95[0])}–${pct(e.fromRecordsShareCi95[1])}).`,
    `Largest number of our records the claimed dataset can plausibly hold: ${e.plausibleOurRowsMax === null ? 'not estimated' : count(e.plausibleOurRowsMax)}.`,
  ];
  if (customers)
    lines.push(`For scale: our ${mdText(customers.name, 40)} table holds ${count(customers.rows)} records.`);
  if (isOurs(report)) {
    lines.push(
      'Approximate number of data subjects concerned: [up to the plausible maximum above, to be refined by the investigation].',
    );
  }
  return lines;
}

export function consequencesFor(report: RenderableReport): string[] {
  const k = kinds(report);
  const has = (...list: FieldKind[]): boolean => list.some((x) => k.has(x));
  const name = has('first_name', 'last_name', 'full_name');
  const out: string[] = [];
  if (has('email'))
    out.push('Phishing emails that use our name, or the details in the list, to look credible.');
  if (has('phone')) out.push('SMS phishing and fake delivery or customer-service calls.');
  if (has('phone') && (name || has('date_of_birth')))
    out.push(
      'SIM-swap attempts: a name and date of birth can be enough to impersonate the customer to their mobile operator and take over one-time codes.',
    );
  if (has('password'))
    out.push(
      'Credential stuffing and account takeover: plaintext passwords are tried on other services, including ours.',
    );
  else if (has('password_hash'))
    out.push(
      'Credential stuffing once the password hashes are cracked (weak hashes such as MD5 or SHA-1 fall quickly).',
    );
  if (has('card_number')) out.push('Payment card fraud.');
  if (name && has('date_of_birth') && has('address', 'street', 'postcode'))
    out.push("Identity theft: opening accounts or credit in the person's name.");
  if (has('address', 'street', 'postcode')) out.push('Fake parcel-delivery scams and unwanted mail.');
  if (has('order_id', 'internal_id') && isOurs(report))
    out.push('More convincing scams quoting real order or customer numbers.');
  if (has('ip')) out.push('Approximate location of the person from their IP address (limited).');
  if (out.length === 0) out.push('No specific consequence identified from the fields in the sample.');
  return out;
}

/** A sentence before the consequences when the data is not ours: the people are still at risk. */
export function consequencesIntro(report: RenderableReport): string[] {
  return !isOurs(report) && report.verdict.label !== 'inconclusive'
    ? ['The data does not come from our systems, but the people in it can still be targeted in our name:']
    : [];
}

export function measuresFor(report: RenderableReport): string[] {
  const k = kinds(report);
  const out = [
    `Sample preserved as evidence (SHA-256 recorded) and verified against our records on ${mdText(report.provenance.generatedAt, 40)}; the report and its inputs are covered by a signed evidence manifest.`,
    'Customers can check whether they appear in the alleged sample, and report suspicious contacts: [link].',
    'Monitoring of the seller and of further publications: [details].',
  ];
  switch (report.verdict.label) {
    case 'authentic':
    case 'partially-authentic':
      out.push('Investigation of the source system or export, and closing of the access path: [details].');
      out.push('Direct notice to the customers concerned (Art. 34): [date].');
      if (k.has('password') || k.has('password_hash'))
        out.push('Forced password reset for the accounts concerned.');
      if (k.has('card_number')) out.push('Card issuers and the acquirer informed.');
      break;
    case 'recycled':
      out.push('Warning to customers about phishing that uses our name.');
      if (k.has('password') || k.has('password_hash'))
        out.push(
          'Check of the listed credentials against our accounts; reset of any that work (credential stuffing).',
        );
      break;
    case 'fabricated':
    case 'unrelated':
      out.push(
        'Public correction of the claim (the statement above), and a takedown request to the platform: [details].',
      );
      break;
    default:
      out.push(
        'Request for a larger sample, or one with fields our records also hold, to complete the verification.',
      );
  }
  return out;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
