import path from 'node:path';
import { onTestFinished } from 'vitest';
import { tempDir } from '../../test-support.ts';
import type { Embedder } from '../embedder.ts';
import { openLanceMemory, type LanceMemory, type LanceMemoryOptions } from '../lance-memory.ts';
import { hashEmbedder } from './hash-embedder.ts';

/** A LanceDB memory in a fresh temporary workspace folder, closed when the test finishes. */
export async function openTestMemory(
  options: Partial<LanceMemoryOptions> & { embedder?: Embedder } = {},
): Promise<LanceMemory & { dir: string }> {
  const dir = options.dir ?? path.join(await tempDir(), 'memory');
  const memory = openLanceMemory({ dir, embedder: options.embedder ?? hashEmbedder(), workspaceId: 'ws-test', ...options });
  onTestFinished(() => memory.close());
  return Object.assign(memory, { dir });
}
