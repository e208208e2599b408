import { html, type SafeHtml, trusted } from '../report/html-escape.js';

/**
 * The public pages: the list of cases open for checks, the exposure check, the
 * suspicious-activity form and its thank-you page. Every value goes through `html`; no page
 * carries inline script or style (the CSP of public-routes.ts forbids both), and data reaches
 * the script only through escaped `data-` attributes.
 */

export interface PublicCase {
  readonly id: string;
  readonly title: string;
  /** The country a national phone number of this case most likely has (the case's setting). */
  readonly defaultRegion?: string;
}

export const REPORT_CHANNELS = ['email', 'sms', 'phone', 'messaging', 'post', 'other'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

const CHANNEL_LABELS: Readonly<Record<ReportChannel, string>> = {
  email: 'Email',
  sms: 'Text message (SMS)',
  phone: 'Phone call',
  messaging: 'Messaging app (WhatsApp, Telegram, …)',
  post: 'Letter or parcel',
  other: 'Something else',
};

/** Field values as typed, for re-showing the form, and the problems found with them. */
export type ReportFormValues = Readonly<
  Partial<Record<'what' | 'channel' | 'eventDate' | 'sender' | 'contact', string>>
>;
export type ReportFormErrors = Readonly<Partial<Record<keyof ReportFormValues | 'form', string>>>;

const enc = encodeURIComponent;

function layout(title: string, body: SafeHtml, script?: SafeHtml): string {
  return html`${trusted('<!doctype html>')}
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="/static/exposure.css">
</head>
<body>
<header class="site"><a class="brand" href="/check">leakverify</a><span class="tagline">public check</span></header>
${body}
<footer class="site">This service never asks for passwords or payment details.</footer>
${script ?? ''}
</body>
</html>
`.value;
}

export function caseListPage(cases: readonly PublicCase[]): string {
  const items = cases.map((c) => html`<li><a href="/check/${enc(c.id)}">${c.title}</a></li>`);
  return layout(
    'Check your exposure',
    html`<main class="narrow">
<h1>Check whether your data is in an alleged leak</h1>
<p>These are the claimed data leaks under investigation. Choose one to check whether your email
address or phone number appears in the sample that was published.</p>
${cases.length > 0 ? html`<ul class="cases">${items}</ul>` : html`<p class="empty">No case is open for public checks right now.</p>`}
</main>`,
  );
}

export function exposurePage(c: PublicCase, defaultRegion?: string): string {
  return layout(
    `Check: ${c.title}`,
    html`<main class="narrow" data-case="${c.id}" data-title="${c.title}" data-region="${defaultRegion ?? ''}">
<h1>Is your email or phone number in the alleged sample?</h1>
<p class="lead">Someone claims to have leaked customer data: <strong>${c.title}</strong>. Check whether
your email address or phone number appears in the sample they published.</p>
<form id="check-form" class="card" autocomplete="off">
<label for="value">Email address or phone number</label>
<input id="value" name="value" type="text" required maxlength="320" spellcheck="false" autocapitalize="off" placeholder="name@example.com or +39 333 123 4567">
<label for="region">Country of the phone number <span class="hint">(used when it has no +country code)</span></label>
<select id="region" name="region"><option value="">None: the number starts with + or 00</option></select>
<button id="check-button" type="submit">Check</button>
<noscript><p class="warning">The check runs in your browser and needs JavaScript.</p></noscript>
</form>
<output id="result" class="result" aria-live="polite" hidden></output>
<section class="privacy">
<h2>How your privacy is protected</h2>
<p>Your browser writes what you typed in a standard form (an email address in lower case, a phone
number in international format) and computes its SHA-256 fingerprint, 64 hexadecimal characters.
<strong>Only the first 5 characters leave your browser.</strong> We answer with every fingerprint in the
sample that starts with them, mixed with decoys so that every answer has the same size, and your
browser compares them itself. We never receive your email address or phone number, and we cannot
tell whether the check found you.</p>
<p>Sent to the server: <code id="sent">nothing yet</code></p>
</section>
<p class="next">Received a suspicious email, message or call about this?
<a href="/report/${enc(c.id)}">Report it</a>.</p>
</main>`,
    html`<script src="/static/libphonenumber-min.js" defer></script>
<script src="/static/exposure.js" defer></script>`,
  );
}

function fieldError(errors: ReportFormErrors, field: keyof ReportFormErrors): SafeHtml | string {
  const message = errors[field];
  return message ? html`<p class="field-error" id="${field}-error">${message}</p>` : '';
}

export function reportFormPage(
  c: PublicCase,
  values: ReportFormValues = {},
  errors: ReportFormErrors = {},
  today = new Date().toISOString().slice(0, 10),
): string {
  const options = REPORT_CHANNELS.map(
    (ch) =>
      html`<option value="${ch}"${values.channel === ch ? trusted(' selected') : ''}>${CHANNEL_LABELS[ch]}</option>`,
  );
  const invalid = (field: keyof ReportFormValues) =>
    errors[field] ? trusted(` aria-invalid="true" aria-describedby="${field}-error"`) : '';
  return layout(
    `Report suspicious activity: ${c.title}`,
    html`<main class="narrow">
<h1>Report a suspicious contact</h1>
<p class="lead">About the alleged leak <strong>${c.title}</strong>: tell us about emails, messages, calls
or letters that may use the leaked data. Reports help us verify the claim and warn others.</p>
${errors.form ? html`<p class="warning" role="alert">${errors.form}</p>` : ''}
<form class="card" method="post" action="/report/${enc(c.id)}">
<label for="what">What happened?</label>
<textarea id="what" name="what" rows="6" maxlength="4000" required${invalid('what')}>${values.what ?? ''}</textarea>
${fieldError(errors, 'what')}
<label for="channel">How were you contacted?</label>
<select id="channel" name="channel" required${invalid('channel')}><option value="">Choose…</option>${options}</select>
${fieldError(errors, 'channel')}
<label for="eventDate">When?</label>
<input id="eventDate" name="eventDate" type="date" min="2000-01-01" max="${today}" required value="${values.eventDate ?? ''}"${invalid('eventDate')}>
${fieldError(errors, 'eventDate')}
<label for="sender">The sender's phone number, address or account</label>
<input id="sender" name="sender" type="text" maxlength="320" required value="${values.sender ?? ''}"${invalid('sender')}>
${fieldError(errors, 'sender')}
<label for="contact">How can we reach you? <span class="hint">(optional)</span></label>
<input id="contact" name="contact" type="text" maxlength="320" value="${values.contact ?? ''}"${invalid('contact')}>
${fieldError(errors, 'contact')}
<button type="submit">Send report</button>
</form>
<p class="next"><a href="/check/${enc(c.id)}">Check whether your data is in the sample</a></p>
</main>`,
  );
}

export function reportThanksPage(c: PublicCase): string {
  return layout(
    'Thank you',
    html`<main class="narrow">
<h1>Thank you</h1>
<p class="lead">Your report about <strong>${c.title}</strong> was received.</p>
<p>Do not reply to the suspicious contact, do not open its links, and never give a password or a
payment code to someone who contacted you.</p>
<p class="next"><a href="/check/${enc(c.id)}">Check whether your data is in the sample</a></p>
</main>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, html`<main class="narrow"><h1>${title}</h1><p class="lead">${message}</p></main>`);
}
