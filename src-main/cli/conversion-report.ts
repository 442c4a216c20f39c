import type { ConversionProgress } from '../services/memory/embedders/offline-embedder.ts';

const QUARTERS = [0.25, 0.5, 0.75];

/**
 * Tells a person on stderr what the offline embedder's one-time conversion (about 15 s, the first time a data folder's
 * memory is used) is doing: on a terminal one progress line redrawn in place, otherwise a line when it starts, at each
 * quarter and when it ends.
 */
export function createConversionReport(stream: { write(text: string): unknown }, tty: boolean): (progress: ConversionProgress) => void {
  let quarter = 0;
  return (progress) => {
    if (progress.stage === 'started') {
      stream.write(
        `Preparing the offline embedder, once for this data folder (about 15 s; \`operon memory prepare\` does it ahead): converting its word vectors into ${progress.cachePath}\n`,
      );
    } else if (progress.stage === 'reading') {
      const fraction = Math.min(1, progress.words / progress.of);
      const line = `  converting: ${Math.floor(fraction * 100)}% (${progress.words.toLocaleString('en')} of ${progress.of.toLocaleString('en')} words)`;
      if (tty) stream.write(`\r${line}\u001b[K`);
      else if (quarter < QUARTERS.length && fraction >= (QUARTERS[quarter] ?? 1)) {
        while (quarter < QUARTERS.length && fraction >= (QUARTERS[quarter] ?? 1)) quarter += 1;
        stream.write(`${line}\n`);
      }
    } else {
      const done = `  converted ${progress.words.toLocaleString('en')} words in ${(progress.ms / 1000).toFixed(1)} s`;
      stream.write(tty ? `\r${done}\u001b[K\n` : `${done}\n`);
    }
  };
}
