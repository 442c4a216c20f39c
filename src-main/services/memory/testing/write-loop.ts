// A child process for the crash test: writes batches of memory records forever, printing "wrote <rows>" after
// each; the test kills it mid-write. Run as `node write-loop.ts <memory dir>` (Node strips the types).
import { openLanceMemory } from '../lance-memory.ts';
import { hashEmbedder } from './hash-embedder.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: write-loop.ts <memory dir>');
const memory = openLanceMemory({ dir, embedder: hashEmbedder(), workspaceId: 'ws-crash' });
const BATCH = 500;
for (let batch = 0; ; batch += 1) {
  const records = Array.from({ length: BATCH }, (_, i) => ({
    collection: 'crash',
    text: `batch ${batch} record ${i} marker b${batch}r${i} ${'filler text '.repeat(20)}`,
    ...(batch % 2 === 1 ? { key: `k${i}` } : {}),
  }));
  await memory.write(records, { runId: 'crash' });
  process.stdout.write(`wrote ${batch}\n`);
}
