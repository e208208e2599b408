import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, renderHtml } from './html.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from './test-support/browser.js';
import { exampleReport, hostileReport } from './test-support/fixtures.js';

const available = hasChromium();
if (!available) {
  process.stderr.write(
    `report.html browser test skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set LEAKVERIFY_CHROMIUM)\n`,
  );
}

interface Rendered {
  readonly errors: string[];
  readonly requests: string[];
  readonly pwned: unknown;
  readonly scripts: number;
  readonly handlers: string[];
  readonly text: string;
  readonly badgeVisible: boolean;
}

describe.skipIf(!available)('report.html in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function render(page: string): Promise<Rendered> {
    const context = await browser.newContext({ javaScriptEnabled: true });
    const tab = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('request', (r) => requests.push(r.url()));
    await context.route('**/*', (route) => route.abort());
    await tab.setContent(page, { waitUntil: 'load' });
    // Give anything an injected handler might schedule a chance to run.
    await tab.waitForTimeout(100);
    // A string, evaluated in the page: this project compiles without the DOM library.
    // innerText, not textContent: what a reader sees after CSS (the badge is upper-cased).
    const result = (await tab.evaluate(`({
      pwned: window.__pwned,
      scripts: document.querySelectorAll('script, iframe, img, object, embed, a[href]').length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^on|^(href|src|srcdoc|action|formaction|xlink:href)$/i.test(a.name))
          .map((a) => el.tagName + ' ' + a.name)),
      text: document.body.innerText,
    })`)) as Pick<Rendered, 'pwned' | 'scripts' | 'handlers' | 'text'>;
    const badgeVisible = await tab.locator('.badge').isVisible();
    await context.close();
    return { errors, requests, badgeVisible, ...result };
  }

  it('shows the verdict with no console error and no network request', async () => {
    const r = await render(renderHtml(exampleReport()));
    expect(r.errors).toEqual([]);
    expect(r.requests).toEqual([]);
    expect(r.badgeVisible).toBe(true);
    expect(r.text).toContain('RECYCLED');
    expect(r.text).toContain('m********i@l*****.it');
  });

  it('keeps a hostile report inert, with and without its CSP', async () => {
    const page = renderHtml(hostileReport());
    // Without the CSP, escaping alone must hold: the policy is defence in depth, not the fix.
    const withoutCsp = page.replace(
      CONTENT_SECURITY_POLICY,
      "default-src * 'unsafe-inline' 'unsafe-eval' data:",
    );
    expect(withoutCsp).not.toBe(page);
    for (const variant of [page, withoutCsp]) {
      const r = await render(variant);
      expect(r.pwned).toBeUndefined();
      expect(r.scripts).toBe(0);
      expect(r.handlers).toEqual([]);
      expect(r.requests).toEqual([]);
      expect(r.errors).toEqual([]);
      expect(r.badgeVisible).toBe(true);
      expect(r.text).toContain('<script>window.__pwned=1</script>');
    }
  });
});
