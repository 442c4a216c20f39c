// The 1,000 notes `npm run bench:cli` searches: stored once, in process, into the bench's data folder.
import { openMemoryForCli } from '../src-main/host/memory-host.ts';

const WHO = [
  'The car',
  'The boiler',
  'The garden',
  'The roof',
  'The laptop',
  'The bike',
  'The fridge',
  'The dog',
  'The budget',
  'The office',
];
const WHAT = [
  'needs a check',
  'was repaired',
  'costs too much',
  'should be cleaned',
  'gets new parts',
  'is insured',
  'was inspected',
  'needs replacing',
  'is booked in',
  'broke down',
];
const WHEN = [
  'before winter',
  'on Friday',
  'next month',
  'after the holidays',
  'this weekend',
  'every spring',
  'in October',
  'by the end of the year',
  'tomorrow morning',
  'twice a year',
];

/** 1,000 distinct short notes, in a fixed order. */
export function benchNotes(): string[] {
  return WHO.flatMap((who) => WHAT.flatMap((what) => WHEN.map((when) => `${who} ${what} ${when}.`)));
}

/**
 * Stores the notes in the workspace's memory of `dataDir` with the offline embedder (its one-time conversion, about
 * 15 s, is reported on stderr), in batches of 100.
 */
export async function seedNotes(dataDir: string, notes: readonly string[]): Promise<void> {
  const store = await openMemoryForCli({
    dataDir,
    workspace: 'default',
    env: {},
    onEmbedderConversion: (progress) => {
      if (progress.stage === 'started') process.stderr.write('converting the offline embedder once (about 15 s)…\n');
    },
  });
  try {
    for (let at = 0; at < notes.length; at += 100) {
      const batch = notes.slice(at, at + 100).map((text) => ({ collection: 'notes', text, metadata: {}, tags: [] }));
      await store.write(batch, {});
    }
  } finally {
    await store.close();
  }
}
