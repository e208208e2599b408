import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';
import { captureIo } from './test-io.js';

describe('createProgress', () => {
  it('shows the share done and an ETA from a fraction when the count has no total', () => {
    const io = captureIo({});
    const progress = createProgress(io, 'indexing', null, 'rows');
    progress.update(1000, 'customers: 1.0k rows', 0.25);
    const line = io.err();
    expect(line).toMatch(/^indexing {2}25\.0% {2}ETA \S+ {2}[\d.]+\S* rows\/s {2}customers: 1\.0k rows\n$/);
  });

  it('shows no share or ETA without a total or a fraction', () => {
    const io = captureIo({});
    createProgress(io, 'linking', null, 'rows').update(10);
    expect(io.err()).not.toMatch(/%|ETA/);
  });
});
