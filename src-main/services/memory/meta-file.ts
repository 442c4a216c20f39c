import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';

/** What built the semantic table: checked before every search and write. `table` is the LanceDB table in use. */
export interface SemanticMeta {
  embedder: string;
  dimension: number;
  table: string;
}

/** `memory/meta.json`. */
export interface MemoryMeta {
  tables: { semantic?: SemanticMeta };
}

export async function readMeta(dir: string): Promise<MemoryMeta> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'meta.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { tables: {} };
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<MemoryMeta>;
  return { tables: { ...parsed.tables } };
}

/** Written atomically: a crash leaves the old meta or the new. */
export async function writeMeta(dir: string, meta: MemoryMeta): Promise<void> {
  await writeFileAtomic(path.join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
}
