import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../report/test-support/browser.js';
import { EXPOSED, type PublicFixture, startPublicServer } from './test-support/public-fixture.js';

const available = hasChromium();
if (!available) process.stderr.write(`public pages browser test skipped: no Chromium at ${CHROMIUM_PATH}\n`);

const SHOTS = '/tmp/shots';

describe.skipIf(!available)('the public pages in headless Chromium', () => {
  let browser: Browser;
  let server: PublicFixture;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startPublicServer();
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 900, height: 1000 } });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}/check/shopco-2025`);
    await page.waitForSelector('#check-form[data-ready="true"]');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function check(
    value: string,
    region: string,
    shot: string,
  ): Promise<{ state: string; text: string }> {
    await page.fill('#value', value);
    await page.selectOption('#region', region);
    await page.evaluate(`document.getElementById('result').removeAttribute('data-state')`);
    await page.click('#check-button');
    await page.waitForSelector('#result[data-state]');
    await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
    const state = (await page.getAttribute('#result', 'data-state')) ?? '';
    return { state, text: (await page.textContent('#result')) ?? '' };
  }

  it('preselects the phone region from the browser language', async () => {
    expect(await page.inputValue('#region')).toBe('IT');
    await page.screenshot({ path: `${SHOTS}/exposure-page.png`, fullPage: true });
  });

  it('finds an exposed email, typed in another case', async () => {
    const { state, text } = await check(`  ${EXPOSED.email.toUpperCase()} `, '', 'exposure-email-found');
    expect(state).toBe('found');
    expect(text).toContain('mario.rossi@example.com appears in the alleged sample');
  });

  it('does not find an email that is not in the sample', async () => {
    const { state, text } = await check('luigi.verdi@example.com', '', 'exposure-email-not-found');
    expect(state).toBe('not-found');
    expect(text).toContain('does not appear');
  });

  it('finds an exposed phone written nationally, with its region', async () => {
    const { state, text } = await check(EXPOSED.phoneNational, 'IT', 'exposure-phone-found');
    expect(state).toBe('found');
    expect(text).toContain('+393331234567');
  });

  it('does not find a phone that is not in the sample', async () => {
    const { state } = await check('+39 347 765 4321', '', 'exposure-phone-not-found');
    expect(state).toBe('not-found');
  });

  it('explains input it cannot read', async () => {
    const { state } = await check('hello', '', 'exposure-invalid');
    expect(state).toBe('invalid');
  });

  it('sent only 5 hex characters per check, and ran no injected script', async () => {
    const api = requests.filter((u) => u.includes('/api/'));
    expect(api).toHaveLength(4);
    for (const u of api) expect(new URL(u).pathname).toMatch(/^\/api\/exposure\/range\/[0-9a-f]{5}$/);
    for (const secret of ['mario', 'luigi', '3331234567', '333%20123', '7654321'])
      expect(requests.some((u) => u.toLowerCase().includes(secret))).toBe(false);
    expect(await page.textContent('#sent')).toMatch(/^[0-9a-f]{5}$/);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('takes a suspicious-activity report through the form', async () => {
    await page.goto(`${server.url}/report/shopco-2025`);
    await page.fill('#what', 'SMS "your ShopCo parcel is held", link to pay a fee. <b>not bold</b>');
    await page.selectOption('#channel', 'sms');
    await page.fill('#eventDate', '2025-07-01');
    await page.fill('#sender', '+44 7700 900123');
    await page.screenshot({ path: `${SHOTS}/report-form.png`, fullPage: true });
    await Promise.all([page.waitForURL('**/thanks'), page.click('button[type="submit"]')]);
    await page.screenshot({ path: `${SHOTS}/report-thanks.png`, fullPage: true });
    expect(await page.textContent('h1')).toBe('Thank you');
    expect(server.reports).toHaveLength(1);
    expect(server.reports[0]!.report).toMatchObject({ channel: 'sms', eventDate: '2025-07-01' });
    expect(errors).toEqual([]);
  });

  it('shows what is wrong when the server refuses a report', async () => {
    await page.goto(`${server.url}/report/shopco-2025`);
    // Past the browser's own checks, as a hand-made request would be.
    await page.evaluate(`document.querySelectorAll('[required],[max],[maxlength]').forEach((e) => {
      e.removeAttribute('required'); e.removeAttribute('max'); e.removeAttribute('maxlength'); })`);
    await page.fill('#what', '<img src=x onerror="window.__pwned=1">');
    await page.fill('#eventDate', '2099-01-01');
    await page.fill('#sender', 'x'.repeat(400));
    await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
    await page.waitForSelector('.field-error');
    await page.screenshot({ path: `${SHOTS}/report-errors.png`, fullPage: true });
    const messages = await page.locator('.field-error').allInnerTexts();
    expect(messages).toEqual([
      'Choose how you were contacted.',
      'The date cannot be in the future.',
      'At most 320 characters, please.',
    ]);
    expect(await page.inputValue('#what')).toBe('<img src=x onerror="window.__pwned=1">');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(server.reports).toHaveLength(1);
  });

  it('lists the public cases', async () => {
    await page.goto(`${server.url}/check`);
    await page.screenshot({ path: `${SHOTS}/check-list.png`, fullPage: true });
    expect(await page.locator('ul.cases li').count()).toBe(1);
    await Promise.all([page.waitForURL('**/check/shopco-2025'), page.click('ul.cases a')]);
  });
});
