import { describe, expect, it } from 'vitest';
import { createConversionReport } from './conversion-report.ts';

/** Feeds a conversion of 100,000 words read in steps of `step` to a report and returns what it wrote. */
function reportOf(tty: boolean, step: number): string {
  let written = '';
  const report = createConversionReport({ write: (text: string) => (written += text) }, tty);
  report({ stage: 'started', sourcePath: '/pkg/vectors.json', cachePath: '/data/models/glove.bin' });
  for (let words = step; words <= 100_000; words += step) report({ stage: 'reading', words, of: 100_000 });
  report({ stage: 'finished', words: 100_000, ms: 14_250, cachePath: '/data/models/glove.bin' });
  return written;
}

describe('createConversionReport', () => {
  it('off a terminal: a line when it starts, one at each quarter reached, and one when it ends', () => {
    expect(reportOf(false, 10_000).split('\n')).toEqual([
      expect.stringMatching(
        /^Preparing the offline embedder, once for this data folder .*operon memory prepare.*\/data\/models\/glove\.bin$/,
      ),
      '  converting: 30% (30,000 of 100,000 words)',
      '  converting: 50% (50,000 of 100,000 words)',
      '  converting: 80% (80,000 of 100,000 words)',
      '  converted 100,000 words in 14.3 s',
      '',
    ]);
  });

  it('on a terminal: one line redrawn in place, then the result on its own line', () => {
    const written = reportOf(true, 25_000);
    const [start, progress] = written.split('\n');
    expect(start).toMatch(/^Preparing the offline embedder/);
    expect(progress?.split('\r').filter(Boolean)).toEqual([
      '  converting: 25% (25,000 of 100,000 words)\u001b[K',
      '  converting: 50% (50,000 of 100,000 words)\u001b[K',
      '  converting: 75% (75,000 of 100,000 words)\u001b[K',
      '  converting: 100% (100,000 of 100,000 words)\u001b[K',
      '  converted 100,000 words in 14.3 s\u001b[K',
    ]);
  });
});
