/**
 * Looks at a report the way a reader will: `npx tsx src/report/test-support/screenshot.ts
 * <report.json | report.html | example | hostile> [out.png]` writes a full-page screenshot
 * (and a PDF beside it, to check the print layout); a third argument takes one 1200×900 view
 * from that vertical offset instead, to read details at full size; a fourth, `print`, renders
 * with print styles.
 */
import { readFileSync } from 'node:fs';
import { renderHtml } from '../html.js';
import type { RenderableReport } from '../types.js';
import { launchChromium } from './browser.js';
import { exampleReport, hostileReport } from './fixtures.js';

const [input = 'example', out = '/tmp/leakverify-report.png', offset, media] = process.argv.slice(2);
const page = ((): string => {
  if (input === 'example') return renderHtml(exampleReport());
  if (input === 'hostile') return renderHtml(hostileReport());
  const text = readFileSync(input, 'utf8');
  return input.endsWith('.html') ? text : renderHtml(JSON.parse(text) as RenderableReport);
})();
const browser = await launchChromium();
try {
  const tab = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  tab.on('console', (m) => process.stderr.write(`console ${m.type()}: ${m.text()}\n`));
  tab.on('request', (r) => process.stderr.write(`request ${r.url()}\n`));
  if (media === 'print') await tab.emulateMedia({ media: 'print' });
  await tab.setContent(page);
  if (offset === undefined) await tab.screenshot({ path: out, fullPage: true });
  else
    await tab.screenshot({
      path: out,
      clip: { x: 0, y: Number(offset), width: 1200, height: 900 },
      fullPage: true,
    });
  await tab.pdf({ path: out.replace(/\.png$/, '.pdf'), format: 'A4', printBackground: true });
  process.stderr.write(`wrote ${out}\n`);
} finally {
  await browser.close();
}
