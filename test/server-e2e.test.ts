import { mkdirSync, readFileSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium } from '../src/report/test-support/browser.js';
import type { RunningServer } from '../src/server/server.js';
import { prepareWorkspace, startTestServer, type TeamFixture } from './support/team-server.js';

/**
 * The team server as people use it, in headless Chromium (issue 5): set up the first admin
 * with the printed token, add an analyst, sign in, open a case, upload a sample, watch the
 * verification's progress, read the verdict and the report, publish the exposure check
 * and check an exposed and a not-exposed email on the public page. Screenshots go to
 * /tmp/shots/ for a person to look at. Any script dialog or CSP violation fails the test.
 */

const SHOTS = '/tmp/shots';
let fx: TeamFixture;
let server: RunningServer;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
const cspErrors: string[] = [];

const available = hasChromium();
if (!available) process.stderr.write(`team UI browser test skipped: no Chromium at ${CHROMIUM_PATH}\n`);

beforeAll(async () => {
  if (!available) return;
  mkdirSync(SHOTS, { recursive: true });
  fx = await prepareWorkspace('server-e2e');
  server = await startTestServer(fx);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fx?.remove();
});

const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

async function signIn(username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL(/\/cases$/), page.click('button[type="submit"]')]);
}

describe.skipIf(!available)('the team UI in Chromium', () => {
  let caseUrl = '';

  it('sets up the first admin with the one-time token and adds an analyst', async () => {
    await page.goto(`${server.url}/cases`);
    await page.waitForURL(/\/setup$/);
    await page.fill('input[name="token"]', server.bootstrapToken!);
    await page.fill('input[name="username"]', 'alice');
    await page.fill('input[name="password"]', 'correct horse battery');
    await shot('01-setup');
    await Promise.all([page.waitForURL(/\/login\?ok=setup-done$/), page.click('button[type="submit"]')]);
    expect(await page.textContent('.flash-ok')).toContain('Admin account created');
    await signIn('alice', 'correct horse battery');
    await page.goto(`${server.url}/admin/users`);
    await page.fill('form[action="/admin/users"] input[name="username"]', 'bob');
    await page.fill('form[action="/admin/users"] input[name="password"]', 'bob password 123');
    await page.selectOption('form[action="/admin/users"] select[name="role"]', 'analyst');
    await Promise.all([page.waitForURL(/ok=user-created/), page.click('form[action="/admin/users"] button')]);
    expect(await page.textContent('table')).toContain('bob');
    await shot('02-users');
    await Promise.all([page.waitForURL(/\/login/), page.click('nav button')]);
  });

  it('signs in as the analyst and opens a case', async () => {
    await signIn('bob', 'bob password 123');
    await page.fill('input[name="title"]', 'ShopCo: 87M customers <script>alert("x")</script>');
    await page.fill('input[name="forumRef"]', 'https://forum.example/thread/4411');
    await page.fill('input[name="claimedRows"]', '87000000');
    await page.fill('input[name="claimDate"]', '2024-05-01');
    await page.fill('input[name="defaultRegion"]', 'GB');
    await shot('03-new-case');
    await Promise.all([
      page.waitForURL(/\/cases\/[0-9a-f]{32}\?ok=case-created$/),
      page.click('button:has-text("Create case")'),
    ]);
    caseUrl = page.url().replace(/\?.*$/, '');
    expect(await page.textContent('h1')).toBe('ShopCo: 87M customers <script>alert("x")</script>');
  });

  it('uploads a sample, watches the verification and reads the verdict', async () => {
    await page.setInputFiles('input[type="file"]', {
      name: 'shopco_sample.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(fx.samplePath),
    });
    await Promise.all([page.waitForURL(/ok=uploaded$/), page.click('form[data-upload] button')]);
    expect(await page.textContent('table')).toContain('shopco_sample.csv');
    await shot('04-case-with-sample');
    await Promise.all([
      page.waitForURL(/\/runs\/[0-9a-f]{32}\?ok=run-started$/),
      page.click('button:has-text("Verify")'),
    ]);
    // The page polls the run and shows its phase until the job ends and the verdict appears.
    const labels = new Set<string>();
    const deadline = Date.now() + 25_000;
    while (Date.now() < deadline) {
      const state = await page
        .evaluate(() => ({
          label: document.querySelector('[data-progress-label]')?.textContent ?? null,
          done: document.querySelector('.verdict-card') !== null,
        }))
        .catch(() => ({ label: null, done: false }));
      if (state.label) labels.add(state.label);
      if (labels.size === 2) await shot('05-run-progress');
      if (state.done) break;
      await page.waitForTimeout(150);
    }
    expect(
      [...labels].some((l) => /reading|linking|analysing|index|decrypting|report|exposure/.test(l)),
      [...labels].join(' | '),
    ).toBe(true);
    await page.waitForSelector('.verdict-card', { timeout: 5000 });
    await shot('06-run-verdict');
    const verdict = await page.textContent('.verdict-card .verdict');
    expect(verdict).toMatch(/Partially authentic|Authentic/);
    expect(await page.textContent('.verdict-card')).toContain('150');
  });

  it('opens the full report under its own CSP', async () => {
    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      page.click('a:has-text("Open the full report")'),
    ]);
    await report.waitForLoadState();
    expect(await report.title()).toMatch(/leakverify report/);
    await report.screenshot({ path: `${SHOTS}/07-report.png` });
    await report.close();
  });

  it('lists the run on the case page and publishes the exposure check', async () => {
    await page.goto(caseUrl);
    expect(await page.textContent('.status-done')).toBe('done');
    await Promise.all([
      page.waitForURL(/ok=published$/),
      page.click('button:has-text("Publish the exposure check")'),
    ]);
    await shot('08-case-published');
  });

  it('checks an exposed and a not-exposed email on the public page', async () => {
    const caseId = caseUrl.split('/').pop()!;
    const exposed = readFileSync(fx.samplePath, 'utf8').match(/[\w.+-]+@[\w-]+\.[\w.]+/)![0];
    const publicPage = await browser.newPage();
    await publicPage.goto(`${server.url}/check/${caseId}`);
    await publicPage.waitForSelector('#check-form[data-ready="true"]');
    await publicPage.fill('#value', exposed.toUpperCase());
    await publicPage.click('#check-button');
    await publicPage.waitForSelector('#result[data-state="found"]');
    expect(await publicPage.textContent('#result')).toContain(exposed.toLowerCase());
    await publicPage.screenshot({ path: `${SHOTS}/09-public-exposed.png`, fullPage: true });
    await publicPage.fill('#value', 'not.in.any.sample@example.org');
    await publicPage.click('#check-button');
    await publicPage.waitForSelector('#result[data-state="not-found"]');
    await publicPage.screenshot({ path: `${SHOTS}/10-public-not-exposed.png`, fullPage: true });
    await publicPage.close();
  });

  it('files a suspicious-activity report that analysts see escaped in the case', async () => {
    const caseId = caseUrl.split('/').pop()!;
    const publicPage = await browser.newPage();
    await publicPage.goto(`${server.url}/report/${caseId}`);
    await publicPage.fill(
      '#what',
      'A text about a "failed delivery" <b>with a link</b> <script>alert(7)</script>',
    );
    await publicPage.selectOption('#channel', 'sms');
    await publicPage.fill('#eventDate', '2024-05-03');
    await publicPage.fill('#sender', '+44 7700 900123');
    await Promise.all([publicPage.waitForURL(/\/thanks$/), publicPage.click('button[type="submit"]')]);
    await publicPage.close();
    await page.goto(caseUrl);
    const row = await page.textContent('table.sars tbody');
    expect(row).toContain('<script>alert(7)</script>');
    expect(row).toContain('+44 7700 900123');
    await shot('11-case-with-report');
    await page.goto(`${server.url}/cases`);
    await shot('12-cases');
  });

  it('ran no injected script and broke no CSP rule', () => {
    expect(dialogs).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
