import type { VerdictLabel } from '../core/report.js';
import type { FieldKind } from '../core/types.js';

export const VERDICT_LABELS: readonly VerdictLabel[] = [
  'authentic',
  'partially-authentic',
  'recycled',
  'fabricated',
  'unrelated',
  'inconclusive',
];

/** Label → title and the one-line meaning of SPEC.md, for readers outside the security team. */
export const VERDICT_TEXT: Readonly<Record<VerdictLabel, { title: string; meaning: string }>> = {
  authentic: {
    title: 'Authentic',
    meaning:
      'The sample is consistent with an export of our records: nearly all rows link to our records and platform-specific fields agree.',
  },
  'partially-authentic': {
    title: 'Partially authentic',
    meaning:
      'A statistically clear subset of rows is corroborated by our records; the rest is not (padding, fabrication or other sources).',
  },
  recycled: {
    title: 'Recycled',
    meaning:
      "The people overlap our customers, but the rows do not carry our platform-specific data: another platform's breach, a combolist, or scraped or compiled data.",
  },
  fabricated: {
    title: 'Fabricated',
    meaning:
      'Rows do not link to our records and show signs of generation: impossible or reserved values, generator dictionaries and templates, statistical anomalies.',
  },
  unrelated: {
    title: 'Unrelated',
    meaning: 'Rows do not link to our records and look like real data from somewhere else.',
  },
  inconclusive: {
    title: 'Inconclusive',
    meaning: 'Too few rows or too few comparable fields to decide; the summary says what is missing.',
  },
};

/** The label if it is one we know, else `inconclusive` (a renderer never trusts a string as a class name). */
export function knownLabel(label: unknown): VerdictLabel {
  return VERDICT_LABELS.includes(label as VerdictLabel) ? (label as VerdictLabel) : 'inconclusive';
}

/** Plain-language categories of personal data, per column kind (null: not personal data by itself). */
export const DATA_CATEGORY: Readonly<Record<FieldKind, string | null>> = {
  email: 'email addresses',
  phone: 'phone numbers',
  first_name: 'names',
  last_name: 'names',
  full_name: 'names',
  username: 'usernames',
  date_of_birth: 'dates of birth',
  date: 'dates (e.g. of orders or sign-up)',
  street: 'postal addresses',
  national_id: 'national identification numbers (tax, social security or ID-card)',
  house_number: 'postal addresses',
  address: 'postal addresses',
  postcode: 'postal addresses',
  city: 'postal addresses',
  region: 'postal addresses',
  country: 'countries',
  ip: 'IP addresses',
  internal_id: 'customer or account identifiers',
  order_id: 'order numbers',
  amount: 'order amounts',
  currency: null,
  password: 'passwords in plain text',
  password_hash: 'password hashes',
  card_number: 'payment card numbers',
  gender: 'gender',
  text: 'free text',
  unknown: 'unclassified fields',
};
