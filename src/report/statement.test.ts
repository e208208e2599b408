import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VerdictLabel } from '../core/report.js';
import { mdText } from './markdown.js';
import { renderStatement } from './statement.js';
import { exampleReport, hostileReport } from './test-support/fixtures.js';
import type { RenderableReport } from './types.js';

function withLabel(
  label: VerdictLabel,
  estimate: Partial<RenderableReport['estimate']> = {},
): RenderableReport {
  const base = exampleReport();
  return exampleReport({
    verdict: { label, confidence: 0.95, summary: `summary for ${label}` },
    estimate: { ...base.estimate, ...estimate },
  });
}

const sectionOf = (md: string, heading: string): string => {
  const start = md.indexOf(heading);
  const next = md.indexOf('\n#', start + heading.length);
  return md.slice(start, next < 0 ? undefined : next);
};

describe('renderStatement', () => {
  it('writes a recycled statement: customers, but no data from our systems', () => {
    const md = renderStatement(withLabel('recycled'), { company: 'ShopCo' });
    const statement = sectionOf(md, '## Public statement');
    expect(statement).toContain(
      '41% of the people in it are our customers, but none of the rows carry data from our systems',
    );
    expect(statement).toContain('no evidence of a breach of our systems');
    expect(statement).toContain(
      'The seller claims 87,000,000 records; on the evidence of the sample, none of them come from our systems.',
    );
    expect(md).toContain('# Draft statement: alleged ShopCo customer data');
  });

  it('acknowledges an authentic sample honestly', () => {
    const md = renderStatement(
      withLabel('authentic', {
        fromRecordsShare: 0.96,
        fromRecordsShareCi95: [0.95, 0.97],
        plausibleOurRowsMax: 2_900_000,
      }),
      { company: 'ShopCo' },
    );
    const statement = sectionOf(md, '## Public statement');
    expect(statement).toContain('consistent with data from our systems: 96% of its rows');
    expect(statement).toContain('We are treating this as a personal data breach');
    expect(statement).toContain('we apologise');
    expect(statement).not.toContain('no evidence of a breach');
    expect(sectionOf(md, '### 5.')).toContain('Direct notice to the customers concerned (Art. 34)');
    expect(sectionOf(md, '### 1.')).toContain('Confidentiality breach');
  });

  it('has a distinct statement for every label, and never claims a breach without one', () => {
    const texts = new Set<string>();
    for (const label of [
      'authentic',
      'partially-authentic',
      'recycled',
      'fabricated',
      'unrelated',
      'inconclusive',
    ] as const) {
      const statement = sectionOf(
        renderStatement(withLabel(label), { company: 'ShopCo' }),
        '## Public statement',
      );
      texts.add(statement);
      const admits = statement.includes('personal data breach');
      expect(admits).toBe(label === 'authentic' || label === 'partially-authentic');
    }
    expect(texts.size).toBe(6);
    expect(renderStatement(withLabel('fabricated'), { company: 'ShopCo' })).toContain(
      'signs of having been generated',
    );
    expect(renderStatement(withLabel('inconclusive'), { company: 'ShopCo' })).toContain(
      'does not contain enough information',
    );
  });

  it('gives the regulator facts: categories from column types, numbers, consequences, contact', () => {
    const md = renderStatement(withLabel('recycled'), { company: 'ShopCo' });
    const categories = sectionOf(md, '### 2.');
    expect(categories).toContain('Email addresses (columns: email)');
    expect(categories).toContain('Phone numbers (columns: cellulare)');
    expect(categories).toContain('Dates of birth (columns: data\\_nascita)');
    expect(categories).toContain('Customer or account identifiers (columns: user\\_id)');
    const numbers = sectionOf(md, '### 3.');
    expect(numbers).toContain('Records claimed by the seller: 87,000,000 (as stated in the seller’s post)');
    expect(numbers).toContain('people who are our customers: about 1,230 (41%');
    expect(numbers).toContain('plausibly hold: 0');
    expect(numbers).toContain('our customers table holds 3,012,554 records');
    const consequences = sectionOf(md, '### 4.');
    expect(consequences).toContain('Phishing emails');
    expect(consequences).toContain('SIM-swap');
    expect(consequences).toContain(
      '\nThe data does not come from our systems, but the people in it can still be targeted',
    );
    expect(consequences).not.toContain('Credential stuffing');
    expect(sectionOf(md, '### 6.')).toContain('Data protection officer: [name]');
  });

  it('names credential stuffing and card fraud when the sample has those columns', () => {
    const base = withLabel('partially-authentic', {
      fromRecordsShare: 0.2,
      fromRecordsShareCi95: [0.18, 0.22],
    });
    const report = {
      ...base,
      columns: [
        { name: 'pw', type: 'password_hash' as const, confidence: 1, filled: 1 },
        { name: 'cc', type: 'card_number' as const, confidence: 1, filled: 1 },
      ],
    };
    const md = renderStatement(report, { company: 'ShopCo' });
    expect(sectionOf(md, '### 4.')).toContain('Credential stuffing');
    expect(sectionOf(md, '### 4.')).toContain('Payment card fraud');
    expect(sectionOf(md, '### 5.')).toContain('Forced password reset');
    expect(sectionOf(md, '### 4.')).not.toContain('SIM-swap');
  });

  it('neutralises Markdown and HTML from sample-derived strings', () => {
    const md = renderStatement(hostileReport(), { company: 'Shop*Co* [x](javascript:alert(1))' });
    // Every < is backslash-escaped (CommonMark renders it as text); > only starts our blockquote.
    expect(md.replace(/\\</g, '')).not.toContain('<');
    expect(md.replace(/\\>/g, '').replace(/^> /gm, '')).not.toContain('>');
    expect(md).not.toMatch(/(?<!\\)\]\(/);
    expect(md).not.toMatch(/javascript:/i);
    expect(md).not.toContain('\u202E');
    expect(md).toContain('Shop\\*Co\\* \\[x\\]\\(javascript\\[:\\]alert\\(1\\)\\)');
    // Every heading is ours: a column name cannot start a line.
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toHaveLength(10);
  });

  it('mdText keeps any string on one inert line', () => {
    expect(mdText('# Title\n| a | b |\n`code` <b>_x_</b>')).toBe(
      '\\# Title \\| a \\| b \\| \\`code\\` \\<b\\>\\_x\\_\\</b\\>',
    );
    expect(mdText('see https://evil.example and www.evil.example')).toBe(
      'see https\\[:\\]//evil.example and www\\[.\\]evil.example',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => {
        const out = mdText(s);
        expect(out).not.toMatch(/[\r\n]/);
        // Every Markdown/HTML metacharacter is preceded by a backslash.
        expect(out.replace(/\\[\\`*_[\]()<>#|~&!{}]/g, '')).not.toMatch(/[`*_[\]()<>#|~&!{}]/);
      }),
      { numRuns: 500 },
    );
  });
});
